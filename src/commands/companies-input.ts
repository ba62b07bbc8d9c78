import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { COMPANY_FIELDS } from '../config/icp.schema';
import type { CompanyInput } from '../scoring/icp';
import { readLines, type BadLines } from '../io/lines';

const FIELD_BY_LOWER = new Map<string, string>(COMPANY_FIELDS.map((f) => [f.toLowerCase(), f]));

/** Keeps the canonical fields (any case), drops the rest; a problem text when the record has no usable id. */
export function toCompany(record: Record<string, unknown>): CompanyInput | string {
  const company: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const field = FIELD_BY_LOWER.get(key.trim().toLowerCase());
    if (field) company[field] = value;
  }
  const id = company.id;
  if (typeof id === 'number' && Number.isFinite(id)) return company as CompanyInput;
  if (typeof id === 'string' && id.trim()) return { ...company, id: id.trim() } as CompanyInput;
  return 'no "id" (a non-empty string or number) in the record';
}

/** Turns one parsed row into a record, or a problem text that skips the row. */
export type RecordConverter<T> = (record: Record<string, unknown>) => T | string;

async function* fromJsonLines<T>(input: Readable, bad: BadLines, convert: RecordConverter<T>): AsyncGenerator<T> {
  for await (const { line, lineNo } of readLines(input)) {
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (err) {
      bad.report(lineNo, `not valid JSON (${(err as Error).message})`);
      continue;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      bad.report(lineNo, 'expected a JSON object per line');
      continue;
    }
    const converted = convert(record as Record<string, unknown>);
    if (typeof converted === 'string') bad.report(lineNo, converted);
    else yield converted;
  }
}

async function* fromCsv<T>(input: Readable, bad: BadLines, convert: RecordConverter<T>): AsyncGenerator<T> {
  const parser = input.pipe(
    parse({ columns: true, info: true, bom: true, skip_empty_lines: true, trim: true, skip_records_with_error: true }),
  );
  parser.on('skip', (err: Error & { lines?: number }) => bad.report(err.lines ?? 0, `bad CSV row (${err.message})`));
  for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const converted = convert(row.record);
    if (typeof converted === 'string') bad.report(row.info.lines, converted);
    else yield converted;
  }
}

/** Companies from JSON lines or CSV with a header row, told apart by the first character. */
export function readCompanies(input: Readable, bad: BadLines): AsyncGenerator<CompanyInput> {
  return readRecords(input, bad, toCompany);
}

/** Any records (companies, deals, contacts) from JSON lines or CSV with a header row. */
export async function* readRecords<T>(input: Readable, bad: BadLines, convert: RecordConverter<T>): AsyncGenerator<T> {
  const first = await new Promise<Buffer | null>((resolve, reject) => {
    input.once('error', reject);
    const onReadable = () => {
      const chunk = input.read() as Buffer | null;
      input.off('readable', onReadable);
      input.off('end', onEnd);
      resolve(chunk);
    };
    const onEnd = () => resolve(null);
    input.on('readable', onReadable);
    input.once('end', onEnd);
  });
  if (!first) return;
  input.unshift(first);
  const isJson = first.toString('utf8').trimStart().startsWith('{');
  yield* isJson ? fromJsonLines(input, bad, convert) : fromCsv(input, bad, convert);
}
