import { crmConfigSchema, HUBSPOT_API_VERSIONS, type HubSpotApiVersion } from '../../src/config/crm.schema';
import type { CrmAdapter } from '../../src/crm/adapter';
import { LISTS } from '../../src/crm/hubspot/hubspot.setup';
import { compileIcp } from '../../src/scoring/icp';
import { compilePersonas } from '../../src/scoring/personas';
import { allCompanies, allContacts } from '../support/records';
import { SyncHarness } from '../support/sync-harness';

type Stats = Record<string, any>;
const calls = (stats: Stats, match: (route: string) => boolean) =>
  Object.entries(stats.requests as Record<string, Record<string, number>>)
    .filter(([route]) => match(route))
    .reduce((sum, [, byStatus]) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
const writes = (stats: Stats) => calls(stats, (route) => /^(POST|PATCH|PUT|DELETE) /.test(route) && !/batch\/read|\/search$/.test(route));
/** The numbered paths: /crm/v3/... and the v4 associations. */
const NUMBERED = /\/crm\/v\d\//;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(HUBSPOT_API_VERSIONS.map((v) => [v]))('HubSpot API version %s: setup, lists, full, zero-write re-run, incremental', (version: HubSpotApiVersion) => {
  const h = new SyncHarness('hubspot');
  let adapter: CrmAdapter;

  beforeAll(async () => {
    h.config = { ...h.config, crm: crmConfigSchema.parse({ hubspot: { apiVersion: version, incrementalOverlapSeconds: 1 } }) };
    await h.start({ companies: 150, contacts: 400 });
    adapter = await h.adapter();
  });
  afterAll(async () => {
    await adapter.close();
    await h.close();
  });

  it('setup creates the group, the properties and both lists, then a second setup writes nothing', async () => {
    const report = await adapter.setup({ personas: h.config.personas.personas, lists: true });
    expect(report.created).toEqual(expect.arrayContaining(['companies group icp_sync', 'contacts group icp_sync', 'companies.icp_fit_score', 'contacts.icp_persona']));
    expect(report.lists).toEqual(LISTS.map((l) => l.name));
    const before = writes(await h.sandboxStats());
    expect(await adapter.setup({ personas: h.config.personas.personas, lists: true })).toEqual({ created: [], updated: [], lists: [] });
    expect(writes(await h.sandboxStats())).toBe(before);
  });

  it('a full run writes every value right; a second one makes no write call; an edit is picked up incrementally', async () => {
    const full = await h.sync({ mode: 'full' });
    expect(full).toMatchObject({ status: 'completed' });
    expect(full.companies).toMatchObject({ read: 150, written: 150, failed: 0 });
    expect(full.contacts).toMatchObject({ read: 400, written: 400, failed: 0 });
    const score = compileIcp(h.config.icp);
    const companies = await allCompanies(adapter);
    for (const company of companies) expect(Number(company.current.icp_fit_score)).toBe(score(company.fields).score);
    const classify = compilePersonas(h.config.personas);
    const contacts = await allContacts(adapter);
    for (const contact of contacts) expect(contact.current.icp_persona).toBe(classify(contact.jobTitle).persona);
    // the primary company comes through this version's associations
    expect(contacts.filter((c) => c.companyId).length).toBeGreaterThan(300);

    const writesBefore = writes(await h.sandboxStats());
    const again = await h.sync({ mode: 'full' });
    expect(again.companies).toMatchObject({ changed: 0, written: 0 });
    expect(again.contacts).toMatchObject({ changed: 0, written: 0 });
    expect(writes(await h.sandboxStats())).toBe(writesBefore);

    await pause(1100);
    const target = companies.find((c) => c.current.icp_tier !== 'tier_1')!;
    await adapter.update('companies', [{ id: target.id, values: { numberofemployees: 300, country: 'France', industry: 'COMPUTER_SOFTWARE', annualrevenue: 20000000, web_technologies: 'Slack' } }]);
    // A contact edit too, so the incremental search of contacts always reads associations.
    const [contact] = (await adapter.pageContacts({})).records;
    await adapter.update('contacts', [{ id: contact.id, values: { jobtitle: 'Directeur des Systèmes d’Information' } }]);
    const incremental = await h.sync({ mode: 'incremental' });
    expect(incremental).toMatchObject({ status: 'completed', mode: 'incremental' });
    expect(incremental.companies.written).toBeGreaterThanOrEqual(1);
    const [after] = await adapter.readCompanies([target.id]);
    expect(after.current.icp_tier).toBe('tier_1');
  });

  it(version === 'v3' ? 'every call went to the numbered paths' : `every call went to the ${version} paths, none to a numbered one`, async () => {
    const routes = Object.keys((await h.sandboxStats()).requests);
    expect(routes.length).toBeGreaterThan(5);
    if (version === 'v3') {
      expect(routes.filter((r) => !NUMBERED.test(r))).toEqual([]);
    } else {
      expect(routes.filter((r) => NUMBERED.test(r) || !r.includes(`/${version}`))).toEqual([]);
      // every kind of call was made: objects list / search / batch read / batch update, associations, properties, groups, lists
      for (const kind of [`GET /crm/objects/${version}/:objectType`, '/search', '/batch/read', '/batch/update', `/crm/associations/${version}/`, `/crm/properties/${version}/`, '/groups', `/crm/lists/${version}`]) {
        expect(routes.some((r) => r.includes(kind))).toBe(true);
      }
    }
  });
});
