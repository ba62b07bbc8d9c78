import type { Redis } from 'ioredis';
import type { Keys } from '../sync/keys';

/** How often a worker process says it is alive, and how long one silence counts as dead. */
export const HEARTBEAT_MS = 5_000;
export const HEARTBEAT_TTL_MS = 3 * HEARTBEAT_MS;

/**
 * "Is a worker of this deployment alive": BullMQ's worker count comes from CLIENT LIST, which
 * spans every database of the server, so two deployments on one Redis (different databases, same
 * queue name) would count each other's workers. Each worker process keeps its member fresh in a
 * sorted set of its own database and queue (score = last beat), and leaves it on close.
 */
export function startHeartbeat(redis: Redis, k: Keys, id: string, onError: (err: Error) => void): { stop(): Promise<void> } {
  const beat = () =>
    redis
      .multi()
      .zadd(k.workers, Date.now(), id)
      .zremrangebyscore(k.workers, 0, Date.now() - HEARTBEAT_TTL_MS)
      .pexpire(k.workers, HEARTBEAT_TTL_MS * 4)
      .exec()
      .catch(onError);
  const first = beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await first;
      await redis.zrem(k.workers, id).catch(onError);
    },
  };
}

/** Worker processes of this deployment (this database and queue) seen alive within the TTL. */
export async function liveWorkers(redis: Redis, k: Keys, now = Date.now()): Promise<number> {
  return redis.zcount(k.workers, now - HEARTBEAT_TTL_MS, '+inf');
}
