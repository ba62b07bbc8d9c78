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
 * About this much of the budget is handed to a process per turn on the shared clock. A budget
 * whose spacing is shorter than this (hundreds of requests a second) hands out several request
 * slots per turn, so the shared clock (a Redis round trip and a few scripts) is paid per turn, not
 * per request; a budget like HubSpot's 190 / 10 s keeps one slot per turn.
 */
const TURN_MS = 50;
/**
 * Slots per turn. A turn may start late on this process (timers, the Redis reply) and overlap the
 * next one, so a window can hold two turns' worth more than the spacing allows: at most a quarter
 * of the headroom each, which keeps every rolling window within the budget.
 */
const slotsPerTurn = (budget: Budget, spacing: number) => Math.max(1, Math.min(Math.floor(TURN_MS / spacing), Math.floor((budget.max * (1 - HEADROOM)) / 4)));
/** How long the shared turn shape outlives the last process that reads it (Bottleneck's own timeout). */
const SHARED_TTL_MS = 5 * 60_000;

/** A turn on the shared clock: `size` slots of `spacing` ms from `start`, each usable once and only in its own slot. */
interface Turn {
  start: number;
  spacing: number;
  size: number;
  used: number;
}

/**
 * A request budget shared by every worker and process that uses the same Redis and id: requests
 * are spaced evenly, so no rolling window of `intervalMs` ever holds more than `max` of them,
 * however many workers run. The spacing is Bottleneck's minTime, kept in Redis: each Bottleneck
 * job is a turn of one or more slots (see TURN_MS), which this process spends one request per
 * slot, never before the slot starts, never after it ends. `learn` rewrites the spacing in Redis
 * (Bottleneck's cluster settings), so one process's lesson paces all of them, and a process that
 * joins later starts from it. Where turns can hold several slots, their shape (spacing, slots) is
 * kept beside Bottleneck's keys (`b_<id>_turn`) and read with each turn, so a process never spends
 * a turn with more slots than the budget another process learned allows.
 */
export function createRequestLimiter(options: { id: string; max: number; intervalMs: number; redis?: Redis }): RequestLimiter {
  const ceiling: Budget = { max: options.max, intervalMs: options.intervalMs };
  let current: Budget = ceiling;
  let spacing = minTimeOf(ceiling);
  let perTurn = slotsPerTurn(ceiling, spacing);
  // A budget whose ceiling keeps one slot per turn never has more: its turns need no shared shape.
  const shapeShared = Boolean(options.redis) && perTurn > 1;
  const shapeKey = `b_${options.id}_turn`;
  const shapeText = () => `${spacing}:${perTurn}`;
  // Its own connection (a shared one is never closed by Bottleneck): closed on stop.
  const client = options.redis?.duplicate();
  const connection = client ? new Bottleneck.IORedisConnection({ client }) : undefined;
  const limiter = connection
    ? new Bottleneck({
        id: options.id,
        minTime: spacing * perTurn,
        datastore: 'ioredis',
        connection,
        // Stale cluster state expires on its own when every process is gone.
        timeout: 5 * 60_000,
      })
    : new Bottleneck({ id: options.id, minTime: spacing * perTurn });
  limiter.on('error', () => undefined);

  /** This turn's spacing and slots: the shared shape when turns can hold several slots, else this process's. */
  const shape = async (): Promise<{ spacing: number; size: number }> => {
    const local = { spacing, size: perTurn };
    if (!shapeShared || !client) return local;
    const raw = await client.getex(shapeKey, 'PX', SHARED_TTL_MS);
    const [shared, size] = (raw ?? '').split(':').map(Number);
    if (shared > 0 && size > 0) return { spacing: shared, size };
    await client.set(shapeKey, shapeText(), 'PX', SHARED_TTL_MS, 'NX');
    return local;
  };

  const turns: Turn[] = [];
  const waiting: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  let asked = 0;

  /** The delay until the next free slot of a turn already granted, or undefined when none is left. */
  const slot = (now: number): number | undefined => {
    while (turns.length) {
      const turn = turns[0];
      // Slots whose time has passed are gone: using one late could crowd the next turn's.
      const index = Math.max(turn.used, Math.floor((now - turn.start) / turn.spacing));
      if (index < turn.size) {
        turn.used = index + 1;
        return Math.max(0, turn.start + index * turn.spacing - now);
      }
      turns.shift();
    }
    return undefined;
  };

  const pump = () => {
    const now = Date.now();
    while (waiting.length) {
      const delay = slot(now);
      if (delay === undefined) break;
      const { resolve } = waiting.shift()!;
      if (delay > 0) setTimeout(resolve, delay);
      else resolve();
    }
    // One turn asked for per `perTurn` requests waiting.
    while (asked * perTurn < waiting.length) {
      asked += 1;
      const size = perTurn;
      limiter
        .schedule(async () => {
          const start = Date.now();
          turns.push({ start, ...(await shape()), used: 0 });
        })
        .then(
          () => {
            asked -= 1;
            pump();
          },
          (err: unknown) => {
            asked -= 1;
            for (const w of waiting.splice(0, size)) w.reject(err);
            pump();
          },
        );
    }
  };

  return {
    acquire: () =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        pump();
      }),
    get budget() {
      return current;
    },
    learn: async (budget) => {
      if (!(budget.max > 0 && budget.intervalMs > 0)) return;
      const next = rate(budget) < rate(ceiling) ? budget : ceiling;
      const minTime = minTimeOf(next);
      current = next;
      if (minTime === spacing) return;
      spacing = minTime;
      perTurn = slotsPerTurn(next, spacing);
      if (shapeShared) await client?.set(shapeKey, shapeText(), 'PX', SHARED_TTL_MS).catch(() => undefined);
      // Typed as returning the limiter; in cluster mode it returns the Redis write (a promise).
      await Promise.resolve(limiter.updateSettings({ minTime: spacing * perTurn }) as unknown).catch(() => undefined);
    },
    stop: async () => {
      await limiter.disconnect(false);
      await connection?.disconnect(false);
    },
  };
}
