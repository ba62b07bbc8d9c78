import type { PersonasConfig } from '../config/personas.schema';
import type { CrmAdapter, Page } from '../crm/adapter';
import { CrmError } from '../crm/crm.error';
import type { CompanyInput } from '../scoring/icp';
import { createPersonaCollector } from './records';
import type { ValidationData } from './report';
import type { DealInput } from './types';

const ATTEMPTS = 6;

export interface ReadProgress {
  (counts: { companies: number; contacts: number; deals: number }): void;
}

/**
 * One page call outside the queue: a rate limit is waited out (Retry-After), a transient failure
 * retried with backoff, a bounded number of times; anything else is thrown.
 */
async function withRetries<T>(fn: () => Promise<T>, sleep: (ms: number) => Promise<void>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const retryable = err instanceof CrmError && (err.code === 'RATE_LIMITED' || err.code === 'TRANSIENT');
      if (!retryable || attempt >= ATTEMPTS) throw err;
      const wait = err.code === 'RATE_LIMITED' ? (err.details.retryAfterMs ?? 10_000) : Math.min(8_000, 250 * 2 ** attempt);
      await sleep(wait);
    }
  }
}

async function readAll<T>(page: (cursor?: string) => Promise<Page<T>>, each: (record: T) => void, sleep: (ms: number) => Promise<void>): Promise<void> {
  let cursor: string | undefined;
  do {
    const result = await withRetries(() => page(cursor), sleep);
    for (const record of result.records) each(record);
    cursor = result.next;
  } while (cursor);
}

/**
 * What validation needs from a CRM, read-only through the adapter (and so through the shared
 * request budget of sync): every company, every contact's key persona, the closed deals since
 * `closedSince`.
 */
export async function readCrmData(
  adapter: CrmAdapter,
  personas: PersonasConfig,
  closedSince: Date,
  options: { onProgress?: ReadProgress; sleep?: (ms: number) => Promise<void> } = {},
): Promise<ValidationData> {
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const counts = { companies: 0, contacts: 0, deals: 0 };
  const companies: CompanyInput[] = [];
  await readAll(
    (cursor) => adapter.pageCompanies({ cursor, inputsOnly: true }),
    (c) => {
      companies.push(c.fields);
      counts.companies += 1;
    },
    sleep,
  );
  options.onProgress?.(counts);
  const collector = createPersonaCollector(personas);
  await readAll(
    (cursor) => adapter.pageContacts({ cursor, inputsOnly: true }),
    (c) => {
      collector.add({ companyId: c.companyId, jobTitle: c.jobTitle, department: c.department });
      counts.contacts += 1;
    },
    sleep,
  );
  options.onProgress?.(counts);
  const deals: DealInput[] = [];
  await readAll(
    (cursor) => adapter.pageClosedDeals({ closedSince, cursor }),
    (d) => {
      deals.push(d);
      counts.deals += 1;
    },
    sleep,
  );
  options.onProgress?.(counts);
  return { companies, deals, personasFound: collector.result() };
}
