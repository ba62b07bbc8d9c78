import type { Config } from '../config/load';
import { BadLines, LineWriter, openInput } from '../io/lines';
import { compileIcp, type IcpResult } from '../scoring/icp';
import { compileTal } from '../scoring/tal';
import { readCompanies } from './companies-input';

function line(result: IcpResult, tal: boolean): string {
  const { id, score, tier, completeness, reasons } = result;
  return JSON.stringify({ id, score, tier, tal, completeness, reasons });
}

/**
 * `icp-sync score`: one JSON line per company. Streams in constant memory, except with tal.maxSize,
 * where the TAL ranks every company: results are then held (compactly) until the input ends.
 */
export async function scoreCommand(config: Config, options: { input?: string }): Promise<number> {
  const score = compileIcp(config.icp);
  const tal = compileTal(config.icp.tal);
  const out = new LineWriter(process.stdout);
  const bad = new BadLines();
  const ranked = config.icp.tal?.maxSize !== undefined;
  const held: Array<{ result: IcpResult; domain: unknown }> = [];

  for await (const company of readCompanies(openInput(options.input), bad)) {
    const result = score(company);
    if (ranked) held.push({ result, domain: company.domain });
    else await out.write(line(result, tal.qualifies({ ...result, domain: company.domain })));
  }
  if (ranked) {
    const onTal = tal.select(held.map(({ result, domain }) => ({ ...result, domain })));
    for (const { result } of held) await out.write(line(result, onTal.has(result.id)));
  }
  await out.flush();
  return bad.count ? 1 : 0;
}
