import type { Config } from '../config/load';
import { BadLines, LineWriter, openInput, readLineBatches } from '../io/lines';
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

  const contactLine = (line: string, lineNo: number): string | undefined => {
    if (!line.trim()) return undefined;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line);
    } catch (err) {
      bad.report(lineNo, `not valid JSON (${(err as Error).message})`);
      return undefined;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      bad.report(lineNo, 'expected a JSON object such as {"id": "1", "jobTitle": "DRH"}');
      return undefined;
    }
    const title = text(record.jobTitle ?? record.title);
    const id = text(record.id);
    const result = classify(title?.slice(0, TITLE_MAX) ?? '', text(record.department));
    return JSON.stringify(id === undefined ? result : { id, ...result });
  };

  for await (const { lines, firstLineNo } of readLineBatches(openInput(options.input))) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const output = options.titles ? JSON.stringify(classify(line.slice(0, TITLE_MAX))) : contactLine(line, firstLineNo + i);
      const flushing = output === undefined ? undefined : out.write(output);
      if (flushing) await flushing;
    }
  }
  await out.flush();
  return bad.count ? 1 : 0;
}
