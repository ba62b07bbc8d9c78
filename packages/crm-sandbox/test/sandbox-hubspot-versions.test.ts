import { startSandbox, type RunningSandbox } from '../src';

const AUTH = { authorization: 'Bearer test-token', 'content-type': 'application/json' };
const COMPANY_IDS = Array.from({ length: 5 }, (_, i) => String(18_000_000_001 + i));

describe('HubSpot sandbox: the dated API versions next to the numbered paths', () => {
  let sandbox: RunningSandbox;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, { method, headers: AUTH, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: response.status === 204 ? undefined : await response.json() };
  };

  beforeEach(async () => {
    sandbox = await startSandbox({ crm: 'hubspot', companies: 50, contacts: 150, rateLimit: '1000/10', dailyLimit: 100_000 });
  });
  afterEach(() => sandbox.close());

  test('2026-09, 2026-03 and v3 serve the same records', async () => {
    const pages = await Promise.all(['/crm/v3/objects', '/crm/objects/2026-03', '/crm/objects/2026-09'].map((base) => call('GET', `${base}/companies?limit=7&properties=name&properties=domain`)));
    for (const page of pages) expect(page.status).toBe(200);
    for (const page of pages.slice(1)) {
      expect(page.body.results).toEqual(pages[0].body.results);
      expect(page.body.paging.next.after).toBe(pages[0].body.paging.next.after);
    }
    expect(pages[2].body.results[0].properties).toEqual({ name: expect.any(String), domain: expect.any(String) });
  });

  test('a batch with failed inputs: 207 up to 2026-03, a 200 whose body carries `errors` on 2026-09', async () => {
    const inputs = [{ id: COMPANY_IDS[0], properties: { name: 'A' } }, { id: '999', properties: { name: 'B' } }];
    const old = await call('POST', '/crm/objects/2026-03/companies/batch/update', { inputs });
    const v3 = await call('POST', '/crm/v3/objects/companies/batch/update', { inputs });
    const dated = await call('POST', '/crm/objects/2026-09/companies/batch/update', { inputs });
    expect([old.status, v3.status, dated.status]).toEqual([207, 207, 200]);
    expect(dated.body).toMatchObject({ status: 'COMPLETE', numErrors: 1, results: [{ id: COMPANY_IDS[0] }] });
    expect(dated.body.errors[0]).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['999'] }, errors: [], links: {} });
  });

  test('the dated versions refuse requests their specs call invalid; v3 stays lenient', async () => {
    const search = { filterGroups: [], properties: ['name'], limit: 10, sorts: [{ propertyName: 'name', direction: 'ASCENDING' }] };
    expect((await call('POST', '/crm/v3/objects/companies/search', search)).status).toBe(200);
    const missing = await call('POST', '/crm/objects/2026-09/companies/search', search);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ category: 'VALIDATION_ERROR', message: expect.stringContaining("'after'") });
    const objectSorts = await call('POST', '/crm/objects/2026-09/companies/search', { ...search, after: '0' });
    expect(objectSorts.status).toBe(400);
    expect(objectSorts.body.message).toMatch(/sorts/);
    const ok = await call('POST', '/crm/objects/2026-09/companies/search', { ...search, after: '0', sorts: ['-name'] });
    expect(ok.status).toBe(200);
    expect(ok.body.results.map((r: { properties: { name: string } }) => r.properties.name)).toEqual(
      [...ok.body.results.map((r: { properties: { name: string } }) => r.properties.name)].sort().reverse(),
    );

    const read = { inputs: [{ id: COMPANY_IDS[1] }], properties: ['name'] };
    expect((await call('POST', '/crm/v3/objects/companies/batch/read', read)).status).toBe(200);
    expect((await call('POST', '/crm/objects/2026-03/companies/batch/read', read)).status).toBe(400);
    expect((await call('POST', '/crm/objects/2026-03/companies/batch/read', { ...read, propertiesWithHistory: [] })).status).toBe(200);

    const list = (operation: Record<string, unknown>) => ({
      name: `ICP ${JSON.stringify(operation).length}`,
      objectTypeId: '0-2',
      processingType: 'DYNAMIC',
      filterBranch: {
        filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [],
        filterBranches: [{ filterBranchType: 'AND', filterBranchOperator: 'AND', filterBranches: [], filters: [{ filterType: 'PROPERTY', property: 'name', operation }] }],
      },
    });
    const operation = { operationType: 'ALL_PROPERTY', operator: 'IS_KNOWN' };
    expect((await call('POST', '/crm/lists/2026-09', list(operation))).status).toBe(400);
    expect((await call('POST', '/crm/lists/2026-09', list({ ...operation, includeObjectsWithNoValueSet: false }))).status).toBe(200);
  });

  test('associations: v4 answers numeric ids, the dated versions strings and `from`', async () => {
    const contact = { inputs: [{ id: '51000000001' }] };
    const v4 = await call('POST', '/crm/v4/associations/contacts/companies/batch/read', contact);
    const dated = await call('POST', '/crm/associations/2026-09/contacts/companies/batch/read', contact);
    expect(v4.status).toBe(200);
    expect(dated.status).toBe(200);
    expect(typeof v4.body.results[0].to[0].toObjectId).toBe('number');
    expect(dated.body.results[0]).toMatchObject({ from: { id: '51000000001' }, to: [{ toObjectId: String(v4.body.results[0].to[0].toObjectId) }] });
    expect(dated.body.results[0].to[0].associationTypes).toContainEqual({ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' });
  });

  test('every API response carries both budgets, errors included', async () => {
    for (const response of [await call('GET', '/crm/objects/2026-09/companies?limit=1'), await call('GET', '/crm/objects/2026-09/companies/1'), await call('POST', '/crm/objects/2026-09/companies/search', {})]) {
      expect(response.headers.get('x-hubspot-ratelimit-max')).toBe('1000');
      expect(response.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
      expect(Number(response.headers.get('x-hubspot-ratelimit-remaining'))).toBeGreaterThan(990);
      expect(response.headers.get('x-hubspot-ratelimit-daily')).toBe('100000');
      expect(Number(response.headers.get('x-hubspot-ratelimit-daily-remaining'))).toBeGreaterThan(99_990);
    }
  });

  test('the portal\'s property validation rules fail single records on 2026-09 writes only', async () => {
    const rule = await fetch(`${sandbox.url}/__sandbox/validation-rules/companies/domain`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pattern: '[a-z0-9.-]+\\.[a-z]{2,}', message: 'Enter a domain such as example.com' }),
    });
    expect(rule.status).toBe(200);
    const inputs = [{ id: COMPANY_IDS[2], properties: { domain: 'not a domain' } }, { id: COMPANY_IDS[3], properties: { domain: 'good.example' } }];
    // by default the record fails the whole batch, as a bad value does: 400, the record named
    const rejected = await call('POST', '/crm/objects/2026-09/companies/batch/update', { inputs });
    expect(rejected.status).toBe(400);
    expect(rejected.body).toMatchObject({ category: 'VALIDATION_ERROR', context: { ids: [COMPANY_IDS[2]] }, message: expect.stringContaining('Enter a domain such as example.com') });
    expect((await call('GET', `/crm/objects/2026-09/companies/${COMPANY_IDS[3]}?properties=domain`)).body.properties.domain).not.toBe('good.example');
    // a portal answering per input: a 200 whose errors name it
    await sandbox.close();
    sandbox = await startSandbox({ crm: 'hubspot', companies: 50, contacts: 150, invalidValues: 'per-input' });
    await fetch(`${sandbox.url}/__sandbox/validation-rules/companies/domain`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pattern: '[a-z0-9.-]+\\.[a-z]{2,}', message: 'Enter a domain such as example.com' }),
    });
    const dated = await call('POST', '/crm/objects/2026-09/companies/batch/update', { inputs });
    expect(dated.status).toBe(200);
    expect(dated.body.results.map((r: { id: string }) => r.id)).toEqual([COMPANY_IDS[3]]);
    expect(dated.body.errors).toEqual([
      expect.objectContaining({
        category: 'VALIDATION_ERROR', context: { ids: [COMPANY_IDS[2]] }, message: expect.stringContaining('domain: Enter a domain such as example.com'),
        errors: [expect.objectContaining({ code: 'INVALID_PROPERTY_VALIDATION_RULE', context: { propertyName: ['domain'] } })],
      }),
    ]);
    // the numbered paths and 2026-03 do not enforce them
    const v3 = await call('POST', '/crm/v3/objects/companies/batch/update', { inputs });
    expect(v3.status).toBe(200);
    expect(v3.body.results).toHaveLength(2);
  });
});
