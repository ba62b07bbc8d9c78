import { Redis } from 'ioredis';
import { keys } from '../../src/sync/keys';
import { RunStore, type RunInfo } from '../../src/sync/run-store';
import { deleteMatching } from '../../src/sync/state-store';
import { redisUrl } from '../support/env';

describe('run bookkeeping on the real Redis', () => {
  const redis = new Redis(redisUrl());
  const name = `test-runstore-${process.pid}-${Date.now()}`;
  const k = keys(name);
  const info = (id: string): RunInfo => ({ id, crm: 'hubspot', mode: 'full', dryRun: false, force: false, status: 'running' });
  afterAll(async () => {
    await deleteMatching(redis, `icp:${name}:*`);
    redis.disconnect();
  });

  it('counts API calls per run and status in memory, and writes them in one command per run and status', async () => {
    const runs = new RunStore(redis, k);
    await runs.create(info('r1'));
    await runs.create(info('r2'));
    for (let i = 0; i < 250; i++) runs.countApiCall('r1', 200);
    for (let i = 0; i < 7; i++) runs.countApiCall('r1', 429);
    runs.countApiCall('r2', 207);
    // Nothing written yet: one HINCRBY per call was the cost this removes.
    expect(await redis.exists(k.runApi('r1'))).toBe(0);
    await runs.flushApiCalls();
    expect(await redis.hgetall(k.runApi('r1'))).toEqual({ '200': '250', '429': '7' });
    expect(await redis.hgetall(k.runApi('r2'))).toEqual({ '207': '1' });
    // A second flush with nothing new adds nothing.
    await runs.flushApiCalls();
    expect(await redis.hgetall(k.runApi('r1'))).toEqual({ '200': '250', '429': '7' });
  });

  it('a summary includes calls counted but not yet written, and the timer writes them on its own', async () => {
    const runs = new RunStore(redis, k);
    await runs.create(info('r3'));
    runs.countApiCall('r3', 200);
    runs.countApiCall('r3', 429);
    const summary = await runs.summary('r3');
    expect(summary).toMatchObject({ apiCalls: 2, rateLimited: 1, apiByStatus: { '200': 1, '429': 1 } });

    runs.countApiCall('r3', 200);
    const deadline = Date.now() + 5000;
    while ((await redis.hget(k.runApi('r3'), '200')) !== '2' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await redis.hget(k.runApi('r3'), '200')).toBe('2');
  });

  it('a call counted after its run finished leaves a key that expires, never one kept for good', async () => {
    const runs = new RunStore(redis, k);
    await runs.create(info('r4'));
    runs.countApiCall('r4', 200);
    const summary = await runs.finish('r4', { status: 'completed' });
    expect(summary.apiCalls).toBe(1);
    expect(await redis.exists(k.runApi('r4'))).toBe(0);
    runs.countApiCall('r4', 200);
    await runs.flushApiCalls();
    expect(await redis.ttl(k.runApi('r4'))).toBeGreaterThan(0);
  });

  it('counts a flush could not write (Redis unreachable) are kept for the next one', async () => {
    const client = new Redis(redisUrl(), { lazyConnect: true, enableOfflineQueue: false });
    try {
      const runs = new RunStore(client, k);
      for (let i = 0; i < 5; i++) runs.countApiCall('r6', 200);
      await expect(runs.flushApiCalls()).rejects.toThrow();
      runs.countApiCall('r6', 200);
      // The failed command started the connection; the next flush goes through once it is up.
      if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
      await runs.flushApiCalls();
      expect(await redis.hget(k.runApi('r6'), '200')).toBe('6');
    } finally {
      client.disconnect();
    }
  });

  it('reads a run status alone', async () => {
    const runs = new RunStore(redis, k);
    await runs.create(info('r5'));
    expect(await runs.status('r5')).toBe('running');
    await runs.update('r5', { status: 'stopped' });
    expect(await runs.status('r5')).toBe('stopped');
    expect(await runs.status('no-such-run')).toBeUndefined();
  });
});
