import { crmConfigSchema } from '../../src/config/crm.schema';
import { icpConfigSchema } from '../../src/config/icp.schema';
import { modelVersion } from '../../src/config/model-version';
import type { CrmAdapter } from '../../src/crm/adapter';
import { ChangeStore } from '../../src/sync/changes';
import { keys } from '../../src/sync/keys';
import { enqueueSync } from '../../src/sync/trigger';
import { allCompanies, allContacts } from '../support/records';
import { SyncHarness } from '../support/sync-harness';

const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('a dry run prints what the real run then writes', () => {
  const h = new SyncHarness('hubspot');
  let adapter: CrmAdapter;

  beforeAll(async () => {
    const icp = icpConfigSchema.parse({ ...h.config.icp, tal: { minTier: 'tier_3', maxSize: 5, include: [], exclude: [] } });
    const crm = crmConfigSchema.parse({ hubspot: { incrementalOverlapSeconds: 1 } });
    await h.start({ companies: 80, contacts: 160 }, { ...h.config, crm, icp, modelVersion: modelVersion(icp, h.config.personas) });
    adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: false });
    await h.sync({ mode: 'full' });
    await settle();
    await h.sync({ mode: 'incremental' });
    await settle();
  });
  afterAll(async () => {
    await adapter.close();
    await h.close();
  });

  async function dryChanges(runId: string) {
    const changes = new ChangeStore(h.redis, keys(h.queueName), runId);
    const out = { companies: new Map<string, Record<string, unknown>>(), contacts: new Map<string, Record<string, unknown>>() };
    for (const kind of ['companies', 'contacts'] as const) for await (const [id, plan] of changes.entries(kind)) out[kind].set(id, plan.values);
    return out;
  }

  it('an incremental dry run includes the TAL flip of a company it did not read, and coverage changes', async () => {
    const companies = await allCompanies(adapter);
    const members = companies.filter((c) => c.current.icp_tal === 'true').map((c) => c.id);
    expect(members).toHaveLength(5);
    const newcomer = companies.find((c) => c.current.icp_tal !== 'true')!;
    // A contact moves to a CFO title: its company's persona coverage changes, the company itself is not modified.
    const contact = (await allContacts(adapter)).find((c) => c.companyId && c.companyId !== newcomer.id && !/cfo|financ/i.test(c.jobTitle ?? ''))!;
    await adapter.update('companies', [{ id: newcomer.id, values: { country: 'France', numberofemployees: 200, annualrevenue: 20_000_000, industry: 'COMPUTER_SOFTWARE', web_technologies: 'Slack' } }]);
    await adapter.update('contacts', [{ id: contact.id, values: { jobtitle: 'Chief Financial Officer' } }]);

    const dry = await h.sync({ mode: 'incremental', dryRun: true });
    const planned = await dryChanges(dry.id);
    expect(planned.companies.get(newcomer.id)).toMatchObject({ icp_tal: true });
    const leaving = [...planned.companies].filter(([id, values]) => members.includes(id) && values.icp_tal === false);
    expect(leaving).toHaveLength(1);
    const coverage = Object.keys(planned.companies.get(contact.companyId!) ?? {});
    expect(coverage.filter((name) => name.startsWith('icp_persona')).length).toBeGreaterThan(0);

    const real = await h.sync({ mode: 'incremental' });
    const after = new Map((await allCompanies(adapter)).map((c) => [c.id, c.current]));
    for (const [id, values] of planned.companies) {
      for (const [name, value] of Object.entries(values)) if (name !== 'icp_scored_at') expect([id, name, String(after.get(id)![name])]).toEqual([id, name, String(value)]);
    }
    expect(real.companies.written).toBe(planned.companies.size);
  });

  it('a run is scored with the configuration it was started with, whichever worker takes it', async () => {
    const other = icpConfigSchema.parse({ ...h.config.icp, tiers: { tier_1: 99, tier_2: 98, tier_3: 97 } });
    const model = { icp: other, personas: h.config.personas };
    const summary = await h.waitFor(await enqueueSync(h.queue, { crm: 'hubspot', mode: 'full', model }, h.redis));
    expect(summary.companies.changed).toBe(80);
    const version = modelVersion(other, h.config.personas);
    for (const company of await allCompanies(adapter)) {
      expect(company.current.icp_model_version).toBe(version);
      expect(['no_fit', 'insufficient_data', 'tier_1', 'tier_2', 'tier_3']).toContain(company.current.icp_tier);
      if (Number(company.current.icp_fit_score) < 97) expect(['no_fit', 'insufficient_data']).toContain(company.current.icp_tier);
    }
  });
});
