import type { CrmAdapter } from '../../src/crm/adapter';
import { compileIcp } from '../../src/scoring/icp';
import { compilePersonas } from '../../src/scoring/personas';
import { allCompanies, allContacts } from '../support/records';
import { SyncHarness } from '../support/sync-harness';

const collectionWrites = (stats: Record<string, any>): number =>
  Object.values((stats.requests['PATCH /services/data/:version/composite/sobjects'] ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);

describe('Salesforce sync through the real engine (sandbox over HTTP, real Redis and queue)', () => {
  const h = new SyncHarness('salesforce');
  let adapter: CrmAdapter;

  beforeAll(async () => {
    await h.start({ companies: 450, contacts: 900 });
    adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: true });
  });
  afterAll(async () => {
    await adapter.close();
    await h.close();
  });

  it('a full run scores and classifies everything in the minimum of API calls', async () => {
    const summary = await h.sync({ mode: 'full' });
    expect(summary).toMatchObject({ status: 'completed', mode: 'full' });
    expect(summary.companies).toMatchObject({ read: 450, changed: 450, written: 450, failed: 0 });
    expect(summary.contacts).toMatchObject({ read: 900, changed: 900, written: 900, failed: 0 });
    // 1 contact page + 1 account page (2,000 per page) + 5 + 3 collection writes of 200, plus the
    // once-per-config check of fields, permission set and assignment (10 reads: the harness set up)
    expect(summary.apiCalls).toBe(10 + 10);

    const score = compileIcp(h.config.icp);
    const companies = await allCompanies(adapter);
    for (const company of companies) {
      const expected = score(company.fields);
      expect(company.current).toMatchObject({ ICP_Fit_Score__c: expected.score, ICP_Tier__c: expected.tier, ICP_Model_Version__c: h.config.modelVersion });
      expect(company.current.ICP_Scored_At__c).toEqual(expect.any(String));
    }
    const onTal = companies.filter((c) => c.current.ICP_TAL__c === true);
    expect(onTal.length).toBe(summary.talSize);
    expect(onTal.length).toBeLessThanOrEqual(h.config.icp.tal!.maxSize!);

    const classify = compilePersonas(h.config.personas);
    for (const contact of await allContacts(adapter)) {
      const expected = classify(contact.jobTitle, contact.department);
      expect(contact.current).toEqual({ ICP_Persona__c: expected.persona, ICP_Seniority__c: expected.seniority, ICP_Function__c: expected.function, ICP_Buying_Role__c: expected.buyingRole });
    }
  });

  it('a second run with nothing changed writes zero records', async () => {
    const before = collectionWrites(await h.sandboxStats());
    const summary = await h.sync({ mode: 'full' });
    expect(summary.status).toBe('completed');
    expect(summary.companies).toMatchObject({ read: 450, changed: 0, written: 0 });
    expect(summary.contacts).toMatchObject({ read: 900, changed: 0, written: 0 });
    expect(collectionWrites(await h.sandboxStats())).toBe(before);
    expect(summary.apiCalls).toBe(2);
  });

  it('an incremental run sees our own writes (SystemModstamp) as no-ops, then only what changed', async () => {
    // Windows start one second before the last run, floored to the second (SOQL precision): let writes age.
    const pause = () => new Promise((resolve) => setTimeout(resolve, 2_100));
    await pause();
    const quiet = await h.sync({ mode: 'incremental' });
    expect(quiet).toMatchObject({ status: 'completed', mode: 'incremental' });
    expect(quiet.companies.written + quiet.contacts.written).toBe(0);

    await pause();
    const [contact] = (await allContacts(adapter)).filter((c) => c.companyId && c.current.ICP_Persona__c === 'other');
    await adapter.update('contacts', [{ id: contact.id, values: { Title: 'Directrice des Ressources Humaines' } }]);
    const summary = await h.sync({ mode: 'incremental' });
    expect(summary.contacts).toMatchObject({ read: 1, changed: 1, written: 1 });
    expect(summary.companies.read).toBeLessThanOrEqual(1);
  });
});
