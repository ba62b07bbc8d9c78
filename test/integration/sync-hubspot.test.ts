import { crmConfigSchema } from '../../src/config/crm.schema';
import { icpConfigSchema } from '../../src/config/icp.schema';
import { modelVersion } from '../../src/config/model-version';
import type { CrmAdapter } from '../../src/crm/adapter';
import { compileIcp } from '../../src/scoring/icp';
import { compilePersonas } from '../../src/scoring/personas';
import { SyncHarness } from '../support/sync-harness';
import { allCompanies, allContacts } from '../support/records';

const writeCalls = (stats: Record<string, any>) =>
  Object.entries(stats.requests as Record<string, Record<string, number>>)
    .filter(([route]) => route.includes('batch/update'))
    .reduce((sum, [, byStatus]) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);

describe('HubSpot sync pipeline (sandbox over HTTP, real Redis and queue)', () => {
  const h = new SyncHarness('hubspot');
  let adapter: CrmAdapter;

  beforeAll(async () => {
    // The sandbox's search has no index lag: read back only one second (the date precision).
    h.config = { ...h.config, crm: crmConfigSchema.parse({ hubspot: { incrementalOverlapSeconds: 1 } }) };
    await h.start({ companies: 120, contacts: 360 });
    adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: true });
  });
  afterAll(async () => {
    await adapter.close();
    await h.close();
  });

  it('a full run scores every company and classifies every contact, with the minimum of API calls', async () => {
    const summary = await h.sync({ mode: 'full' });
    expect(summary).toMatchObject({ status: 'completed', mode: 'full' });
    expect(summary.companies).toMatchObject({ read: 120, changed: 120, written: 120, failed: 0 });
    expect(summary.contacts).toMatchObject({ read: 360, changed: 360, written: 360, failed: 0 });
    // 2 company pages + 4 contact pages + 2 + 4 write batches of 100, one search per object (its
    // size: too small for parallel cursors), plus the once-per-config property check (2 group and
    // 2 property reads; the harness already created them), and one write of the TAL's members: the
    // first ranking of a TAL with maxSize puts them on (later runs predict membership from it)
    expect(summary.apiCalls).toBe(12 + 2 + 4 + 1);
    expect(Object.values(summary.tiers).reduce((a, b) => a + b, 0)).toBe(120);

    const score = compileIcp(h.config.icp);
    const companies = await allCompanies(adapter);
    for (const company of companies) {
      const expected = score(company.fields);
      expect(Number(company.current.icp_fit_score)).toBe(expected.score);
      expect(company.current.icp_tier).toBe(expected.tier);
      expect(company.current.icp_model_version).toBe(h.config.modelVersion);
      expect(String(company.current.icp_fit_reasons).length).toBeLessThanOrEqual(1024);
      expect(Number(company.current.icp_persona_coverage)).toBeGreaterThanOrEqual(0);
    }
    // maxSize caps the TAL; every member qualifies by tier or inclusion
    const onTal = companies.filter((c) => c.current.icp_tal === 'true');
    expect(onTal.length).toBe(summary.talSize);
    expect(onTal.length).toBeLessThanOrEqual(h.config.icp.tal!.maxSize!);

    const classify = compilePersonas(h.config.personas);
    for (const contact of await allContacts(adapter)) {
      const expected = classify(contact.jobTitle);
      expect(contact.current).toMatchObject({ icp_persona: expected.persona, icp_seniority: expected.seniority, icp_function: expected.function, icp_buying_role: expected.buyingRole });
    }
  });

  it('a second run with nothing changed makes zero write calls', async () => {
    const before = writeCalls(await h.sandboxStats());
    const summary = await h.sync({ mode: 'full' });
    expect(summary.status).toBe('completed');
    expect(summary.companies).toMatchObject({ read: 120, changed: 0, written: 0, unchanged: 120 });
    expect(summary.contacts).toMatchObject({ read: 360, changed: 0, written: 0 });
    expect(writeCalls(await h.sandboxStats())).toBe(before);
    // reads only: 2 + 4 pages and the 2 size searches; the property check is not repeated for the same config
    expect(summary.apiCalls).toBe(6 + 2);
  });

  it('an incremental run reads only what changed since the last run, our own writes are no-ops', async () => {
    // Runs read one second before the last start (date precision): let the last writes age first.
    const pause = () => new Promise((resolve) => setTimeout(resolve, 1100));
    await pause();
    expect((await h.sync({ mode: 'incremental' })).companies.written).toBe(0);
    await pause();
    const [company] = (await allCompanies(adapter)).filter((c) => c.current.icp_tier !== 'tier_1' && c.fields.country);
    const [contact] = (await allContacts(adapter)).filter((c) => c.companyId && c.current.icp_persona === 'other');
    await adapter.update('companies', [{ id: company.id, values: { numberofemployees: 300, country: 'France', industry: 'COMPUTER_SOFTWARE', annualrevenue: 20000000, web_technologies: 'Slack' } }]);
    await adapter.update('contacts', [{ id: contact.id, values: { jobtitle: 'Directrice des Ressources Humaines' } }]);

    const summary = await h.sync({ mode: 'incremental' });
    expect(summary).toMatchObject({ status: 'completed', mode: 'incremental' });
    expect(summary.contacts).toMatchObject({ read: 1, changed: 1, written: 1 });
    // the edited company, and the contact's company whose persona coverage may have moved
    expect(summary.companies.read).toBeGreaterThanOrEqual(1);
    expect(summary.companies.read).toBeLessThanOrEqual(2);
    const [after] = await adapter.readCompanies([company.id]);
    expect(after.current.icp_tier).toBe('tier_1');
    expect(after.current.icp_fit_score).toBe('100');

    // Our own writes bumped the modification dates: the next run sees them and writes nothing.
    const again = await h.sync({ mode: 'incremental' });
    expect(again.companies.written + again.contacts.written).toBe(0);
  });

  it('a dry run writes nothing and keeps the before/after of each change', async () => {
    const stricter = icpConfigSchema.parse({ ...h.config.icp, tiers: { tier_1: 95, tier_2: 70, tier_3: 50 } });
    await h.restartWorkers({ ...h.config, icp: stricter, modelVersion: modelVersion(stricter, h.config.personas) });
    const before = writeCalls(await h.sandboxStats());
    const summary = await h.sync({ mode: 'full', dryRun: true });
    expect(summary).toMatchObject({ status: 'completed', dryRun: true });
    expect(summary.companies.changed).toBe(120);
    expect(summary.companies.written).toBe(0);
    expect(writeCalls(await h.sandboxStats())).toBe(before);
  });

  it('after a config change the next run, even incremental, rewrites every company', async () => {
    const summary = await h.sync({ mode: 'incremental' });
    expect(summary).toMatchObject({ status: 'completed', mode: 'full' });
    expect(summary.companies).toMatchObject({ read: 120, changed: 120, written: 120 });
    for (const company of await allCompanies(adapter)) expect(company.current.icp_model_version).toBe(h.config.modelVersion);
  });

  it('rescore writes even unchanged values, and duplicate triggers collapse into one run', async () => {
    const ids = (await allCompanies(adapter)).slice(0, 3).map((c) => c.id);
    const before = writeCalls(await h.sandboxStats());
    const [first, second] = await Promise.all([h.rescore(ids), h.rescore([ids[0]])]);
    expect(first.id).toBe(second.id);
    expect(first).toMatchObject({ status: 'completed', mode: 'rescore', force: true });
    expect(first.companies).toMatchObject({ read: 3, changed: 3, written: 3 });
    expect(writeCalls(await h.sandboxStats())).toBe(before + 1);
  });

  it('lists the runs it made', async () => {
    const runs = await h.runs.recent(20);
    expect(runs.length).toBeGreaterThanOrEqual(6);
    expect(runs.every((r) => r.finishedAt)).toBe(true);
  });
});
