import Fastify, { type FastifyInstance } from 'fastify';
import { createDataset, startSandbox, type RunningSandbox } from '@icp-sync/crm-sandbox';
import { crmConfigSchema } from '../../src/config/crm.schema';
import { crmCredentials } from '../../src/config/env.schema';
import { createAdapter } from '../../src/crm';
import type { CrmAdapter, CrmName, DealRecord } from '../../src/crm/adapter';

const COMPANIES = 300;
const DEALS = 900;
const SEED = 7;
const since = new Date(Date.now() - 365 * 86_400_000);

async function readAll(adapter: CrmAdapter): Promise<{ deals: DealRecord[]; pages: number }> {
  const deals: DealRecord[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await adapter.pageClosedDeals({ closedSince: since, cursor });
    deals.push(...page.records);
    cursor = page.next;
    pages += 1;
  } while (cursor);
  return { deals, pages };
}

const seeded = createDataset({ seed: SEED, companies: COMPANIES, contacts: 10, deals: DEALS });
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const expected = Array.from({ length: DEALS }, (_, i) => seeded.deal(i)).filter((d) => d.closed && day(d.closeAt) >= day(since.getTime()));

describe.each<CrmName>(['hubspot', 'salesforce'])('%s adapter: closed deals for validate', (crm) => {
  let sandbox: RunningSandbox;
  let adapter: CrmAdapter;
  let calls = 0;

  beforeAll(async () => {
    sandbox = await startSandbox({ crm, companies: COMPANIES, contacts: 10, deals: DEALS, seed: SEED });
    const credentials = crmCredentials(
      crm === 'hubspot' ? { HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'test-token' } : { SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'test-token' },
    );
    const config = crmConfigSchema.parse({ hubspot: { rateLimit: { max: 100_000, intervalSeconds: 10 } } });
    adapter = await createAdapter(crm, { config, credentials, onApiCall: () => (calls += 1) });
  });
  afterAll(async () => {
    await adapter.close();
    await sandbox.close();
  });

  it('reads every closed deal since the day asked, with outcome, amount, close date and company', async () => {
    calls = 0;
    const { deals, pages } = await readAll(adapter);
    expect(deals.every((d) => d.closed)).toBe(true);
    expect(deals).toHaveLength(expected.length);
    expect(deals.filter((d) => d.won)).toHaveLength(expected.filter((d) => d.won).length);
    expect(deals.reduce((s, d) => s + (d.amount ?? 0), 0)).toBe(expected.reduce((s, d) => s + (d.amount ?? 0), 0));
    expect(deals.filter((d) => d.companyId === null)).toHaveLength(expected.filter((d) => d.companyIndex === null).length);
    expect(new Set(deals.map((d) => day(d.closedAt!)))).toEqual(new Set(expected.map((d) => day(d.closeAt))));
    // HubSpot lists every deal (100 a call) plus one association read per 1,000; Salesforce one query a page.
    expect(calls).toBe(crm === 'hubspot' ? Math.ceil(DEALS / 100) + Math.ceil(DEALS / 1000) : pages);
    if (crm === 'hubspot') {
      // Through the request layer, at crm.yaml's default API version.
      const routes = Object.keys(((await sandbox.stats()) as { requests: Record<string, unknown> }).requests);
      expect(routes).toEqual(expect.arrayContaining(['GET /crm/objects/2026-09/deals', 'POST /crm/associations/2026-09/deals/companies/batch/read']));
      expect(routes.filter((r) => r.includes('/v3/') || r.includes('/v4/'))).toEqual([]);
    }
  });

  if (crm === 'hubspot') {
    it('counts a deal for its primary company, else the first one listed', async () => {
      const { deals } = await readAll(adapter);
      const byId = new Map(deals.map((d) => [d.id, d]));
      const companyId = (index: number) => String(18_000_000_001 + index);
      const kinds = new Set<string>();
      for (const deal of expected) {
        const read = byId.get(String(29_000_000_001 + deal.index))!;
        expect(read.companyId).toBe(deal.companyIndex === null ? null : companyId(deal.companyIndex));
        kinds.add(deal.association);
      }
      // The seed holds partner-first and unlabeled associations, so both rules are exercised.
      expect(kinds).toEqual(new Set(['primary', 'partner-first', 'unlabeled']));
    });

    it('serves deals and their associations on the dated paths too', async () => {
      const headers = { authorization: 'Bearer t', 'content-type': 'application/json' };
      const list = await (await fetch(`${sandbox.url}/crm/objects/2026-09/deals?limit=2&properties=hs_is_closed,amount`, { headers })).json();
      expect(list.results).toHaveLength(2);
      expect(Object.keys(list.results[0].properties).sort()).toEqual(['amount', 'hs_is_closed']);
      const partner = expected.find((d) => d.association === 'partner-first')!;
      const response = await fetch(`${sandbox.url}/crm/associations/2026-09/deals/companies/batch/read`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ inputs: [{ id: String(29_000_000_001 + partner.index) }] }),
      });
      const body = await response.json();
      expect(body.results[0].to.map((t: { associationTypes: Array<{ typeId: number }> }) => t.associationTypes.map((a) => a.typeId))).toEqual([[341], [5, 341]]);
    });
  }
});

describe('HubSpot adapter: a portal that serves no v4 deal associations read', () => {
  let app: FastifyInstance;
  let adapter: CrmAdapter;
  const closedAt = Date.now() - 10 * 86_400_000;

  beforeAll(async () => {
    app = Fastify();
    const deal = (id: string, properties: Record<string, string | null>, companies: Array<{ id: string; type: string }>) => ({
      id,
      properties,
      createdAt: new Date(closedAt).toISOString(),
      updatedAt: new Date(closedAt).toISOString(),
      archived: false,
      ...(companies.length ? { associations: { companies: { results: companies } } } : {}),
    });
    // The numbered path, and the dated ones (crm.yaml hubspot.apiVersion).
    const listDeals = async (request: { query: unknown }) => {
      const query = request.query as Record<string, string>;
      expect(query.associations).toBe('companies');
      return {
        results: [
          // Closed by stage only, close date in epoch milliseconds, a partner listed before the primary.
          deal('1', { dealstage: 'closedwon', closedate: String(closedAt), amount: '1500.5' }, [
            { id: '77', type: 'deal_to_company_unlabeled' },
            { id: '42', type: 'deal_to_company' },
            { id: '42', type: 'deal_to_company_unlabeled' },
          ]),
          deal('2', { hs_is_closed: 'true', hs_is_closed_won: 'false', closedate: new Date(closedAt).toISOString(), amount: '' }, [{ id: '43', type: 'deal_to_company_unlabeled' }]),
          deal('3', { hs_is_closed: 'false', hs_is_closed_won: 'false', closedate: new Date(closedAt).toISOString(), amount: '10' }, [{ id: '44', type: 'deal_to_company' }]),
          deal('4', { hs_is_closed: 'true', hs_is_closed_won: 'true', closedate: '2001-01-01T00:00:00Z', amount: '10' }, []),
          deal('5', { hs_is_closed: 'true', hs_is_closed_won: 'true', closedate: new Date(closedAt).toISOString(), amount: '10' }, []),
        ],
      };
    };
    app.get('/crm/v3/objects/deals', listDeals);
    app.get('/crm/objects/:version/deals', listDeals);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const credentials = crmCredentials({ HUBSPOT_BASE_URL: `http://127.0.0.1:${address.port}`, HUBSPOT_ACCESS_TOKEN: 'test-token' });
    adapter = await createAdapter('hubspot', { config: crmConfigSchema.parse({}), credentials });
  });
  afterAll(async () => {
    await adapter.close();
    await app.close();
  });

  it('falls back to the associations listed with the deals: primary first, else the first company', async () => {
    const page = await adapter.pageClosedDeals({ closedSince: since });
    expect(page.next).toBeUndefined();
    expect(page.records).toEqual([
      { id: '1', companyId: '42', closed: true, won: true, amount: 1500.5, closedAt },
      { id: '2', companyId: '43', closed: true, won: false, amount: null, closedAt },
      { id: '5', companyId: null, closed: true, won: true, amount: 10, closedAt },
    ]);
  });
});
