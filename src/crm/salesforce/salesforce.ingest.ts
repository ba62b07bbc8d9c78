import { parse } from 'csv-parse/sync';
import type { BulkJobStatus, BulkWriter, ObjectKind, PropertyValue, RecordUpdate, WriteResult } from '../adapter';
import type { SalesforceClient } from './salesforce.client';

/**
 * Bulk API 2.0 takes at most 150 MB of base64 per upload, "upload data that does not exceed
 * 100 MB": decimal megabytes, to stay on the safe side of either reading.
 */
export const MAX_UPLOAD_BYTES = 100_000_000;
/** Bulk API 2.0 clears a field with `#N/A`; an empty cell leaves it as it is. */
const NULL_CELL = '#N/A';
const RETRYABLE = new Set(['UNABLE_TO_LOCK_ROW']);

const STATE: Record<string, BulkJobStatus['state']> = {
  Open: 'open',
  UploadComplete: 'running',
  InProgress: 'running',
  JobComplete: 'complete',
  Failed: 'failed',
  Aborted: 'failed',
};

interface IngestJobInfo {
  id: string;
  state: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  errorMessage?: string;
}

/**
 * One CSV cell. A value the record's change does not carry stays empty (left unchanged); null and
 * "" become `#N/A`, as the REST writes clear the field for both.
 */
export function csvCell(value: PropertyValue | undefined): string {
  if (value === undefined) return '';
  if (value === null || value === '') return NULL_CELL;
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function columnsOf(updates: RecordUpdate[]): string[] {
  const columns = new Set<string>();
  for (const u of updates) for (const name of Object.keys(u.values)) columns.add(name);
  columns.delete('Id');
  return ['Id', ...columns];
}

const row = (columns: string[], u: RecordUpdate): string => columns.map((c) => csvCell(c === 'Id' ? u.id : u.values[c])).join(',');

/** The upload of an update job: `Id` and every field some record changes, LF line endings. */
export function updateCsv(updates: RecordUpdate[]): string {
  const columns = columnsOf(updates);
  return [columns.join(','), ...updates.map((u) => row(columns, u))].join('\n') + '\n';
}

/** How many of `updates`, from the first, fit in one upload of at most `maxBytes` (at least one). */
export function fitUpload(updates: RecordUpdate[], maxBytes = MAX_UPLOAD_BYTES): number {
  const columns = columnsOf(updates);
  let bytes = Buffer.byteLength(columns.join(',')) + 1;
  for (let i = 0; i < updates.length; i += 1) {
    bytes += Buffer.byteLength(row(columns, updates[i])) + 1;
    if (bytes > maxBytes) return Math.max(1, i);
  }
  return updates.length;
}

/** `CODE:message:fields` as failedResults gives it. */
function writeError(text: string): WriteResult['error'] {
  const code = /^([A-Z_]+):/.exec(text)?.[1] ?? '';
  return { message: text.replace(/:--$/, ''), retryable: RETRYABLE.has(code) };
}

/**
 * Bulk API 2.0 update jobs (ingest) behind the BulkWriter port: one call per step, no waiting;
 * the queue polls. Results are matched by the Id column we sent (echoed in every results file).
 */
export class SalesforceBulkWriter implements BulkWriter {
  constructor(
    private readonly client: SalesforceClient,
    private readonly sobject: Record<ObjectKind, string>,
    readonly threshold: number,
    private readonly maxUploadBytes = MAX_UPLOAD_BYTES,
  ) {}

  fits(updates: RecordUpdate[]): number {
    return fitUpload(updates, this.maxUploadBytes);
  }

  async create(kind: ObjectKind): Promise<string> {
    const body = { object: this.sobject[kind], operation: 'update', contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' };
    const job = await this.client.json<IngestJobInfo>(
      { method: 'POST', url: '/jobs/ingest', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
      `creating a Bulk API update job for ${this.sobject[kind]}`,
    );
    return job.id;
  }

  async upload(jobId: string, updates: RecordUpdate[]): Promise<void> {
    await this.client.call(
      { method: 'PUT', url: `/jobs/ingest/${jobId}/batches`, body: updateCsv(updates), headers: { 'content-type': 'text/csv' } },
      `uploading ${updates.length} records to the Bulk API job ${jobId}`,
      { text: true },
    );
    await this.setState(jobId, 'UploadComplete', `closing the Bulk API job ${jobId}`);
  }

  async status(jobId: string): Promise<BulkJobStatus> {
    return this.toStatus(await this.client.json<IngestJobInfo>(`/jobs/ingest/${jobId}`, `checking the Bulk API job ${jobId}`));
  }

  async abort(jobId: string): Promise<void> {
    await this.setState(jobId, 'Aborted', `aborting the Bulk API job ${jobId}`);
  }

  async results(status: BulkJobStatus): Promise<WriteResult[]> {
    const out: WriteResult[] = [];
    if (status.processed === 0) return out;
    if (status.processed > status.failed) {
      for (const r of await this.rows(status.id, 'successfulResults')) out.push({ id: r.Id || r.sf__Id, ok: true });
    }
    if (status.failed > 0) {
      for (const r of await this.rows(status.id, 'failedResults')) out.push({ id: r.Id || r.sf__Id, ok: false, error: writeError(r.sf__Error ?? '') });
    }
    // Only a job that stopped part-way leaves records unprocessed.
    if (status.state === 'failed') {
      for (const r of await this.rows(status.id, 'unprocessedrecords')) {
        out.push({ id: r.Id, ok: false, error: { message: `not processed: the Bulk API job ${status.id} stopped (${status.message ?? 'no message'})`, retryable: true } });
      }
    }
    return out;
  }

  private async setState(jobId: string, state: 'UploadComplete' | 'Aborted', what: string): Promise<void> {
    await this.client.json({ method: 'PATCH', url: `/jobs/ingest/${jobId}`, body: JSON.stringify({ state }), headers: { 'content-type': 'application/json' } }, what);
  }

  private async rows(jobId: string, file: 'successfulResults' | 'failedResults' | 'unprocessedrecords'): Promise<Array<Record<string, string>>> {
    const response = await this.client.call<string>(`/jobs/ingest/${jobId}/${file}`, `reading the ${file} of the Bulk API job ${jobId}`, { text: true });
    return parse(response.body || '', { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>;
  }

  private toStatus(job: IngestJobInfo): BulkJobStatus {
    return {
      id: job.id,
      state: STATE[job.state] ?? 'running',
      processed: job.numberRecordsProcessed ?? 0,
      failed: job.numberRecordsFailed ?? 0,
      ...(job.errorMessage ? { message: job.errorMessage } : {}),
    };
  }
}
