import { Job } from 'bullmq';
import { compileIcp } from '../../src/scoring/icp';
import { harnessEnv, SyncHarness } from '../support/sync-harness';
import { configDir, spawnWorker, stopWorker } from '../support/worker-process';
import { enqueueSync } from '../../src/sync/trigger';
import { retrySetup } from '../../src/commands/setup.command';
import { allCompanies, until } from '../support/records';

describe('several worker processes on one Redis', () => {
  it('split the work and share one request budget: no 429 at the account limit', async () => {
    const config = configDir('hubspot:\n  rateLimit: { max: 30, intervalSeconds: 1 }\n');
    const h = await new SyncHarness('hubspot').start({ companies: 500, contacts: 1500, rateLimit: '30/1' }, undefined, false);
    const env = { ...harnessEnv('hubspot', h.sandbox.url, h.queueName), ICP_CONFIG_DIR: config.dir };
    const workers = [spawnWorker(env), spawnWorker(env), spawnWorker(env)];
    try {
      const adapter = await h.adapter();
      await retrySetup(() => adapter.setup({ personas: h.config.personas.personas, lists: false }));
      await adapter.close();
      await until(async () => (await h.queue.getWorkersCount()) === 3);
      const summary = await h.waitFor(await enqueueSync(h.queue, { crm: 'hubspot', mode: 'full' }));
      expect(summary).toMatchObject({ status: 'completed' });
      expect(summary.companies).toMatchObject({ written: 500, failed: 0 });
      expect(summary.contacts).toMatchObject({ written: 1500, failed: 0 });
      expect(summary.rateLimited).toBe(0);
      expect((await h.sandboxStats()).rateLimited).toBe(0);
      const jobs = await h.queue.getJobs(['completed'], 0, 1000);
      const processors = new Set(jobs.map((j: Job) => j.processedBy?.split(':')[1]));
      expect(processors.size).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all(workers.map((w) => stopWorker(w)));
      config.remove();
      await h.close();
    }
  }, 120_000);

  it('a worker killed with SIGKILL mid-run loses nothing: its jobs are retried and every value is right', async () => {
    const config = configDir('hubspot:\n  rateLimit: { max: 1000, intervalSeconds: 10 }\n');
    const h = await new SyncHarness('hubspot').start({ companies: 300, contacts: 900, latencyMs: 150 }, undefined, false);
    const env = { ...harnessEnv('hubspot', h.sandbox.url, h.queueName), ICP_CONFIG_DIR: config.dir, ICP_SYNC_LOCK_MS: '2000' };
    const [victim, survivor] = [spawnWorker(env), spawnWorker(env)];
    try {
      const adapter = await h.adapter();
      await adapter.setup({ personas: h.config.personas.personas, lists: false });
      await until(async () => (await h.queue.getWorkersCount()) === 2);
      const runId = await enqueueSync(h.queue, { crm: 'hubspot', mode: 'full' });
      // Kill it while it holds a job, so that job must be taken over after its lock lapses.
      await until(async () => (await h.queue.getJobs(['active'])).some((j: Job) => j.processedBy?.endsWith(`:${victim.pid}`)));
      expect(await stopWorker(victim, 'SIGKILL')).toBeNull();

      const summary = await h.waitFor(runId, 120_000);
      expect(summary).toMatchObject({ status: 'completed' });
      expect(summary.companies).toMatchObject({ read: 300, written: 300, failed: 0 });
      expect(summary.contacts).toMatchObject({ read: 900, written: 900, failed: 0 });
      const score = compileIcp(h.config.icp);
      for (const c of await allCompanies(adapter)) {
        expect(Number(c.current.icp_fit_score)).toBe(score(c.fields).score);
        expect(c.current.icp_model_version).toBe(h.config.modelVersion);
      }
      await adapter.close();
    } finally {
      await Promise.all([stopWorker(victim, 'SIGKILL'), stopWorker(survivor)]);
      config.remove();
      await h.close();
    }
  }, 180_000);

  it('SIGTERM finishes the jobs in hand and exits 0; the next worker carries the run to the end', async () => {
    const config = configDir('hubspot:\n  rateLimit: { max: 1000, intervalSeconds: 10 }\n');
    const h = await new SyncHarness('hubspot').start({ companies: 200, contacts: 600, latencyMs: 150 }, undefined, false);
    const env = { ...harnessEnv('hubspot', h.sandbox.url, h.queueName), ICP_CONFIG_DIR: config.dir };
    const first = spawnWorker(env);
    let second: ReturnType<typeof spawnWorker> | undefined;
    try {
      const adapter = await h.adapter();
      await adapter.setup({ personas: h.config.personas.personas, lists: false });
      await adapter.close();
      await until(async () => (await h.queue.getWorkersCount()) === 1);
      const runId = await enqueueSync(h.queue, { crm: 'hubspot', mode: 'full' });
      await until(async () => (await h.queue.getJobs(['active'])).length > 0);
      const started = Date.now();
      expect(await stopWorker(first, 'SIGTERM')).toBe(0);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect((await h.runs.get(runId))?.finishedAt).toBeUndefined();

      second = spawnWorker(env);
      const summary = await h.waitFor(runId, 120_000);
      expect(summary).toMatchObject({ status: 'completed' });
      expect(summary.companies).toMatchObject({ written: 200, failed: 0 });
      expect(summary.contacts).toMatchObject({ written: 600, failed: 0 });
    } finally {
      await Promise.all([stopWorker(first, 'SIGKILL'), second && stopWorker(second)]);
      config.remove();
      await h.close();
    }
  }, 180_000);
});
