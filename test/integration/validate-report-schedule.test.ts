import { crmConfigSchema } from '../../src/config/crm.schema';
import { startHttpServer, type HttpServer } from '../../src/http/server';
import { upsertSchedules } from '../../src/queue/schedules';
import { until } from '../support/records';
import { SyncHarness } from '../support/sync-harness';

const TOKEN = 'test-report-token-0123456789';

describe('schedules.validate and GET /report (real Redis, queue and workers; HubSpot sandbox over HTTP)', () => {
  const h = new SyncHarness('hubspot');
  let server: HttpServer;

  beforeAll(async () => {
    await h.start({ companies: 200, contacts: 400 });
    server = await startHttpServer({ ctx: h.workers!.ctx, port: 0, host: '127.0.0.1', apiToken: TOKEN });
  });
  afterAll(async () => {
    await server?.close();
    await h.close();
  });

  const get = (path: string, token: string | null = TOKEN) => fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('is off by default: crm.yaml without schedules.validate upserts no validation schedule', async () => {
    const defaults = crmConfigSchema.parse({});
    expect(defaults.schedules.validate).toEqual({ pattern: '0 6 * * 1', enabled: false });
    await upsertSchedules(h.queue, crmConfigSchema.parse({ schedules: { incremental: { every: '1h', enabled: false }, full: { pattern: '0 2 * * *', enabled: false } } }), ['hubspot']);
    expect(await h.queue.getJobSchedulers()).toEqual([]);
  });

  it('serves no report before the first validation, and only with the bearer token', async () => {
    const anonymous = await get('/report', null);
    expect(await anonymous.text()).toMatch(/bearer token/);
    expect(anonymous.status).toBe(401);
    expect((await get('/report', 'wrong')).status).toBe(401);
    const none = await get('/report');
    expect(none.status).toBe(404);
    expect((await none.json()).error).toMatch(/schedules.validate/);
  });

  it('an enabled schedule validates through the workers and GET /report serves the page and its JSON', async () => {
    const crm = crmConfigSchema.parse({
      schedules: { incremental: { every: '1h', enabled: false }, full: { pattern: '0 2 * * *', enabled: false }, validate: { every: '1h' } },
    });
    await upsertSchedules(h.queue, crm, ['hubspot']);
    await upsertSchedules(h.queue, crm, ['hubspot']);
    expect((await h.queue.getJobSchedulers()).map((s) => s.key)).toEqual(['schedule:hubspot:validate']);

    // An `every` schedule fires at once.
    let report: Response | undefined;
    await until(async () => {
      report = await get('/report?crm=hubspot');
      return report.status === 200;
    }, 60_000);
    expect(report!.headers.get('content-type')).toMatch(/text\/html/);
    const html = await report!.text();
    expect(html).toMatch(/<svg[^>]+width="560"/);
    expect(html).toContain('table id="tiers"');

    const json = await (await get('/report?format=json')).json();
    expect(json.deals.closed).toBeGreaterThan(100);
    expect(json.tiers.map((t: { tier: string }) => t.tier)).toEqual(['tier_1', 'tier_2', 'tier_3', 'no_fit', 'insufficient_data']);
    expect(json.candidate.tiers[0].lift).toBeGreaterThan(json.tiers[0].lift);
    // Read-only: the validation wrote nothing to the CRM.
    expect((await h.sandboxStats()).written).toEqual({ companies: 0, contacts: 0 });
    await h.queue.removeJobScheduler('schedule:hubspot:validate');
  }, 90_000);
});
