import jsforce, { type Connection } from 'jsforce';
import { startSalesforceSandbox, type RunningSalesforceSandbox } from '../src/salesforce/server';

type Rec = Record<string, unknown> & { Id: string };

let sandbox: RunningSalesforceSandbox;
let conn: Connection;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ companies: 300, contacts: 4500, apiDailyLimit: 5000 });
  conn = new jsforce.Connection({ instanceUrl: sandbox.url, accessToken: 'any-token', version: '62.0' });
});
afterAll(() => sandbox.close());
beforeEach(() => fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' }));

const errorOf = async (promise: PromiseLike<unknown>): Promise<{ errorCode: string; message: string; data?: unknown }> => {
  try {
    await promise;
  } catch (error) {
    return error as { errorCode: string; message: string };
  }
  throw new Error('expected an error');
};

describe('query and queryMore', () => {
  test('pages of 2,000 records with nextRecordsUrl, the real response shape', async () => {
    const first = await conn.query<Rec>('SELECT Id, FirstName, LastName, Title, AccountId, SystemModstamp FROM Contact');
    expect(first.totalSize).toBe(4500);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g\w{15}-2000$/);
    expect(first.records[0]).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${first.records[0].Id}` },
      Id: expect.stringMatching(/^003\w{15}$/),
      FirstName: expect.any(String),
      LastName: expect.any(String),
      Title: expect.anything(),
      AccountId: expect.stringMatching(/^001\w{15}$/),
      SystemModstamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/),
    });
    const second = await conn.queryMore<Rec>(first.nextRecordsUrl!);
    const third = await conn.queryMore<Rec>(second.nextRecordsUrl!);
    expect([second.records.length, third.records.length, third.done, third.nextRecordsUrl]).toEqual([2000, 500, true, undefined]);
    const ids = new Set([...first.records, ...second.records, ...third.records].map((r) => r.Id));
    expect(ids.size).toBe(4500);
  });

  test('Sforce-Query-Options batchSize between 200 and 2,000', async () => {
    const small = await conn.request<{ records: unknown[] }>({ method: 'GET', url: '/services/data/v62.0/query?q=SELECT+Id+FROM+Contact', headers: { 'Sforce-Query-Options': 'batchSize=500' } });
    const clamped = await conn.request<{ records: unknown[] }>({ method: 'GET', url: '/services/data/v62.0/query?q=SELECT+Id+FROM+Contact', headers: { 'Sforce-Query-Options': 'batchSize=10' } });
    expect([small.records.length, clamped.records.length]).toEqual([500, 200]);
  });

  test('autoFetch through every page, WHERE, ORDER BY, LIMIT, COUNT() and queryAll', async () => {
    const all = await conn.query<Rec>('SELECT Id FROM Contact').run({ autoFetch: true, maxFetch: 10000 });
    expect(all.records).toHaveLength(4500);
    const tech = await conn.query<Rec>("SELECT Id, Industry, NumberOfEmployees FROM Account WHERE Industry IN ('Technology', 'Finance') AND NumberOfEmployees >= 100 ORDER BY NumberOfEmployees DESC NULLS LAST LIMIT 5");
    expect(tech.records.length).toBeLessThanOrEqual(5);
    const sizes = tech.records.map((r) => r.NumberOfEmployees as number);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(tech.records.every((r) => ['Technology', 'Finance'].includes(r.Industry as string))).toBe(true);
    expect(await conn.query('SELECT COUNT() FROM Account')).toEqual({ totalSize: 300, done: true, records: [] });
    expect((await conn.query('SELECT Id FROM Account LIMIT 7').scanAll(true)).records).toHaveLength(7);
  });

  test('invalid locators and SOQL errors come back as Salesforce errors', async () => {
    expect(await errorOf(conn.queryMore('01g8d0000000999AAA-2000'))).toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
    expect(await errorOf(conn.query('SELECT Id FROM Account WHER Name = null'))).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining("unexpected token: 'WHER'") });
    expect(await errorOf(conn.query('SELECT Id, ICP_Tier__c FROM Account'))).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await errorOf(conn.query('SELECT Id FROM Lead'))).toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect(await errorOf(conn.query("SELECT Id FROM Account WHERE SystemModstamp > '2026-01-01'"))).toMatchObject({ errorCode: 'INVALID_FIELD' });
  });
});

describe('describe and single records', () => {
  test('describe lists the visible fields with their types', async () => {
    const account = await conn.describe('Account');
    const byName = new Map(account.fields.map((f) => [f.name, f]));
    expect(account.name).toBe('Account');
    expect(account.keyPrefix).toBe('001');
    expect(byName.get('Industry')).toMatchObject({ type: 'picklist', updateable: true, restrictedPicklist: false });
    expect(byName.get('Industry')!.picklistValues!.map((v) => v.value)).toContain('Technology');
    expect(byName.get('Technologies__c')).toMatchObject({ type: 'multipicklist', custom: true });
    expect(byName.get('SystemModstamp')).toMatchObject({ type: 'datetime', updateable: false });
    expect(byName.get('Name')).toMatchObject({ type: 'string', length: 255, nillable: false });
    expect([...byName.keys()].some((name) => name.startsWith('ICP_'))).toBe(false);
    expect(await errorOf(conn.describe('Widget__c'))).toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  test('retrieve and update one record; every write bumps SystemModstamp', async () => {
    const [before] = (await conn.query<Rec>('SELECT Id, Name, SystemModstamp, LastModifiedDate FROM Account LIMIT 1')).records;
    const record = await conn.sobject('Account').retrieve(before.Id);
    expect(record).toMatchObject({ Id: before.Id, Name: before.Name, attributes: { type: 'Account' } });
    const started = Math.floor(Date.now() / 1000) * 1000;
    expect(await conn.sobject('Account').update({ Id: before.Id, Name: before.Name })).toEqual({ id: before.Id, success: true, errors: [] });
    const after = await conn.sobject('Account').retrieve(before.Id, { fields: ['Name', 'SystemModstamp', 'LastModifiedDate'] });
    expect(Date.parse(String(after.SystemModstamp).replace('+0000', 'Z'))).toBeGreaterThanOrEqual(started);
    expect(after.LastModifiedDate).toBe(after.SystemModstamp);
    const since = new Date(started).toISOString().replace('.000Z', 'Z');
    const changed = await conn.query<Rec>(`SELECT Id FROM Account WHERE SystemModstamp >= ${since}`);
    expect(changed.records.map((r) => r.Id)).toEqual([before.Id]);
    expect(await errorOf(conn.sobject('Account').update({ Id: before.Id, Name: 'x'.repeat(256) }))).toMatchObject({ errorCode: 'STRING_TOO_LONG' });
    expect(await errorOf(conn.sobject('Account').update({ Id: before.Id, CreatedDate: '2020-01-01T00:00:00Z' }))).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    expect(await errorOf(conn.sobject('Account').retrieve('0018d0000009999AAA'))).toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});

describe('sObject Collections', () => {
  const firstIds = async (object: string, count: number): Promise<string[]> =>
    (await conn.query<Rec>(`SELECT Id FROM ${object} LIMIT ${count}`)).records.map((r) => r.Id);

  test('results in request order; failures carry no id; allOrNone false writes the rest', async () => {
    const [a, b, c] = await firstIds('Account', 3);
    const results = await conn.sobject('Account').update(
      [
        { Id: a, NumberOfEmployees: 42 },
        { Id: b, NumberOfEmployees: 1e12 },
        { Id: 'not-an-id', Name: 'x' },
        { Id: c, Website: 'example.com' },
      ],
      { allOrNone: false },
    );
    expect(results).toEqual([
      { id: a, success: true, errors: [] },
      { success: false, errors: [{ statusCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: expect.stringContaining('Employees'), fields: ['NumberOfEmployees'] }] },
      { success: false, errors: [{ statusCode: 'MALFORMED_ID', message: expect.any(String), fields: ['Id'] }] },
      { id: c, success: true, errors: [] },
    ]);
    const stored = await conn.retrieve('Account', [a, b, c], { fields: ['NumberOfEmployees', 'Website'] });
    expect(stored.map((r) => r?.NumberOfEmployees)[0]).toBe(42);
    expect(stored[2]?.Website).toBe('example.com');
  });

  test('allOrNone true rolls everything back', async () => {
    const [a, b] = await firstIds('Contact', 2);
    const results = await conn.sobject('Contact').update([{ Id: a, Title: 'CTO' }, { Id: b, Email: 'not an email' }], { allOrNone: true });
    expect(results).toEqual([
      { success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: expect.any(String), fields: [] }] },
      { success: false, errors: [{ statusCode: 'INVALID_EMAIL_ADDRESS', message: expect.any(String), fields: ['Email'] }] },
    ]);
    const [stored] = await conn.retrieve('Contact', [a], { fields: ['Title'] });
    expect(stored?.Title).not.toBe('CTO');
  });

  test('more than 200 records is EXCEEDED_ID_LIMIT unless jsforce splits them (allowRecursive)', async () => {
    const ids = await firstIds('Contact', 201);
    const records = ids.map((Id) => ({ Id, Department: 'Sales' }));
    expect(await errorOf(conn.sobject('Contact').update(records))).toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
    const results = await conn.sobject('Contact').update(records, { allowRecursive: true });
    expect(results.every((r) => r.success)).toBe(true);
    const stats = (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as { recordsWritten: Record<string, number> };
    expect(stats.recordsWritten.Contact).toBe(201);
  });

  test('a field the user cannot see or a value of the wrong JSON type fails the whole call', async () => {
    const [a] = await firstIds('Account', 1);
    expect(await errorOf(conn.sobject('Account').update([{ Id: a, ICP_Tier__c: 'tier_1' }]))).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await errorOf(conn.sobject('Account').update([{ Id: a, AnnualRevenue: 'lots' }]))).toMatchObject({ errorCode: 'JSON_PARSER_ERROR' });
  });

  test('locked records fail with UNABLE_TO_LOCK_ROW for the configured attempts', async () => {
    const [a, b] = await firstIds('Account', 2);
    await fetch(`${sandbox.url}/__sandbox/locks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: [a], attempts: 1 }) });
    const first = await conn.sobject('Account').update([{ Id: a, Name: 'A' }, { Id: b, Name: 'B' }]);
    expect(first[0]).toEqual({ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: expect.stringContaining(a), fields: [] }] });
    expect(first[1].success).toBe(true);
    expect((await conn.sobject('Account').update([{ Id: a, Name: 'A' }]))[0].success).toBe(true);
  });

  test('GET composite/sobjects reads by ids, null for unknown ones', async () => {
    const [a] = await firstIds('Account', 1);
    const records = await conn.requestGet<(Rec | null)[]>(`/services/data/v62.0/composite/sobjects/Account?ids=${a},0018d0000009999AAA&fields=Id,Name`);
    expect(records).toEqual([{ attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${a}` }, Id: a, Name: expect.any(String) }, null]);
  });
});

describe('limits', () => {
  test('Sforce-Limit-Info on every call, /limits, then REQUEST_LIMIT_EXCEEDED', async () => {
    const response = await fetch(`${sandbox.url}/services/data/v62.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`, { headers: { Authorization: 'Bearer t' } });
    expect(response.headers.get('sforce-limit-info')).toBe('api-usage=1/5000');
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 5000, Remaining: 4998 });
    expect(limits.DailyBulkV2QueryJobs).toEqual({ Max: 10000, Remaining: 10000 });
    expect(conn.limitInfo.apiUsage).toEqual({ used: 2, limit: 5000 });
    const limited = await startSalesforceSandbox({ companies: 5, contacts: 5, apiDailyLimit: 2 });
    try {
      const small = new jsforce.Connection({ instanceUrl: limited.url, accessToken: 't', version: '62.0' });
      await small.query('SELECT Id FROM Account');
      await small.query('SELECT Id FROM Account');
      expect(await errorOf(small.query('SELECT Id FROM Account'))).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' });
    } finally {
      await limited.close();
    }
  });
});
