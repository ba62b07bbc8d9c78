import { crmConfigSchema } from '../../src/config/crm.schema';
import type { CrmAdapter } from '../../src/crm/adapter';
import { allCompanies, allContacts } from '../support/records';
import { SyncHarness } from '../support/sync-harness';

describe("mirror into HubSpot's own ABM properties (crm.yaml hubspot.mirror)", () => {
  const h = new SyncHarness('hubspot');
  let adapter: CrmAdapter;

  beforeAll(async () => {
    const crm = crmConfigSchema.parse({ hubspot: { rateLimit: { max: 1000, intervalSeconds: 10 }, mirror: { idealCustomerProfile: true, targetAccount: true, buyingRole: true } } });
    await h.start({ companies: 60, contacts: 150 }, { ...h.config, crm });
    adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: false });
  });
  afterAll(async () => {
    await adapter.close();
    await h.close();
  });

  it('writes hs_ideal_customer_profile, hs_is_target_account and adds to hs_buying_role without removing a rep\'s roles', async () => {
    const contacts = await allContacts(adapter);
    const rep = contacts.find((c) => /^(DRH|CEO|DSI|DAF)$/.test(c.jobTitle ?? '')) ?? contacts.find((c) => /directeur|director|chief/i.test(c.jobTitle ?? ''))!;
    await adapter.update('contacts', [{ id: rep.id, values: { hs_buying_role: 'BLOCKER' } }]);

    const summary = await h.sync({ mode: 'full' });
    expect(summary).toMatchObject({ status: 'completed' });

    for (const c of await allCompanies(adapter)) {
      expect(c.current.hs_is_target_account).toBe(c.current.icp_tal);
      const tier = String(c.current.icp_tier);
      expect(c.current.hs_ideal_customer_profile ?? '').toBe(tier.startsWith('tier_') ? tier : '');
    }
    for (const c of await allContacts(adapter)) {
      const roles = String(c.current.hs_buying_role ?? '').split(';').filter(Boolean);
      if (c.current.icp_buying_role !== 'OTHER') expect(roles).toContain(c.current.icp_buying_role);
      if (c.id === rep.id) expect(roles).toContain('BLOCKER');
    }

    const again = await h.sync({ mode: 'full' });
    expect(again.companies.written + again.contacts.written).toBe(0);
  });
});
