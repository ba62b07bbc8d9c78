import { crmCredentials } from '../../src/config/env.schema';
import { createAdapter } from '../../src/crm';
import type { CrmAdapter } from '../../src/crm/adapter';
import { retrySetup } from '../../src/commands/setup.command';
import { DEFAULT_RETRY } from '../../src/crm/salesforce/salesforce.retry';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '@icp-sync/crm-sandbox';
import { loadDefaultConfig } from '../support/env';

const config = loadDefaultConfig();
let credentials = crmCredentials({});
let sandbox: RunningSandbox | undefined;
let adapter: CrmAdapter | undefined;

afterEach(async () => {
  await adapter?.close();
  await sandbox?.close();
  adapter = sandbox = undefined;
});
afterAll(() => {
});

/** A sandbox with our fields set up (before faults apply), and an adapter on it. */
async function start(options: Omit<SandboxOptions, 'crm'> = {}, crm: Partial<typeof config.crm.salesforce> = {}, onApiCall?: (status: number) => void): Promise<CrmAdapter> {
  sandbox = await startSandbox({ crm: 'salesforce', companies: 30, contacts: 30, ...options });
  credentials = crmCredentials({ SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'errors-token' });
  adapter = await createAdapter('salesforce', { credentials, config: { ...config.crm, salesforce: { ...config.crm.salesforce, ...crm } }, onApiCall: (_crm, status) => onApiCall?.(status) });
  return adapter;
}

const setFaults = async (faults: string, timeoutFaultMs?: number): Promise<void> => {
  const response = await fetch(`${sandbox!.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults, timeoutFaultMs }) });
  expect(response.status).toBe(204);
};

const requests = async (route: string): Promise<number> => {
  const stats = (await sandbox!.stats()) as { requests: Record<string, Record<string, number>> };
  return Object.values(stats.requests[route] ?? {}).reduce((a, b) => a + b, 0);
};

test('before setup, our fields are invisible: SETUP error that says to run setup', async () => {
  const a = await start();
  await expect(a.pageCompanies({})).rejects.toMatchObject({
    code: 'SETUP',
    message: expect.stringContaining('run `icp-sync setup --crm salesforce` (fields are invisible until the permission set is assigned)'),
  });
});

test('UNABLE_TO_LOCK_ROW is retryable for its record; other record errors are not; order kept', async () => {
  const a = await start();
  await a.setup({ personas: config.personas.personas, lists: false });
  const [x, y, z] = (await a.pageCompanies({})).records;
  await fetch(`${sandbox!.url}/__sandbox/locks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: [y.id], attempts: 1 }) });
  const results = await a.update('companies', [
    { id: x.id, values: { ICP_Fit_Score__c: 50 } },
    { id: y.id, values: { ICP_Fit_Score__c: 51 } },
    { id: z.id, values: { ICP_Tier__c: 'platinum' } },
  ]);
  expect(results).toEqual([
    { id: x.id, ok: true },
    { id: y.id, ok: false, error: { retryable: true, message: expect.stringMatching(/^UNABLE_TO_LOCK_ROW/) } },
    { id: z.id, ok: false, error: { retryable: false, message: expect.stringMatching(/^INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: .*platinum/) } },
  ]);
  // The lock is gone: the retry goes through.
  expect(await a.update('companies', [{ id: y.id, values: { ICP_Fit_Score__c: 51 } }])).toEqual([{ id: y.id, ok: true }]);
  // A wrongly typed value rejects the whole call: VALIDATION, the engine splits the batch.
  await expect(a.update('companies', [{ id: x.id, values: { ICP_TAL__c: 'maybe' } }])).rejects.toMatchObject({ code: 'VALIDATION' });
});

test('the API reserve: DAILY_LIMIT once usage reaches (1 - apiReserve) of the allocation', async () => {
  const a = await start({ dailyLimit: 50 }, { apiReserve: 0.2 });
  await a.setup({ personas: config.personas.personas, lists: false });
  let error: unknown;
  for (let i = 0; i < 60 && !error; i++) await a.pageContacts({}).catch((e) => (error = e));
  expect(error).toMatchObject({ code: 'DAILY_LIMIT', message: expect.stringMatching(/stopping to keep 20% of the daily API allocation/) });
  const { apiUsage } = (await sandbox!.stats()) as { apiUsage: { used: number } };
  expect(apiUsage.used).toBe(40);
});

test('403 TotalRequests is DAILY_LIMIT; ConcurrentPerOrgLongTxn is RATE_LIMITED after ~5 s', async () => {
  let a = await start({ dailyLimit: 1 }, { apiReserve: 0 });
  await a.pageContacts({}).catch(() => undefined);
  // A fresh adapter has not seen the usage header yet: the org answers 403 itself.
  await a.close();
  a = adapter = await createAdapter('salesforce', { credentials, config: config.crm });
  await expect(a.pageCompanies({})).rejects.toMatchObject({ code: 'DAILY_LIMIT', details: { status: 403 } });
  await a.close();
  await sandbox!.close();

  a = await start({ faults: '429=1' });
  await expect(a.pageCompanies({})).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { status: 403, retryAfterMs: 5_000 } });
});

test('5xx, timeouts and the concurrency limit are retried per request, a bounded number of times, then TRANSIENT', async () => {
  let a = await start({ faults: '500=1' });
  await expect(a.pageCompanies({})).rejects.toMatchObject({ code: 'TRANSIENT', details: { status: 500 } });
  expect(await requests('GET /services/data/:version/query')).toBe(DEFAULT_RETRY.attempts);
  await a.close();
  await sandbox!.close();

  a = await start({ faults: 'timeout=1', timeoutFaultMs: 50 });
  await expect(a.pageCompanies({})).rejects.toMatchObject({ code: 'TRANSIENT', details: { status: 504 } });
  expect(await requests('GET /services/data/:version/query')).toBe(DEFAULT_RETRY.attempts);
  await a.close();
  await sandbox!.close();

  // A fault on 15 % of the requests: setup (as `icp-sync setup` runs it) and every call still succeed.
  a = await start({ faults: '500=0.05,429=0.05,timeout=0.05', timeoutFaultMs: 50, seed: 3 });
  await retrySetup(() => a.setup({ personas: config.personas.personas, lists: true }));
  for (let i = 0; i < 10; i++) expect((await a.pageCompanies({})).records).toHaveLength(30);
  const statuses = Object.values(((await sandbox!.stats()) as { requests: Record<string, Record<string, number>> }).requests).flatMap((s) => Object.keys(s));
  expect(statuses).toEqual(expect.arrayContaining(['403', '500', '504']));
}, 60_000);

test('a request that hangs is abandoned after a multiple of the usual latency and sent again', async () => {
  // The first requests answer, then one in five hangs for 30 s (beyond any fixed timeout a test could wait for).
  const statuses: number[] = [];
  const a = await start({ seed: 11 }, {}, (status) => statuses.push(status));
  await a.setup({ personas: config.personas.personas, lists: false });
  await setFaults('timeout=0.2', 30_000);
  statuses.length = 0;
  const started = Date.now();
  for (let i = 0; i < 15; i++) expect((await a.pageCompanies({})).records).toHaveLength(30);
  expect(Date.now() - started).toBeLessThan(25_000);
  // Abandoned attempts (no status) and the 15 answers.
  expect(statuses.filter((s) => s === 0).length).toBeGreaterThan(0);
  expect(statuses.filter((s) => s === 200)).toHaveLength(15);
}, 60_000);

test('a Bulk API job creation is not sent again after a 500 (it may exist), but is after a refusal', async () => {
  let b = await start({ faults: '500=1' });
  await expect(b.bulk!.create('companies')).rejects.toMatchObject({ code: 'TRANSIENT' });
  expect(await requests('POST /services/data/:version/jobs/ingest')).toBe(1);
  await b.close();
  await sandbox!.close();

  b = await start({ faults: '429=1' });
  await expect(b.bulk!.create('companies')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  expect(await requests('POST /services/data/:version/jobs/ingest')).toBe(DEFAULT_RETRY.attempts);
}, 60_000);

test('concurrency: at most `concurrency` requests in flight', async () => {
  const a = await start({ latencyMs: 100 }, { concurrency: 2 });
  await a.setup({ personas: config.personas.personas, lists: false });
  const started = Date.now();
  await Promise.all([...Array(8)].map(() => a.pageCompanies({})));
  // 8 calls of >= 100 ms, 2 at a time
  expect(Date.now() - started).toBeGreaterThanOrEqual(390);
});
