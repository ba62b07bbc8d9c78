import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import type { CrmConfig } from '../config/crm.schema';
import { crmConfigSchema } from '../config/crm.schema';
import { COMPANY_FIELDS, type CompanyField } from '../config/icp.schema';
import type { CompanyInput } from '../scoring/icp';
import { fold } from '../scoring/text';
import { openInput, readLines, stripBom, type BadLines } from '../io/lines';

/** Column name (folded: case, accents, spaces and punctuation ignored) -> canonical field. */
export type CompanyColumns = ReadonlyMap<string, CompanyField>;

const key = (column: string): string => fold(column).replace(/[^a-z0-9]/g, '');

/** How the CRMs' own exports name the columns (HubSpot's export headers, Salesforce report labels). */
const EXPORT_HEADERS: Record<CompanyField, string[]> = {
  id: ['Record ID', 'hs_object_id', 'Company ID', 'Account ID', 'Id'],
  name: ['Company name', 'Account Name', 'Name'],
  domain: ['Company Domain Name', 'Website URL', 'Website', 'Domain'],
  industry: ['Industry'],
  annualRevenue: ['Annual Revenue', 'Revenue'],
  employees: ['Number of Employees', 'Employees', 'Headcount'],
  country: ['Country/Region', 'Country', 'Billing Country'],
  technologies: ['Web Technologies', 'Technologies'],
};

/**
 * The columns a company file may use for each canonical field: the canonical names, the CRM
 * property names of crm.yaml's mapping (HubSpot and Salesforce: `numberofemployees`,
 * `NumberOfEmployees`, `BillingCountry`...) and the CRMs' export headers (`Record ID`...).
 */
export function companyColumns(crm: CrmConfig = crmConfigSchema.parse({})): CompanyColumns {
  const columns = new Map<string, CompanyField>();
  const add = (column: string, field: CompanyField) => {
    if (!columns.has(key(column))) columns.set(key(column), field);
  };
  for (const field of COMPANY_FIELDS) add(field, field);
  for (const mapping of [crm.hubspot.companies, crm.salesforce.account]) {
    for (const [field, property] of Object.entries(mapping)) add(property, field as CompanyField);
  }
  for (const [field, headers] of Object.entries(EXPORT_HEADERS)) for (const header of headers) add(header, field as CompanyField);
  return columns;
}

const DEFAULT_COLUMNS = companyColumns();

/** Keeps the known columns as canonical fields, drops the rest; a problem text when the record has no usable id. */
export function toCompany(record: Record<string, unknown>, columns: CompanyColumns = DEFAULT_COLUMNS): CompanyInput | string {
  const company: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(record)) {
    const field = columns.get(key(column));
    // A canonical name wins over an alias for the same field (`id` over `Record ID`).
    if (field && (company[field] === undefined || column === field)) company[field] = value;
  }
  const id = company.id;
  if (typeof id === 'number' && Number.isFinite(id)) return company as CompanyInput;
  if (typeof id === 'string' && id.trim()) return { ...company, id: id.trim() } as CompanyInput;
  return 'no company id in this row (an "id" column, or "Record ID" / "Id" as the CRMs export it, with a value)';
}

/** Warns once, on stderr, about the columns of a file that map to no company field. */
function warnUnmapped(names: string[], columns: CompanyColumns, known = new Set<string>()): void {
  const unmapped = names.filter((n) => !columns.has(key(n)) && !known.has(n));
  for (const n of unmapped) known.add(n);
  if (unmapped.length) {
    process.stderr.write(
      `warning: ignored column${unmapped.length > 1 ? 's' : ''} ${unmapped.map((n) => JSON.stringify(n)).join(', ')}: ` +
        `not a company field (${COMPANY_FIELDS.join(', ')}) nor a CRM property of crm.yaml's mapping\n`,
    );
  }
}

/** Turns one parsed row into a record, or a problem text that skips the row. */
export type RecordConverter<T> = (record: Record<string, unknown>) => T | string;

/** How to read the rows of one kind of file: each row's conversion, and what to do with the column names. */
export interface RecordFormat<T> {
  convert: RecordConverter<T>;
  /** Told the column names (the CSV header, each JSON line's keys). */
  columns?: (names: string[]) => void;
}

async function* fromJsonLines<T>(input: Readable, bad: BadLines, format: RecordFormat<T>): AsyncGenerator<T> {
  for await (const { line, lineNo } of readLines(input)) {
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      bad.report(lineNo, 'not a JSON object (each line must be one {...} record)');
      continue;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      bad.report(lineNo, 'expected a JSON object per line');
      continue;
    }
    format.columns?.(Object.keys(record));
    const converted = format.convert(record as Record<string, unknown>);
    if (typeof converted === 'string') bad.report(lineNo, converted);
    else yield converted;
  }
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter of a CSV header line: the most frequent of `,` `;` tab outside quotes (Excel in French writes `;`). */
export function detectDelimiter(header: string): (typeof DELIMITERS)[number] {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0] as (typeof DELIMITERS)[number];
}

/** csv-parse's reasons, in the words of someone who opened the file in Excel. */
function csvProblem(err: CsvError & { record?: unknown[] }, header: number): string {
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return `${err.record?.length ?? 'a different number of'} values where the header has ${header} columns (a separator inside a value that is not quoted?)`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed (a missing " ?)';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'characters after a closing quote (write "" for a quote inside a quoted value)';
    default:
      return `unreadable CSV row (${err.message.replace(/ at line \d+\.?$/, '')})`;
  }
}

async function* fromCsv<T>(input: Readable, head: string, bad: BadLines, format: RecordFormat<T>): AsyncGenerator<T> {
  const firstLine = head.split(/\r?\n/, 1)[0];
  const delimiter = detectDelimiter(firstLine);
  let headerLength = 0;
  const parser = input.pipe(
    parse({
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      skip_records_with_error: true,
      columns: (names: string[]) => {
        headerLength = names.length;
        format.columns?.(names);
        return names;
      },
    }),
  );
  parser.on('skip', (err: CsvError & { lines?: number }) => bad.report(err.lines ?? 0, csvProblem(err, headerLength)));
  for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const converted = format.convert(row.record);
    if (typeof converted === 'string') bad.report(row.info.lines, converted);
    else yield converted;
  }
}

/**
 * Companies from JSON lines or CSV with a header row (`,` `;` or tab separated, with or without a
 * BOM), told apart by the first character. Columns may be named as the CRMs name them (`columns`).
 */
export function readCompanies(input: Readable, bad: BadLines, columns: CompanyColumns = DEFAULT_COLUMNS): AsyncGenerator<CompanyInput> {
  const warned = new Set<string>();
  return readRecords(input, bad, { convert: (record) => toCompany(record, columns), columns: (names) => warnUnmapped(names, columns, warned) });
}

/** Any records (companies, deals, contacts) from JSON lines or CSV with a header row, read as `readCompanies` reads. */
export async function* readRecords<T>(input: Readable, bad: BadLines, format: RecordFormat<T> | RecordConverter<T>): AsyncGenerator<T> {
  const rows = typeof format === 'function' ? { convert: format } : format;
  const chunks = input[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done) return;
  const head = stripBom(Buffer.isBuffer(first.value) ? first.value.toString('utf8') : String(first.value));
  // The first chunk told the format; the parsers read it again, then the rest.
  const whole = Readable.from(
    (async function* () {
      yield Buffer.isBuffer(first.value) ? first.value : Buffer.from(String(first.value));
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })(),
    { objectMode: false },
  );
  yield* head.trimStart().startsWith('{') ? fromJsonLines(whole, bad, rows) : fromCsv(whole, head, bad, rows);
}

/** Companies of a file (or stdin for undefined / "-"), CSV or JSON lines, with crm.yaml's property names accepted. */
export function readCompaniesFile(file: string | undefined, bad: BadLines, crm?: CrmConfig): AsyncGenerator<CompanyInput> {
  return readCompanies(openInput(file), bad, crm ? companyColumns(crm) : DEFAULT_COLUMNS);
}
