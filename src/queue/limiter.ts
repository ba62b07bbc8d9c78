import Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';

/**
 * Share of the budget we plan to use. The spacing is kept in Redis (one clock for every process),
 * so the margin only absorbs the request a 10-second window may catch at each end; HubSpot's
 * burst budget is per app (the daily one, shared by the portal's apps, has its own reserve).
 */
const HEADROOM = 0.98;

export interface Budget {
  max: number;
  intervalMs: number;
}

export interface RequestLimiter {
  /** Resolves when this process may send one more request on the shared budget. */
  acquire(): Promise<void>;
  /**
   * Follows the budget the API says it grants (e.g. HubSpot's X-HubSpot-RateLimit-Max per
   * -Interval-Milliseconds), never above the configured one: every process sharing this limiter
   * paces itself on it from the next request on. Cheap to call on every response.
   */
  learn(budget: Budget): Promise<void>;
  /** The budget the requests are paced on now (as far as this process knows). */
  readonly budget: Budget;
  stop(): Promise<void>;
}

const minTimeOf = (budget: Budget) => Math.ceil(budget.intervalMs / (budget.max * HEADROOM));
const rate = (budget: Budget) => budget.max / budget.intervalMs;

/**
 * A request budget shared by every worker and process that uses the same Redis and id: requests
 * are spaced evenly (Bottleneck minTime, kept in Redis), so no rolling window of `intervalMs`
 * ever holds more than `max` of them, however many workers run. `learn` rewrites the spacing in
 * Redis (Bottleneck's cluster settings), so one process's lesson paces all of them, and a process
 * that joins later starts from it.
 */
export function createRequestLimiter(options: { id: string; max: number; intervalMs: number; redis?: Redis }): RequestLimiter {
  const ceiling: Budget = { max: options.max, intervalMs: options.intervalMs };
  let current: Budget = ceiling;
  let applied = minTimeOf(ceiling);
  // Its own connection (a shared one is never closed by Bottleneck): closed on stop.
  const connection = options.redis ? new Bottleneck.IORedisConnection({ client: options.redis.duplicate() }) : undefined;
  const limiter = connection
    ? new Bottleneck({
        id: options.id,
        minTime: applied,
        datastore: 'ioredis',
        connection,
        // Stale cluster state expires on its own when every process is gone.
        timeout: 5 * 60_000,
      })
    : new Bottleneck({ id: options.id, minTime: applied });
  limiter.on('error', () => undefined);
  return {
    acquire: () => limiter.schedule(() => Promise.resolve()),
    get budget() {
      return current;
    },
    learn: async (budget) => {
      if (!(budget.max > 0 && budget.intervalMs > 0)) return;
      const next = rate(budget) < rate(ceiling) ? budget : ceiling;
      const minTime = minTimeOf(next);
      current = next;
      if (minTime === applied) return;
      applied = minTime;
      // Typed as returning the limiter; in cluster mode it returns the Redis write (a promise).
      await Promise.resolve(limiter.updateSettings({ minTime }) as unknown).catch(() => undefined);
    },
    stop: async () => {
      await limiter.disconnect(false);
      await connection?.disconnect(false);
    },
  };
}
