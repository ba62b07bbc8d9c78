import type { Redis } from 'ioredis';

// Compare-and-set / compare-and-delete, so two runs never both believe they hold the lock.
const REPLACE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * One run per CRM at a time. `isAlive` tells whether the holder's job still exists and is not
 * finished; a dead holder (its job failed for good or vanished) is replaced atomically.
 * Returns the live holder when the lock is taken, undefined when `runId` now holds it.
 */
export async function acquireRunLock(redis: Redis, key: string, runId: string, isAlive: (holder: string) => Promise<boolean>): Promise<string | undefined> {
  if ((await redis.set(key, runId, 'NX')) === 'OK') return undefined;
  const holder = await redis.get(key);
  if (holder === null) return acquireRunLock(redis, key, runId, isAlive);
  if (holder === runId) return undefined;
  if (await isAlive(holder)) return holder;
  return (await redis.eval(REPLACE, 1, key, holder, runId)) === 1 ? undefined : ((await redis.get(key)) ?? undefined);
}

export async function releaseRunLock(redis: Redis, key: string, runId: string): Promise<void> {
  await redis.eval(RELEASE, 1, key, runId);
}
