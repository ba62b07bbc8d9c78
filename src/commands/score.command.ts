import { createWriteStream, mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/load';
import { BadLines, LineWriter, openInput, readLineBatches } from '../io/lines';
import { compileIcp, type IcpResult } from '../scoring/icp';
import { compileTal } from '../scoring/tal';
import { companyColumns, readCompanies } from './companies-input';

/** Never emitted raw by JSON.stringify, so it can separate the parts of a spooled line. */
const SEP = '\u0001';

/** The output line in two halves around the TAL flag, which with maxSize is known only at the end. */
function lineParts(result: IcpResult): [head: string, tail: string] {
  const { id, score, tier, completeness, reasons } = result;
  const head = `{"id":${JSON.stringify(id)},"score":${score},"tier":${JSON.stringify(tier)},"tal":`;
  return [head, `,"completeness":${completeness},"reasons":${JSON.stringify(reasons)}}`];
}

/**
 * `icp-sync score`: one JSON line per company, in input order, streaming in constant memory.
 * With tal.maxSize the TAL ranks every company: lines are spooled to a temporary file while a
 * bounded selection keeps the best candidates, then written out with the final TAL flag.
 */
export async function scoreCommand(config: Config, options: { input?: string }): Promise<number> {
  const score = compileIcp(config.icp);
  const tal = compileTal(config.icp.tal);
  const out = new LineWriter(process.stdout);
  const bad = new BadLines();
  const input = openInput(options.input);
  const columns = companyColumns(config.crm);

  if (config.icp.tal?.maxSize === undefined) {
    for await (const company of readCompanies(input, bad, columns)) {
      const result = score(company);
      const [head, tail] = lineParts(result);
      const flushing = out.write(`${head}${tal.qualifies({ ...result, domain: company.domain })}${tail}`);
      if (flushing) await flushing;
    }
    await out.flush();
    return bad.count ? 1 : 0;
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'icp-score-'));
  try {
    const spoolFile = path.join(dir, 'spool');
    const spoolStream = createWriteStream(spoolFile);
    const spool = new LineWriter(spoolStream);
    const selector = tal.createSelector();
    for await (const company of readCompanies(input, bad, columns)) {
      const result = score(company);
      selector.add({ ...result, domain: company.domain });
      const flushing = spool.write(`${JSON.stringify(result.id)}${SEP}${lineParts(result).join(SEP)}`);
      if (flushing) await flushing;
    }
    await spool.flush();
    spoolStream.end();
    await once(spoolStream, 'finish');
    const onTal = selector.result();
    for await (const { lines } of readLineBatches(createReadStream(spoolFile))) {
      for (const line of lines) {
        const [id, head, tail] = line.split(SEP);
        const flushing = out.write(`${head}${onTal.has(JSON.parse(id))}${tail}`);
        if (flushing) await flushing;
      }
    }
    await out.flush();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return bad.count ? 1 : 0;
}
