import type { Config } from '../config/load';
import { BadLines, LineWriter, openInput, readLines } from '../io/lines';
import { compilePersonas } from '../scoring/personas';

const TITLE_MAX = 2048;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * `icp-sync classify`: contacts as JSON lines ({id, jobTitle, department?}) or, with --titles, one raw
 * title per line; one JSON line out per contact, in input order. Constant memory.
 */
export async function classifyCommand(config: Config, options: { input?: string; titles?: boolean }): Promise<number> {
  const classify = compilePersonas(config.personas);
  const out = new LineWriter(process.stdout);
  const bad = new BadLines();

  for await (const { line, lineNo } of readLines(openInput(options.input))) {
    if (options.titles) {
      await out.write(JSON.stringify(classify(line.slice(0, TITLE_MAX))));
      continue;
    }
    if (!line.trim()) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line);
    } catch (err) {
      bad.report(lineNo, `not valid JSON (${(err as Error).message})`);
      continue;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      bad.report(lineNo, 'expected a JSON object such as {"id": "1", "jobTitle": "DRH"}');
      continue;
    }
    const title = text(record.jobTitle ?? record.title);
    const id = text(record.id);
    const result = classify(title?.slice(0, TITLE_MAX) ?? '', text(record.department));
    await out.write(JSON.stringify(id === undefined ? result : { id, ...result }));
  }
  await out.flush();
  return bad.count ? 1 : 0;
}
