import { crmConfigSchema } from '../../src/config/crm.schema';
import { icpConfigSchema } from '../../src/config/icp.schema';
import { modelVersion } from '../../src/config/model-version';
import type { CrmAdapter } from '../../src/crm/adapter';
import { allCompanies } from '../support/records';
import { SyncHarness } from '../support/sync-harness';

describe('TAL with maxSize is a run-level step', () => {
  const h = new SyncHarness('hubspot');
  let adapter: CrmAdapter;

  beforeAll(async () => {
    const icp = icpConfigSchema.parse({ ...h.config.icp, tal: { minTier: 'tier_3', maxSize: 5, include: [], exclude: [] } });
    const crm = crmConfigSchema.parse({ hubspot: { incrementalOverlapSeconds: 1 } });
    await h.start({ companies: 80, contacts: 100 }, { ...h.config, crm, icp, modelVersion: modelVersion(icp, h.config.personas) });
    adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: false });
  });
  afterAll(async () => {
    await adapter.close();
    await h.close();
  });

  it('an incremental run moves a company it did not read off the list when a better one arrives', async () => {
    const full = await h.sync({ mode: 'full' });
    expect(full.talSize).toBe(5);
    const before = await allCompanies(adapter);
    const members = before.filter((c) => c.current.icp_tal === 'true');
    expect(members).toHaveLength(5);

    // A company outside the list becomes a perfect fit.
    const newcomer = before.find((c) => c.current.icp_tal !== 'true')!;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // The score steps predict membership from the last ranking: nothing moved, nothing to write.
    const quiet = await h.sync({ mode: 'incremental' });
    expect(quiet.companies.written).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await adapter.update('companies', [{ id: newcomer.id, values: { country: 'France', numberofemployees: 200, annualrevenue: 20_000_000, industry: 'COMPUTER_SOFTWARE', web_technologies: 'Slack' } }]);

    const incremental = await h.sync({ mode: 'incremental' });
    expect(incremental.companies.read).toBe(1);
    expect(incremental.talSize).toBe(5);
    // the newcomer joined, one former member (not read in this run) left
    expect(incremental.companies.written).toBe(2);
    const after = await allCompanies(adapter);
    const onTal = after.filter((c) => c.current.icp_tal === 'true').map((c) => c.id);
    expect(onTal).toHaveLength(5);
    expect(onTal).toContain(newcomer.id);
  });
});
