import { SalesforceError } from '../errors';
import { recordId } from '../ids';
import type { DataObject } from '../org/org';
import type { CompiledQuery } from '../soql/compile';
import type { RowSet } from '../soql/execute';
import { restDateTime } from './format';
import type { IngestOutcome } from '../data/ingest-csv';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export const DELIMITERS: Record<string, string> = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' };
export const LINE_ENDINGS: Record<string, string> = { LF: '\n', CRLF: '\r\n' };

interface JobBase {
  id: string;
  operation: string;
  object: string;
  state: JobState;
  createdDate: number;
  systemModstamp: number;
  apiVersion: number;
  columnDelimiter: string;
  lineEnding: string;
  startedAt?: number;
  finishedAt?: number;
}

export interface QueryJob extends JobBase {
  query: CompiledQuery;
  rows?: RowSet;
}


export interface IngestJob extends JobBase {
  object: DataObject;
  csv?: string;
  /** Whether the next record is locked by a `partial` fault drawn when the upload completed. */
  locked: () => boolean;
  errorMessage?: string;
  results?: IngestOutcome;
}

/** Bulk API 2.0 errors are `[{errorCode, message}]` like REST ones. */
export const invalidJob = (message: string, status = 400): SalesforceError => new SalesforceError(status, 'INVALIDJOB', message);

export function jobFormat(body: Record<string, unknown>): { columnDelimiter: string; lineEnding: string } {
  const columnDelimiter = typeof body.columnDelimiter === 'string' ? body.columnDelimiter : 'COMMA';
  const lineEnding = typeof body.lineEnding === 'string' ? body.lineEnding : 'LF';
  if (!(columnDelimiter in DELIMITERS)) throw invalidJob(`Invalid column delimiter: ${columnDelimiter}`);
  if (!(lineEnding in LINE_ENDINGS)) throw invalidJob(`Invalid line ending: ${lineEnding}`);
  if (body.contentType !== undefined && body.contentType !== 'CSV') throw invalidJob(`Invalid content type: ${String(body.contentType)}`);
  return { columnDelimiter, lineEnding };
}

/** Bulk API 2.0 jobs of the org (`750...` ids). */
export class BulkJobs {
  readonly query = new Map<string, QueryJob>();
  readonly ingest = new Map<string, IngestJob>();
  private issued = 0;

  clear(): void {
    this.query.clear();
    this.ingest.clear();
  }

  nextId(): string {
    return recordId('750', this.issued++);
  }
}

/** The job info fields common to query and ingest jobs. */
export function jobInfo(createdById: string, job: QueryJob | IngestJob, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById,
    createdDate: restDateTime(job.createdDate),
    systemModstamp: restDateTime(job.systemModstamp),
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    ...extra,
  };
}

/** A CSV cell as Bulk API 2.0 writes it: always quoted. */
export const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;
