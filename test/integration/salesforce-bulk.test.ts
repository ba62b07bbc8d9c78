import { crmCredentials } from '../../src/config/env.schema';
import { createAdapter } from '../../src/crm';
import type { ContactRecord, CrmAdapter } from '../../src/crm/adapter';
import { BULK_PAGE_ROWS } from '../../src/crm/salesforce/salesforce.bulk';
import { startSandbox, type RunningSandbox } from '@icp-sync/crm-sandbox';
import { loadDefaultConfig } from '../support/env';

const config = loadDefaultConfig();
const CONTACTS = 12_500;
let credentials = crmCredentials({});
let sandbox: RunningSandbox;
let adapter: CrmAdapter;

beforeAll(async () => {
  sandbox = await startSandbox({ crm: 'salesforce', companies: 40, contacts: CONTACTS });
  credentials = crmCredentials({ SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'bulk-token' });
  adapter = await createAdapter('salesforce', { credentials, config: config.crm });
  await adapter.setup({ personas: config.personas.personas, lists: false });
});
afterAll(async () => {
  await adapter.close();
  await sandbox.close();
});

const routeCount = async (route: string): Promise<number> => {
  const stats = (await sandbox.stats()) as { requests: Record<string, Record<string, number>> };
  return Object.values(stats.requests[route] ?? {}).reduce((a, b) => a + b, 0);
};

async function pages(a: CrmAdapter, since?: Date): Promise<{ records: ContactRecord[]; sizes: number[]; cursors: string[] }> {
  const records: ContactRecord[] = [];
  const sizes: number[] = [];
  const cursors: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await a.pageContacts({ since, cursor });
    records.push(...page.records);
    sizes.push(page.records.length);
    cursor = page.next;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  return { records, sizes, cursors };
}

test('above bulkThreshold, contacts come through a Bulk API 2.0 query, paged by locator, each once', async () => {
  const jobsBefore = await routeCount('POST /services/data/:version/jobs/query');
  const bulk = await pages(adapter);
  expect(await routeCount('POST /services/data/:version/jobs/query')).toBe(jobsBefore + 1);
  // The REST page that told the total is dropped; then the results pages.
  expect(bulk.sizes).toEqual([0, BULK_PAGE_ROWS, CONTACTS - BULK_PAGE_ROWS]);
  expect(bulk.cursors[0]).toMatch(/^bulk2:\w+:$/);
  expect(bulk.cursors[1]).toMatch(/^bulk2:\w+:.+$/);
  expect(new Set(bulk.records.map((r) => r.id)).size).toBe(CONTACTS);

  // Same records, same values as through REST.
  const rest = await createAdapter('salesforce', { credentials, config: { ...config.crm, salesforce: { ...config.crm.salesforce, bulkThreshold: 1_000_000 } } });
  try {
    const viaRest = await pages(rest);
    expect(viaRest.sizes.length).toBe(Math.ceil(CONTACTS / 2000));
    const byId = new Map(viaRest.records.map((r) => [r.id, r]));
    for (const record of bulk.records) expect(record).toEqual(byId.get(record.id));
  } finally {
    await rest.close();
  }
});

test('values written read back through Bulk CSV as equal (strings, "" for null)', async () => {
  const { records } = await adapter.pageContacts({ cursor: (await adapter.pageContacts({})).next });
  const values = adapter.contactValues({ persona: 'other', seniority: 'vp', function: 'sales', buyingRole: 'DECISION_MAKER' });
  expect(await adapter.update('contacts', [{ id: records[0].id, values }])).toEqual([{ id: records[0].id, ok: true }]);
  const all = await pages(adapter);
  expect(all.records.find((r) => r.id === records[0].id)!.current).toEqual(values);
});

test('an incremental window below the threshold stays on REST', async () => {
  const since = new Date(Date.now() - 60_000);
  const jobsBefore = await routeCount('POST /services/data/:version/jobs/query');
  const recent = await pages(adapter, since);
  expect(recent.records.length).toBeGreaterThanOrEqual(1);
  expect(recent.records.length).toBeLessThan(10);
  expect(await routeCount('POST /services/data/:version/jobs/query')).toBe(jobsBefore);
});
