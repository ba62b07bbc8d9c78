import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { liveWorkers } from '../../src/queue/heartbeat';
import { keys } from '../../src/sync/keys';
import { RunStore } from '../../src/sync/run-store';
import { until } from '../support/records';
import { sandboxProcess, startCli } from '../support/processes';
import { spawnWorker, stopWorker } from '../support/worker-process';
import { removeDeployment } from '../support/cleanup';
import { redisUrl } from '../support/env';


describe('sync --wait follows its run to the end, whatever happens to the processes', () => {
  const queue = `test-follow-${process.pid}-${Date.now().toString(36)}`;
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const runs = new RunStore(redis, keys(queue));
  let sandbox: ChildProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    const started = await sandboxProcess(['--crm', 'hubspot', '--companies', '150', '--contacts', '450', '--latency', '150']);
    sandbox = started.child;
    const url = started.url;
    env = { HUBSPOT_BASE_URL: url, HUBSPOT_ACCESS_TOKEN: 'pat-follow', ICP_SYNC_QUEUE: queue, ICP_SYNC_LOCK_MS: '3000' };
  });
  afterAll(async () => {
    sandbox.kill();
    await removeDeployment(new Queue(queue, { connection: redis }), redis);
    redis.disconnect();
  });

  const runningRun = async (): Promise<string> => {
    let id = '';
    await until(async () => {
      const [latest] = await runs.recent(1);
      id = latest?.status === 'running' && latest.companies.read + latest.contacts.read > 0 ? latest.id : '';
      return Boolean(id);
    }, 30_000);
    return id;
  };

  it('Ctrl-C on an in-process run hands it back: exit 130, the run stopped, the next one starts at once', async () => {
    const first = startCli(['sync', '--crm', 'hubspot', '--full', '--wait'], env, '');
    const runId = await runningRun();
    first.child.kill('SIGINT');
    const { code, stderr } = await first.done;
    expect(code).toBe(130);
    expect(stderr).toMatch(new RegExp(`run ${runId} stopped`));
    expect(await runs.get(runId)).toMatchObject({ status: 'stopped', finishedAt: expect.any(String) });
    expect(await redis.get(keys(queue).activeRun('hubspot'))).toBeNull();

    const started = Date.now();
    const second = await startCli(['sync', '--crm', 'hubspot', '--full', '--wait'], env, '').done;
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\(hubspot, full\): completed/);
    // No wait for a lock: a full run of this size takes a few seconds.
    expect(Date.now() - started).toBeLessThan(40_000);
    // In-process, the output is the human summary: no JSON log lines mixed in.
    expect(second.stdout + second.stderr).not.toMatch(/"level":/);
  }, 120_000);

  it('the workers die mid-run: sync --wait notices and finishes the run in-process', async () => {
    const worker = spawnWorker(env);
    try {
      await until(async () => (await liveWorkers(redis, keys(queue))) === 1, 30_000);
      const follower = startCli(['sync', '--crm', 'hubspot', '--full', '--wait', '--json'], env, '');
      await runningRun();
      worker.kill('SIGKILL');
      const { code, stdout, stderr } = await follower.done;
      expect(stderr).toMatch(/the workers stopped: finishing the run in this process/);
      expect(code).toBe(0);
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ status: 'completed', companies: { read: 150 } });
    } finally {
      await stopWorker(worker);
    }
  }, 120_000);
});
