import type { RateLimitSpec } from '../faults';

export interface Decision {
  allowed: boolean;
  /** Requests left in the window after this one. */
  remaining: number;
  /** When refused: how long until a request would be allowed. */
  retryAfterMs: number;
}

/** A rolling window per key (token): at most `max` requests in any `intervalMs`. */
export class RollingWindow {
  private hits = new Map<string, number[]>();

  constructor(readonly spec: RateLimitSpec) {}

  take(key: string, now: number): Decision {
    let hits = this.hits.get(key);
    if (!hits) this.hits.set(key, (hits = []));
    const cutoff = now - this.spec.intervalMs;
    let expired = 0;
    while (expired < hits.length && hits[expired] <= cutoff) expired++;
    if (expired > 0) hits.splice(0, expired);
    if (hits.length >= this.spec.max) return { allowed: false, remaining: 0, retryAfterMs: hits[0] - cutoff };
    hits.push(now);
    return { allowed: true, remaining: this.spec.max - hits.length, retryAfterMs: 0 };
  }

  reset(): void {
    this.hits.clear();
  }
}

/** A daily budget per key, renewed at midnight UTC. */
export class DailyBudget {
  private used = new Map<string, { day: number; count: number }>();

  constructor(readonly max: number) {}

  take(key: string, now: number): Decision {
    const day = Math.floor(now / 86_400_000);
    const entry = this.used.get(key);
    const count = entry?.day === day ? entry.count : 0;
    if (count >= this.max) return { allowed: false, remaining: 0, retryAfterMs: (day + 1) * 86_400_000 - now };
    this.used.set(key, { day, count: count + 1 });
    return { allowed: true, remaining: this.max - count - 1, retryAfterMs: 0 };
  }

  reset(): void {
    this.used.clear();
  }
}
