import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { liveWorkers } from '../../src/queue/heartbeat';
import { keys } from '../../src/sync/keys';
import { cli, sandboxProcess } from '../support/processes';
import { spawnWorker, stopWorker } from '../support/worker-process';
import { until } from '../support/records';
import { removeDeployment } from '../support/cleanup';

const SERVER = (process.env.REDIS_URL || 'redis://127.0.0.1:6379').replace(/\/\d+$/, '');

// Issue 13: two deployments on one Redis server, each in its own database, with the same queue name.
describe('two deployments on one Redis server, databases 12 and 13, same queue name', () => {
  const queue = `test-two-deployments-${process.pid}-${Date.now().toString(36)}`;
  const dbs = [12, 13];
  const sandboxes: Array<{ child: ChildProcess; url: string }> = [];
  let worker: ChildProcess | undefined;
  const env = (i: number): Record<string, string> => ({
    REDIS_URL: `${SERVER}/${dbs[i]}`,
    ICP_SYNC_QUEUE: queue,
    HUBSPOT_BASE_URL: sandboxes[i].url,
    HUBSPOT_ACCESS_TOKEN: `pat-deployment-${i}`,
  });

  beforeAll(async () => {
    const args = ['--crm', 'hubspot', '--companies', '30', '--contacts', '60'];
    sandboxes.push(await sandboxProcess(args), await sandboxProcess(args));
  });
  afterAll(async () => {
    if (worker) await stopWorker(worker);
    for (const s of sandboxes) s.child.kill();
    for (const db of dbs) {
      const redis = new Redis(`${SERVER}/${db}`, { maxRetriesPerRequest: null });
      await removeDeployment(new Queue(queue, { connection: redis }), redis);
      redis.disconnect();
    }
  });

  it('each sync --wait finishes its own run; the one with no worker of its own runs it in-process', async () => {
    // Deployment 0 has a worker process; deployment 1 has none.
    worker = spawnWorker(env(0));
    const redis0 = new Redis(`${SERVER}/${dbs[0]}`, { maxRetriesPerRequest: null });
    const redis1 = new Redis(`${SERVER}/${dbs[1]}`, { maxRetriesPerRequest: null });
    try {
      await until(async () => (await liveWorkers(redis0, keys(queue))) === 1, 30_000);
      expect(await liveWorkers(redis1, keys(queue))).toBe(0);

      const [zero, one] = await Promise.all([
        cli(['sync', '--crm', 'hubspot', '--full', '--wait', '--json'], env(0), 'info'),
        cli(['sync', '--crm', 'hubspot', '--full', '--wait', '--json'], env(1), 'info'),
      ]);
      expect(zero.code).toBe(0);
      expect(one.code).toBe(0);
      expect(JSON.parse(zero.stdout.trim().split('\n').pop()!)).toMatchObject({ status: 'completed', companies: { written: 30 } });
      expect(JSON.parse(one.stdout.trim().split('\n').pop()!)).toMatchObject({ status: 'completed', companies: { written: 30 } });
      // Deployment 1 processed its run itself; deployment 0 left it to its worker.
      expect(one.stderr).toMatch(/processing the run in this process/);
      expect(zero.stderr).not.toMatch(/processing the run in this process/);
    } finally {
      redis0.disconnect();
      redis1.disconnect();
    }
  }, 120_000);
});
