import { personasConfigSchema } from '../../src/config/personas.schema';
import { crmCredentials } from '../../src/config/env.schema';
import { modelVersion } from '../../src/config/model-version';
import { crmConfigSchema } from '../../src/config/crm.schema';
import { compileIcp } from '../../src/scoring/icp';
import { retrySetup } from '../../src/commands/setup.command';
import { startWorkers } from '../../src/queue/worker';
import { SyncHarness } from '../support/sync-harness';
import { allCompanies, allContacts } from '../support/records';

describe('HubSpot sync under faults', () => {
  it('207 partial failures are retried until every record is written', async () => {
    const h = await new SyncHarness('hubspot').start({ companies: 100, contacts: 200, faults: 'partial=0.5', seed: 7 });
    try {
      const adapter = await h.adapter();
      // setup runs before the faults matter: partial faults only hit batch writes
      await adapter.setup({ personas: h.config.personas.personas, lists: false });
      const summary = await h.sync({ mode: 'full' });
      expect(summary).toMatchObject({ status: 'completed' });
      expect(summary.companies).toMatchObject({ changed: 100, written: 100, failed: 0 });
      expect(summary.contacts).toMatchObject({ changed: 200, written: 200, failed: 0 });
      expect((await h.sandboxStats()).faults.partial).toBeGreaterThan(0);
      const score = compileIcp(h.config.icp);
      for (const c of await allCompanies(adapter)) expect(Number(c.current.icp_fit_score)).toBe(score(c.fields).score);
      await adapter.close();
    } finally {
      await h.close();
    }
  });

  it('a value HubSpot rejects fails its record only: the batch is split, the rest written, the record named', async () => {
    const h = new SyncHarness('hubspot');
    // A persona added to personas.yaml after the properties were checked for this configuration
    // (e.g. an option deleted by hand since): HubSpot has no such option.
    const personas = personasConfigSchema.parse({
      ...h.config.personas,
      personas: [{ id: 'it_people', label: 'IT people', functions: ['it'], seniorities: ['individual_contributor', 'manager', 'director'], buyingRole: 'INFLUENCER' }, ...h.config.personas.personas],
    });
    // A generous budget: isolating bad records costs a few calls per record.
    h.config = { ...h.config, crm: crmConfigSchema.parse({ hubspot: { rateLimit: { max: 1000, intervalSeconds: 10 } } }) };
    await h.start({ companies: 60, contacts: 200 });
    const adapter0 = await h.adapter();
    try {
      await adapter0.setup({ personas: h.config.personas.personas, lists: false });
      const version = modelVersion(h.config.icp, personas);
      await h.redis.set(`icp:${h.queueName}:hubspot:properties-ensured`, version);
      await h.restartWorkers({ ...h.config, personas, modelVersion: version });
      const summary = await h.sync({ mode: 'full' });
      expect(summary.status).toBe('completed_with_failures');
      expect(summary.contacts.failed).toBeGreaterThan(0);
      expect(summary.contacts.written + summary.contacts.failed).toBe(summary.contacts.changed);
      expect(summary.companies).toMatchObject({ written: 60, failed: 0 });
      expect(summary.failures[0]).toMatchObject({ kind: 'contacts' });
      expect(summary.failures[0].error).toMatch(/icp_persona|it_people/);
    } finally {
      await adapter0.close();
      await h.close();
    }
  });

  it('a persona added to personas.yaml gets its CRM option on the next run, no setup needed', async () => {
    const h = new SyncHarness('hubspot');
    const personas = personasConfigSchema.parse({
      ...h.config.personas,
      personas: [{ id: 'it_people', label: 'IT people', functions: ['it'], seniorities: ['individual_contributor', 'manager', 'director'], buyingRole: 'INFLUENCER' }, ...h.config.personas.personas],
    });
    await h.start({ companies: 30, contacts: 100 });
    try {
      await h.sync({ mode: 'full' });
      await h.restartWorkers({ ...h.config, personas, modelVersion: modelVersion(h.config.icp, personas) });
      const summary = await h.sync({ mode: 'incremental' });
      expect(summary).toMatchObject({ status: 'completed', mode: 'full' });
      expect(summary.contacts.failed).toBe(0);
      const adapter = await h.adapter();
      expect((await allContacts(adapter)).some((c) => c.current.icp_persona === 'it_people')).toBe(true);
      await adapter.close();
    } finally {
      await h.close();
    }
  });

  it('5 % 500s, 5 % 429s and 2 % timeouts: setup and a full run complete, every value right, no job attempt spent', async () => {
    const h = new SyncHarness('hubspot');
    await h.start({ companies: 300, contacts: 900, faults: '500=0.05,429=0.05,timeout=0.02', timeoutFaultMs: 1000, seed: 11 });
    try {
      const adapter = await h.adapter();
      // setup retries per request too: one 504 no longer fails it
      await adapter.setup({ personas: h.config.personas.personas, lists: true });
      const summary = await h.sync({ mode: 'full' });
      expect(summary).toMatchObject({ status: 'completed' });
      expect(summary.companies).toMatchObject({ written: 300, failed: 0 });
      expect(summary.contacts).toMatchObject({ written: 900, failed: 0 });
      const faults = (await h.sandboxStats()).faults;
      expect(faults['500'] + faults['429'] + faults.timeout).toBeGreaterThan(5);
      // transient failures were retried per request, before they could cost a job attempt (1 = the first one)
      const jobs = await h.queue.getJobs(['completed']);
      expect(jobs.length).toBeGreaterThan(3);
      expect(jobs.filter((j) => j.attemptsMade > 1).map((j) => j.name)).toEqual([]);
      const score = compileIcp(h.config.icp);
      for (const c of await allCompanies(adapter)) expect(Number(c.current.icp_fit_score)).toBe(score(c.fields).score);
      await adapter.close();
    } finally {
      await h.close();
    }
  });

  it('a portal allowing less than configured delays the run but fails nothing, and the pace is learned: few 429s', async () => {
    const h = new SyncHarness('hubspot');
    // We believe the budget is 100/s; the account really allows 8/s, and says so in its headers.
    const crm = crmConfigSchema.parse({ hubspot: { rateLimit: { max: 100, intervalSeconds: 1 } } });
    await h.start({ companies: 100, contacts: 300, rateLimit: '8/1' }, { ...h.config, crm });
    try {
      const adapter = await h.adapter();
      await retrySetup(() => adapter.setup({ personas: h.config.personas.personas, lists: false }));
      await adapter.close();
      // A second worker on the same queue: a 429 must pause it too (queue.rateLimit).
      const second = startWorkers({ redis: h.redis, config: h.config, credentials: h.credentials, name: h.queueName });
      const summary = await h.sync({ mode: 'full' });
      await second.close();
      expect(summary).toMatchObject({ status: 'completed' });
      expect(summary.companies).toMatchObject({ written: 100, failed: 0 });
      expect(summary.contacts).toMatchObject({ written: 300, failed: 0 });
      // the first responses teach the limiter the real budget: a handful of 429s at most
      expect(summary.rateLimited).toBeLessThan(5);
      expect((await h.sandboxStats()).rateLimited).toBeGreaterThanOrEqual(summary.rateLimited);
    } finally {
      await h.close();
    }
  });
});

describe('HubSpot sync on a fresh portal', () => {
  it('the first run creates the properties itself, then writes', async () => {
    const h = await new SyncHarness('hubspot').start({ companies: 30, contacts: 60 });
    try {
      const summary = await h.sync({ mode: 'full' });
      expect(summary).toMatchObject({ status: 'completed' });
      expect(summary.companies).toMatchObject({ written: 30, failed: 0 });
      expect(summary.contacts).toMatchObject({ written: 60, failed: 0 });
    } finally {
      await h.close();
    }
  });
});

describe('HubSpot sync: limits and credentials', () => {
  it("the daily limit stops the run cleanly with a clear message; the next run resumes", async () => {
    const h = new SyncHarness('hubspot');
    h.config = { ...h.config, crm: crmConfigSchema.parse({ hubspot: { rateLimit: { max: 1000, intervalSeconds: 10 } } }) };
    await h.start({ companies: 300, contacts: 600, dailyLimit: 25 });
    try {
      const adapter = await h.adapter();
      await adapter.setup({ personas: h.config.personas.personas, lists: false });
      await adapter.close();
      const stopped = await h.sync({ mode: 'full' });
      expect(stopped.status).toBe('stopped');
      expect(stopped.error).toMatch(/daily API limit/);
      // the baseline did not move: the next run is a full one again
      expect(await h.redis.get(`icp:${h.queueName}:hubspot:last-success`)).toBeNull();
    } finally {
      await h.close();
    }
  });

  it('a token HubSpot refuses fails the run at once, naming the variable and never the token', async () => {
    const h = await new SyncHarness('hubspot').start({ companies: 20, contacts: 40, token: 'pat-right' });
    try {
      h.credentials = crmCredentials({ HUBSPOT_BASE_URL: h.sandbox.url, HUBSPOT_ACCESS_TOKEN: 'pat-revoked' });
      await h.restartWorkers(h.config);
      const summary = await h.sync({ mode: 'full' });
      expect(summary.status).toBe('failed');
      expect(summary.error).toMatch(/HUBSPOT_ACCESS_TOKEN/);
      expect(JSON.stringify(summary)).not.toMatch(/pat-revoked/);
      expect(summary.apiCalls).toBe(1);
    } finally {
      await h.close();
    }
  });
});
