/**
 * Fault injection and limit specs shared by the sandbox emulators. Faults are drawn from a PRNG
 * seeded with (seed, request number), so a run with the same seed and request order sees the same
 * faults.
 */
import { hash, prng } from './seed/random';

export const FAULT_KINDS = ['429', '500', 'timeout', 'partial'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Probability per request of each fault, e.g. `{ '429': 0.05, partial: 0.02 }`. */
export type FaultRates = Partial<Record<FaultKind, number>>;

export interface RateLimitSpec {
  max: number;
  intervalMs: number;
}

export interface Fault {
  kind: FaultKind;
  /** Further draws for this request (e.g. which inputs of a batch fail), seeded like the fault. */
  random: () => number;
}

export interface FaultPlan {
  /** Draws the fault of the next request, or null for none. */
  next(): Fault | null;
  reset(): void;
}

/** Parses `429=0.05,500=0.02,timeout=0.01,partial=0.02`. */
export function parseFaults(spec: string): FaultRates {
  const rates: FaultRates = {};
  const usage = `expected KIND=RATE[,KIND=RATE...] with KIND one of ${FAULT_KINDS.join(', ')} and RATE in [0, 1], e.g. 429=0.05,500=0.02`;
  for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(entry);
    if (!match) throw new Error(`bad fault "${entry}" in --faults "${spec}": ${usage}`);
    const [, kind, text] = match;
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown fault kind "${kind}" in --faults "${spec}": ${usage}`);
    const rate = Number(text);
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`bad rate "${text}" for ${kind} in --faults "${spec}": ${usage}`);
    rates[kind as FaultKind] = rate;
  }
  checkFaultRates(rates);
  return rates;
}

export function checkFaultRates(rates: FaultRates): void {
  const total = Object.values(rates).reduce((sum, r) => sum + (r ?? 0), 0);
  if (total > 1) throw new Error(`fault rates add up to ${total}, more than 1`);
}

/** Parses `190/10`: at most 190 requests per rolling 10 seconds. */
export function parseRateLimit(spec: string): RateLimitSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(spec);
  const max = match ? Number(match[1]) : NaN;
  const seconds = match ? Number(match[2]) : NaN;
  if (!(max > 0 && seconds > 0)) throw new Error(`bad --rate-limit "${spec}": expected MAX/SECONDS with both > 0, e.g. 190/10`);
  return { max, intervalMs: Math.round(seconds * 1000) };
}

export function createFaultPlan(seed: number, rates: FaultRates = {}): FaultPlan {
  checkFaultRates(rates);
  const active = FAULT_KINDS.filter((kind) => (rates[kind] ?? 0) > 0);
  let counter = 0;
  return {
    next() {
      if (active.length === 0) return null;
      const random = prng(hash(seed, 0xfa0175, counter++));
      let draw = random();
      for (const kind of active) {
        draw -= rates[kind]!;
        if (draw < 0) return { kind, random };
      }
      return null;
    },
    reset() {
      counter = 0;
    },
  };
}
