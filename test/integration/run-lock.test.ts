import { Redis } from 'ioredis';
import { acquireRunLock, releaseRunLock } from '../../src/sync/run-lock';
import { redisUrl } from '../support/env';

describe('one run per CRM (lock on the real Redis)', () => {
  const redis = new Redis(redisUrl());
  const key = `icp:test-lock-${process.pid}-${Date.now()}:hubspot:active-run`;
  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('of runs starting at the same instant exactly one gets the lock', async () => {
    const alive = async () => true;
    const holders = await Promise.all(['a', 'b', 'c', 'd'].map((id) => acquireRunLock(redis, key, id, alive)));
    const winners = holders.filter((h) => h === undefined);
    expect(winners).toHaveLength(1);
    const owner = await redis.get(key);
    expect(holders.filter((h) => h === owner)).toHaveLength(3);
  });

  it('a dead holder is replaced atomically; only the holder releases', async () => {
    const owner = (await redis.get(key))!;
    const dead = async () => false;
    const results = await Promise.all(['x', 'y'].map((id) => acquireRunLock(redis, key, id, dead)));
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
    const next = (await redis.get(key))!;
    expect(next).not.toBe(owner);
    await releaseRunLock(redis, key, owner);
    expect(await redis.get(key)).toBe(next);
    await releaseRunLock(redis, key, next);
    expect(await redis.get(key)).toBeNull();
  });
});
