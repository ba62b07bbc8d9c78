import type { CompanyRecord, ContactRecord, CrmAdapter, Page } from '../../src/crm/adapter';

/** Every record of a paged read, following the cursor to the end. */
export async function all<T>(page: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    out.push(...result.records);
    cursor = result.next;
  } while (cursor);
  return out;
}

export const allCompanies = (adapter: CrmAdapter): Promise<CompanyRecord[]> => all((cursor) => adapter.pageCompanies({ cursor }));
export const allContacts = (adapter: CrmAdapter): Promise<ContactRecord[]> => all((cursor) => adapter.pageContacts({ cursor }));

/** Polls until `check` holds (errors count as not yet), or fails after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
