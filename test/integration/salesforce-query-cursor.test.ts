import { crmCredentials } from '../../src/config/env.schema';
import { createAdapter } from '../../src/crm';
import type { ContactRecord, CrmAdapter } from '../../src/crm/adapter';
import { startSandbox, type RunningSandbox } from '@icp-sync/crm-sandbox';
import { loadDefaultConfig } from '../support/env';

const config = loadDefaultConfig();
const CONTACTS = 4_500;
let credentials = crmCredentials({});
let sandbox: RunningSandbox;
let adapter: CrmAdapter;
let calls: number[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ crm: 'salesforce', companies: 40, contacts: CONTACTS });
  credentials = crmCredentials({ SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'cursor-token' });
  adapter = await createAdapter('salesforce', { credentials, config: config.crm, onApiCall: (_crm, status) => calls.push(status) });
  await adapter.setup({ personas: config.personas.personas, lists: false });
});
afterAll(async () => {
  await adapter.close();
  await sandbox.close();
});

async function rest(cursor?: string, since?: Date): Promise<ContactRecord[]> {
  const out: ContactRecord[] = [];
  do {
    const page = await adapter.pageContacts({ cursor, since });
    out.push(...page.records);
    cursor = page.next;
  } while (cursor);
  return out;
}

/** The sandbox keeps 10 open cursors, as Salesforce does, and drops the oldest beyond that. */
async function expireOpenCursors(): Promise<void> {
  for (let i = 0; i < 10; i += 1) expect((await adapter.pageContacts({})).next).toBeDefined();
}

test('an expired query locator resumes after the last record read, each record once, in order', async () => {
  const expected = (await rest()).map((r) => r.id);
  expect(expected.length).toBe(CONTACTS);

  const first = await adapter.pageContacts({});
  expect(first.records.length).toBe(2_000);
  expect(first.next).toMatch(/^rest:/);
  await expireOpenCursors();
  calls = [];
  const rest1 = await rest(first.next);
  // The dead locator (400 INVALID_QUERY_LOCATOR), the query from the last position, then its next page.
  expect(calls).toEqual([400, 200, 200]);
  expect([...first.records, ...rest1].map((r) => r.id)).toEqual(expected);
});

test('the same within an incremental window', async () => {
  const since = new Date(Date.now() - 3_600_000);
  const expected = (await rest(undefined, since)).map((r) => r.id);
  const first = await adapter.pageContacts({ since });
  await expireOpenCursors();
  const more = await rest(first.next, since);
  expect([...first.records, ...more].map((r) => r.id)).toEqual(expected);
});

test('records modified while paging come again at the end, none is skipped', async () => {
  const first = await adapter.pageContacts({});
  const before = first.records.slice(0, 3);
  const values = adapter.contactValues({ persona: 'other', seniority: 'vp', function: 'sales', buyingRole: 'DECISION_MAKER' });
  await adapter.update('contacts', before.map((r) => ({ id: r.id, values })));
  await expireOpenCursors();
  const ids = [...first.records, ...(await rest(first.next))].map((r) => r.id);
  expect(new Set(ids).size).toBe(CONTACTS);
  expect(new Set(ids.slice(-3))).toEqual(new Set(before.map((r) => r.id)));
});

test('a bare nextRecordsUrl (a cursor saved before positions) that expired is NOT_FOUND, not a silent restart', async () => {
  const first = await adapter.pageContacts({});
  const url = first.next!.split(',').slice(2).join(',');
  await expireOpenCursors();
  await expect(adapter.pageContacts({ cursor: url })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/INVALID_QUERY_LOCATOR/) });
});
