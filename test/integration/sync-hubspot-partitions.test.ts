import { crmConfigSchema } from '../../src/config/crm.schema';
import type { CrmAdapter } from '../../src/crm/adapter';
import { all, allCompanies, allContacts } from '../support/records';
import { SyncHarness } from '../support/sync-harness';

describe('HubSpot: several list cursors per object', () => {
  const h = new SyncHarness('hubspot');
  let adapter: CrmAdapter;

  beforeAll(async () => {
    // A budget that does not make this test about the rate limit.
    const crm = crmConfigSchema.parse({ hubspot: { rateLimit: { max: 1_000, intervalSeconds: 10 } } });
    await h.start({ companies: 2_400, contacts: 2_600 }, { ...h.config, crm });
    adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: false });
  });
  afterAll(async () => {
    await adapter.close();
    await h.close();
  });

  it('cuts a large object into slices that together list every record exactly once', async () => {
    const ranges = await adapter.partitions!('companies', 4);
    expect(ranges).toHaveLength(4);
    expect(ranges[0].from).toBeUndefined();
    expect(ranges[3].to).toBeUndefined();
    const sliced = (await Promise.all(ranges.map((range) => all((cursor) => adapter.pageCompanies({ cursor, range }))))).flat().map((c) => c.id);
    const whole = (await allCompanies(adapter)).map((c) => c.id);
    expect(sliced.sort()).toEqual(whole.sort());
    expect(new Set(sliced).size).toBe(2_400);
  });

  it('a full run through the cursors reads, scores and writes every record once', async () => {
    const summary = await h.sync({ mode: 'full' });
    expect(summary.status).toBe('completed');
    expect(summary.companies).toMatchObject({ read: 2_400, written: 2_400, failed: 0 });
    expect(summary.contacts.read).toBe(2_600);
    expect(summary.contacts.written).toBe(summary.contacts.changed);
    const companies = await allCompanies(adapter);
    expect(companies.every((c) => c.current.icp_model_version === h.config.modelVersion)).toBe(true);
    const contacts = await allContacts(adapter);
    expect(contacts.every((c) => c.current.icp_persona)).toBe(true);
    const rerun = await h.sync({ mode: 'full' });
    expect(rerun.companies.changed + rerun.contacts.changed).toBe(0);
  });
});
