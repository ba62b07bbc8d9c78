import Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';

/** Share of the budget we plan to use: the rest absorbs clock skew and other apps on the account. */
const HEADROOM = 0.95;

export interface RequestLimiter {
  /** Resolves when this process may send one more request on the shared budget. */
  acquire(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A request budget shared by every worker and process that uses the same Redis and id: requests
 * are spaced evenly (Bottleneck minTime, kept in Redis), so no rolling window of `intervalMs`
 * ever holds more than `max` of them, however many workers run.
 */
export function createRequestLimiter(options: { id: string; max: number; intervalMs: number; redis?: Redis }): RequestLimiter {
  const minTime = Math.ceil(options.intervalMs / (options.max * HEADROOM));
  // Its own connection (a shared one is never closed by Bottleneck): closed on stop.
  const connection = options.redis ? new Bottleneck.IORedisConnection({ client: options.redis.duplicate() }) : undefined;
  const limiter = connection
    ? new Bottleneck({
        id: options.id,
        minTime,
        datastore: 'ioredis',
        connection,
        // Stale cluster state expires on its own when every process is gone.
        timeout: 5 * 60_000,
      })
    : new Bottleneck({ id: options.id, minTime });
  limiter.on('error', () => undefined);
  return {
    acquire: () => limiter.schedule(() => Promise.resolve()),
    stop: async () => {
      await limiter.disconnect(false);
      await connection?.disconnect(false);
    },
  };
}
