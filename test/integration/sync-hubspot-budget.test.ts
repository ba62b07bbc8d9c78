import { crmConfigSchema } from '../../src/config/crm.schema';
import { crmCredentials } from '../../src/config/env.schema';
import { compileIcp } from '../../src/scoring/icp';
import { compilePersonas } from '../../src/scoring/personas';
import { startWorkers } from '../../src/queue/worker';
import { allCompanies, allContacts } from '../support/records';
import { SyncHarness } from '../support/sync-harness';

const batchUpdateStatuses = (stats: Record<string, any>) =>
  Object.entries(stats.requests as Record<string, Record<string, number>>)
    .filter(([route]) => route.endsWith('/batch/update'))
    .reduce<Record<string, number>>((all, [, byStatus]) => {
      for (const [status, n] of Object.entries(byStatus)) all[status] = (all[status] ?? 0) + n;
      return all;
    }, {});

describe('HubSpot budgets read from HubSpot\'s own headers', () => {
  it('crm.yaml left at 100/10 s while the portal allows 30/10 s: the limiter follows the headers, across workers, no 429 storm', async () => {
    const h = new SyncHarness('hubspot');
    await h.start({ companies: 400, contacts: 1200, rateLimit: '30/10' }, undefined, false);
    expect(h.config.crm.hubspot.rateLimit).toEqual({ max: 100, intervalSeconds: 10 });
    // Two worker sets with their own adapters and limiters: they share the learned pace through Redis.
    h.startWorkers();
    const second = startWorkers({ redis: h.redis, config: h.config, credentials: h.credentials, name: h.queueName });
    try {
      const started = Date.now();
      const summary = await h.sync({ mode: 'full' });
      const seconds = (Date.now() - started) / 1000;
      expect(summary).toMatchObject({ status: 'completed' });
      expect(summary.companies).toMatchObject({ written: 400, failed: 0 });
      expect(summary.contacts).toMatchObject({ written: 1200, failed: 0 });
      // At the configured 100/10 s the ~60 calls of this run would get dozens of 429s.
      const stats = await h.sandboxStats();
      expect(stats.apiCalls).toBeGreaterThan(50);
      expect(stats.rateLimited).toBeLessThanOrEqual(1);
      // paced at about 30 per 10 s
      expect(seconds).toBeGreaterThan(((stats.apiCalls - 30) * 10) / 30 - 2);
    } finally {
      await second.close();
      await h.close();
    }
  });

  it('the daily limit: a run stops cleanly before hubspot.dailyReserve of it is left, and the next one resumes', async () => {
    const h = new SyncHarness('hubspot');
    h.config = { ...h.config, crm: crmConfigSchema.parse({ hubspot: { dailyReserve: 0.1, rateLimit: { max: 1000, intervalSeconds: 10 } } }) };
    // ~25 calls for the property check, ~16 to read and ~16 to write: 50 a day stops it midway.
    await h.start({ companies: 400, contacts: 1200, dailyLimit: 50 });
    try {
      const stopped = await h.sync({ mode: 'full' });
      expect(stopped.status).toBe('stopped');
      expect(stopped.error).toMatch(/daily.*dailyReserve/s);
      const stats = await h.sandboxStats();
      // it stopped before the reserve (5 calls of 50), without ever reaching HubSpot's own daily 429
      expect(stats.apiCalls).toBeLessThanOrEqual(46);
      expect(stats.rateLimited).toBe(0);

      // The next day (a fresh daily budget: the sandbox counts it per token), the next run resumes:
      // with no successful run yet it reads everything and finishes the job.
      h.credentials = crmCredentials({ HUBSPOT_BASE_URL: h.sandbox.url, HUBSPOT_ACCESS_TOKEN: 'test-token-next-day' });
      await h.restartWorkers(h.config);
      const resumed = await h.sync({ mode: 'incremental' });
      expect(resumed).toMatchObject({ status: 'completed', mode: 'full' });
      const adapter = await h.adapter();
      const score = compileIcp(h.config.icp);
      for (const c of await allCompanies(adapter)) expect(Number(c.current.icp_fit_score)).toBe(score(c.fields).score);
      const classify = compilePersonas(h.config.personas);
      for (const c of await allContacts(adapter)) expect(c.current.icp_persona).toBe(classify(c.jobTitle).persona);
      await adapter.close();
    } finally {
      await h.close();
    }
  });
});

describe('HubSpot 2026-09: the portal\'s property validation rules', () => {
  it.each([
    ['the whole batch answers 400 naming them', 'reject-batch' as const],
    ['each record fails alone in a 200', 'per-input' as const],
  ])('records that break a rule fail, named by id with HubSpot\'s message; the rest are written: %s', async (_label, invalidValues) => {
    const h = new SyncHarness('hubspot');
    // isolating records costs calls: a generous budget keeps the test short
    h.config = { ...h.config, crm: crmConfigSchema.parse({ hubspot: { rateLimit: { max: 1000, intervalSeconds: 10 } } }) };
    await h.start({ companies: 300, contacts: 300, invalidValues });
    try {
      const adapter = await h.adapter();
      await adapter.setup({ personas: h.config.personas.personas, lists: false });
      // A portal admin allows only real tiers in icp_tier: insufficient_data breaks the rule.
      await fetch(`${h.sandbox.url}/__sandbox/validation-rules/companies/icp_tier`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pattern: 'tier_1|tier_2|tier_3|no_fit', message: 'Only tier_1, tier_2, tier_3 or no_fit' }),
      });
      const score = compileIcp(h.config.icp);
      const companies = await allCompanies(adapter);
      const breaking = companies.filter((c) => score(c.fields).tier === 'insufficient_data').map((c) => c.id);
      expect(breaking.length).toBeGreaterThan(0);

      const summary = await h.sync({ mode: 'full' });
      expect(summary.status).toBe('completed_with_failures');
      expect(summary.companies).toMatchObject({ failed: breaking.length, written: 300 - breaking.length });
      const failed = summary.failures.filter((f) => f.kind === 'companies');
      // the summary names up to 50 failures
      expect(failed.length).toBe(Math.min(50, breaking.length));
      for (const f of failed) expect(breaking).toContain(f.id);
      for (const f of failed) expect(f.error).toMatch(/icp_tier: Only tier_1, tier_2, tier_3 or no_fit/);
      // 2026-09 never answers 207: a 200 carries the per-record errors, or the batch is a 400
      const statuses = batchUpdateStatuses(await h.sandboxStats());
      expect(Object.keys(statuses).sort()).toEqual(invalidValues === 'per-input' ? ['200'] : ['200', '400']);
      // a 400 names the records it refuses: the others go again at once, one 400 per company
      // batch at most, where halving the batch would cost about 7 per refused record
      expect(statuses['400'] ?? 0).toBeLessThanOrEqual(5);
      for (const c of await allCompanies(adapter)) {
        if (breaking.includes(c.id)) expect(c.current.icp_tier).toBeNull();
        else expect(c.current.icp_tier).toBe(score(c.fields).tier);
      }
      await adapter.close();
    } finally {
      await h.close();
    }
  });
});
