import { parse } from 'csv-parse/sync';
import { CrmError } from '../crm.error';
import type { SalesforceClient } from './salesforce.client';

/** Rows per results page: big pages, few calls (Salesforce caps a page by size, not rows). */
export const BULK_PAGE_ROWS = 10_000;
/** One page call waits at most this long for the job to complete, then hands the cursor back. */
const MAX_WAIT_MS = 120_000;
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 5_000;

const PREFIX = 'bulk2:';

/** Where a Bulk API 2.0 query stands: the job and the locator of the next results page. */
export interface BulkCursor {
  jobId: string;
  locator?: string;
}

export const isBulkCursor = (cursor: string): boolean => cursor.startsWith(PREFIX);
export const encodeBulkCursor = (c: BulkCursor): string => `${PREFIX}${c.jobId}:${c.locator ?? ''}`;
export function decodeBulkCursor(cursor: string): BulkCursor {
  const [jobId, locator] = cursor.slice(PREFIX.length).split(':');
  if (!/^\w{15,18}$/.test(jobId)) throw new CrmError('VALIDATION', `not a Bulk API cursor: ${cursor}`);
  return { jobId, locator: locator || undefined };
}

interface JobInfo {
  id: string;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  errorMessage?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a Bulk API 2.0 query job for `soql`; returns its cursor. */
export async function startBulkQuery(client: SalesforceClient, soql: string, what: string): Promise<string> {
  const job = await client.json<JobInfo>(
    { method: 'POST', url: '/jobs/query', body: JSON.stringify({ operation: 'query', query: soql }), headers: { 'content-type': 'application/json' } },
    `starting a Bulk API query for ${what}`,
    // A second query job, should the first have been created after all, only reads: harmless.
    { idempotent: true },
  );
  return encodeBulkCursor({ jobId: job.id });
}

/**
 * One page of a Bulk API 2.0 query: waits for the job (polling with backoff, up to two minutes),
 * then reads `maxRecords` rows at the cursor's locator. We page ourselves: jsforce's bulk2.query
 * garbles results of more than one page in 3.10.x. Returns no rows and the same cursor when the job
 * is still running, so the caller saves its place and asks again.
 */
export async function readBulkPage(client: SalesforceClient, cursor: string, what: string): Promise<{ rows: Array<Record<string, string>>; next?: string }> {
  const { jobId, locator } = decodeBulkCursor(cursor);
  if (locator === undefined) {
    const deadline = Date.now() + MAX_WAIT_MS;
    for (let wait = FIRST_POLL_MS; ; wait = Math.min(MAX_POLL_MS, wait * 2)) {
      const job = await client.json<JobInfo>(`/jobs/query/${jobId}`, `checking the Bulk API query for ${what}`);
      if (job.state === 'JobComplete') break;
      if (job.state === 'Failed' || job.state === 'Aborted') {
        throw new CrmError('TRANSIENT', `the Bulk API query job ${jobId} for ${what} ended ${job.state}: ${job.errorMessage ?? 'no message'}`);
      }
      if (Date.now() + wait > deadline) return { rows: [], next: cursor };
      await sleep(wait);
    }
  }
  const query = `maxRecords=${BULK_PAGE_ROWS}${locator ? `&locator=${encodeURIComponent(locator)}` : ''}`;
  const response = await client.call<string>(`/jobs/query/${jobId}/results?${query}`, `reading the Bulk API results for ${what}`, { text: true });
  const rows = parse(response.body, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const nextLocator = response.headers['sforce-locator'];
  return { rows, next: nextLocator && nextLocator !== 'null' ? encodeBulkCursor({ jobId, locator: nextLocator }) : undefined };
}
