import { crmConfigSchema } from '../../src/config/crm.schema';
import { crmCredentials } from '../../src/config/env.schema';
import { createAdapter } from '../../src/crm';
import type { CrmAdapter } from '../../src/crm/adapter';
import { startSandbox, type RunningSandbox } from '@icp-sync/crm-sandbox';

/** An adapter on the sandbox with a budget that never waits. */
function adapterFor(sandbox: RunningSandbox): Promise<CrmAdapter> {
  const credentials = crmCredentials({ HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'test-token' });
  return createAdapter('hubspot', { config: crmConfigSchema.parse({ hubspot: { rateLimit: { max: 100_000, intervalSeconds: 10 } } }), credentials });
}

/** Company ids in list order, the first `max` of them (every one by default). */
async function companyIds(adapter: CrmAdapter, max = Infinity): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await adapter.pageCompanies({ cursor });
    ids.push(...page.records.map((r) => r.id));
    cursor = page.next;
  } while (cursor && ids.length < max);
  return ids.slice(0, max);
}

describe('HubSpot adapter: incremental reads past the search API 10,000-result cap', () => {
  let sandbox: RunningSandbox;
  let adapter: CrmAdapter;
  const MODIFIED = 10_300;

  beforeAll(async () => {
    sandbox = await startSandbox({ crm: 'hubspot', companies: 10_500, contacts: 10 });
    adapter = await adapterFor(sandbox);
  });
  afterAll(async () => {
    await adapter.close();
    await sandbox.close();
  });

  it('restarts the search from the last modified date and finds every modified company', async () => {
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const modified = await companyIds(adapter, MODIFIED);
    for (let i = 0; i < modified.length; i += 100) {
      const results = await adapter.update('companies', modified.slice(i, i + 100).map((id) => ({ id, values: { description: `touched ${id}` } })));
      expect(results.every((r) => r.ok)).toBe(true);
    }

    const seen = new Set<string>();
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await adapter.pageCompanies({ since, cursor });
      page.records.forEach((r) => seen.add(r.id));
      cursor = page.next;
      pages += 1;
    } while (cursor);
    expect(seen.size).toBe(MODIFIED);
    expect(new Set(modified)).toEqual(seen);
    // 200 per search page; the restart costs at most a page or two of repeats
    expect(pages).toBeLessThanOrEqual(Math.ceil(MODIFIED / 200) + 2);
  }, 120_000);
});

describe('HubSpot adapter: companies read by id', () => {
  it('reads more ids than one batch read takes (100) in several calls, leaving out ids HubSpot does not have', async () => {
    const sandbox = await startSandbox({ crm: 'hubspot', companies: 300, contacts: 10 });
    const adapter = await adapterFor(sandbox);
    try {
      const ids = await companyIds(adapter);
      const wanted = [...ids.slice(0, 250), '999999999999'];
      const records = await adapter.readCompanies(wanted);
      expect(records.map((r) => r.id).sort()).toEqual(ids.slice(0, 250).sort());
      expect(records[0].fields.name).toBeTruthy();
    } finally {
      await adapter.close();
      await sandbox.close();
    }
  });
});
