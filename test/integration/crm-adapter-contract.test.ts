import { crmCredentials } from '../../src/config/env.schema';
import { createAdapter } from '../../src/crm';
import type { CompanyScores, CrmAdapter, CrmName, Page } from '../../src/crm/adapter';
import { CrmError } from '../../src/crm/crm.error';
import { startSandbox, type RunningSandbox } from '@icp-sync/crm-sandbox';
import { diffProperties } from '../../src/scoring/change-plan';
import { writeIsolating } from '../../src/sync/write';
import { loadDefaultConfig } from '../support/env';

/**
 * One contract, every adapter: what the sync engine relies on, checked through the real SDKs
 * against each CRM's sandbox over HTTP.
 */
interface Driver {
  crm: CrmName;
  env(url: string): Record<string, string>;
  companies: number;
  contacts: number;
}

const DRIVERS: Driver[] = [
  { crm: 'hubspot', env: (url) => ({ HUBSPOT_BASE_URL: url, HUBSPOT_ACCESS_TOKEN: 'contract-token' }), companies: 250, contacts: 300 },
  // Above 2,000 records so that SOQL paging goes through nextRecordsUrl.
  { crm: 'salesforce', env: (url) => ({ SALESFORCE_INSTANCE_URL: url, SALESFORCE_ACCESS_TOKEN: 'contract-token' }), companies: 2_300, contacts: 4_100 },
];

const config = loadDefaultConfig();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function all<T extends { id: string }>(page: (cursor?: string) => Promise<Page<T>>): Promise<{ records: T[]; pages: number }> {
  const records: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const result = await page(cursor);
    records.push(...result.records);
    cursor = result.next;
    pages += 1;
  } while (cursor);
  return { records, pages };
}

const scores = (overrides: Partial<CompanyScores> = {}): CompanyScores => ({
  score: 87,
  tier: 'tier_1',
  tal: true,
  reasons: '+30 industry: Software; +20 employees: 250',
  completeness: 0.9,
  scoredAt: new Date().toISOString(),
  modelVersion: 'contract-test',
  personaCoverage: 50,
  personasMissing: 'CFO',
  ...overrides,
});

describe.each(DRIVERS)('CrmAdapter contract: $crm', (driver) => {
  let sandbox: RunningSandbox;
  let adapter: CrmAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox({ crm: driver.crm, companies: driver.companies, contacts: driver.contacts, seed: 7 });
    adapter = await createAdapter(driver.crm, { config: config.crm, credentials: crmCredentials(driver.env(sandbox.url)) });
  });
  afterAll(async () => {
    await adapter.close();
    await sandbox.close();
  });

  test('setup creates our properties, then is idempotent; a new persona adds its option', async () => {
    const first = await adapter.setup({ personas: config.personas.personas, lists: true });
    expect(first.created.length).toBeGreaterThanOrEqual(13);
    expect(first.lists).toEqual(['ICP: Tier 1', 'ICP: Target accounts']);
    expect(await adapter.setup({ personas: config.personas.personas, lists: true })).toEqual({ created: [], updated: [], lists: [] });

    const more = [...config.personas.personas, { id: 'contract_persona', label: 'Contract persona' }];
    const grown = await adapter.setup({ personas: more, lists: true });
    expect(grown.created).toEqual([]);
    expect(grown.updated).toHaveLength(1);
    expect(await adapter.setup({ personas: more, lists: true })).toEqual({ created: [], updated: [], lists: [] });
  });

  test('paging all companies and contacts returns every record once', async () => {
    const companies = await all((cursor) => adapter.pageCompanies({ cursor }));
    const contacts = await all((cursor) => adapter.pageContacts({ cursor }));
    expect(companies.records).toHaveLength(driver.companies);
    expect(new Set(companies.records.map((r) => r.id)).size).toBe(driver.companies);
    expect(contacts.records).toHaveLength(driver.contacts);
    expect(new Set(contacts.records.map((r) => r.id)).size).toBe(driver.contacts);
    expect(companies.pages).toBeGreaterThan(1);
    expect(contacts.pages).toBeGreaterThan(1);

    const company = companies.records.find((c) => c.fields.name && c.fields.domain)!;
    expect(company.fields.id).toBe(company.id);
    expect(Object.keys(company.current)).toEqual(expect.arrayContaining(Object.keys(adapter.companyValues(scores()))));
    const withCompany = contacts.records.filter((c) => c.companyId);
    expect(withCompany.length).toBeGreaterThan(driver.contacts / 2);
    const companyIds = new Set(companies.records.map((c) => c.id));
    expect(withCompany.every((c) => companyIds.has(c.companyId!))).toBe(true);
    expect(contacts.records.some((c) => c.jobTitle)).toBe(true);
  });

  test('update: one result per input, by id; values read back equal (nothing to re-write); a bad value fails its record only', async () => {
    const { records } = await adapter.pageCompanies({});
    const [a, b, c] = records;
    const good = adapter.companyValues(scores());
    const bad = adapter.companyValues(scores({ tier: 'platinum' }));
    const updates = [
      { id: a.id, values: good },
      { id: b.id, values: bad },
      { id: c.id, values: { ...good, ...adapter.talValues(false) } },
    ];
    try {
      const results = await adapter.update('companies', updates);
      expect(results.map((r) => r.id)).toEqual([a.id, b.id, c.id]);
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect(results[1].error).toMatchObject({ retryable: false, message: expect.stringMatching(/platinum/) });
    } catch (err) {
      // A CRM that rejects the whole batch for one bad value: the engine isolates the record.
      expect(err).toBeInstanceOf(CrmError);
      expect((err as CrmError).code).toBe('VALIDATION');
      const isolated = await writeIsolating(adapter, 'companies', updates);
      expect(isolated.map((r) => [r.id, r.ok])).toEqual([[a.id, true], [b.id, false], [c.id, true]]);
    }

    const read = await adapter.readCompanies([a.id, c.id]);
    const byId = new Map(read.map((r) => [r.id, r]));
    expect(diffProperties(good, byId.get(a.id)!.current, adapter.scoredAtProperty)).toBeNull();
    expect(diffProperties({ ...good, ...adapter.talValues(false) }, byId.get(c.id)!.current, adapter.scoredAtProperty)).toBeNull();
    expect(byId.get(a.id)!.current[adapter.talProperty]).not.toBe(byId.get(c.id)!.current[adapter.talProperty]);

    const { records: contacts } = await adapter.pageContacts({});
    const values = adapter.contactValues({ persona: 'other', seniority: 'manager', function: 'hr', buyingRole: 'INFLUENCER' });
    expect(await adapter.update('contacts', [{ id: contacts[0].id, values }])).toEqual([{ id: contacts[0].id, ok: true }]);
  });

  test('readCompanies returns the records asked for; unknown ids are left out', async () => {
    const { records } = await adapter.pageCompanies({});
    const ids = [records[5].id, records[9].id];
    const unknown = driver.crm === 'salesforce' ? '001000000000000AAA' : '999999999999';
    const read = await adapter.readCompanies([...ids, unknown]);
    expect(read.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(read.find((r) => r.id === ids[0])!.fields).toEqual(records[5].fields);
  });

  test('incremental: since a date, only the records modified at or after it', async () => {
    // Both CRMs compare modification dates at one-second precision or coarser.
    await sleep(1_100);
    const since = new Date();
    const { records } = await adapter.pageCompanies({});
    const changed = [records[20].id, records[21].id];
    const results = await adapter.update('companies', changed.map((id) => ({ id, values: adapter.companyValues(scores({ score: 42, tier: 'tier_3' })) })));
    expect(results.every((r) => r.ok)).toBe(true);
    const page = await all((cursor) => adapter.pageCompanies({ since, cursor }));
    expect(page.records.map((r) => r.id).sort()).toEqual([...changed].sort());
    expect((await adapter.pageContacts({ since: new Date(Date.now() + 60_000) })).records).toEqual([]);
  });
});
