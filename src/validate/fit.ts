import type { IcpConfig } from '../config/icp.schema';

/** L2 penalty on the coefficients (not the intercept): keeps a criterion with little evidence near 0. */
export const RIDGE = 1;
const ITERATIONS = 50;
/** A criterion the deals find useless keeps this share of the total weight (weights must be > 0). */
export const MIN_WEIGHT_SHARE = 0.01;

/** One company that has closed deals: its match values, its closed deals and its wins. */
export interface FitRow {
  matches: Array<number | null>;
  outcome?: { closed: number; won: number };
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}

/**
 * Binomial logistic regression of wins on the criteria's match values, one row per company with
 * closed deals (n = its closed deals, y = its wins), ridge-penalised, fitted by Newton's method.
 * An unknown match value is replaced by the mean of the known ones of that criterion (it then
 * says nothing either way). Returns [intercept, ...coefficients], or null without closed deals.
 */
export function fitLogistic(rows: FitRow[], criteria: number): number[] | null {
  const data = rows.filter((r) => (r.outcome?.closed ?? 0) > 0);
  if (!data.length) return null;
  const means = Array.from({ length: criteria }, (_, j) => {
    const known = data.map((r) => r.matches[j]).filter((m): m is number => m !== null);
    return known.length ? known.reduce((s, m) => s + m, 0) / known.length : 0;
  });
  const xs = data.map((r) => [1, ...r.matches.map((m, j) => m ?? means[j])]);
  const k = criteria + 1;
  let beta = new Array<number>(k).fill(0);
  for (let iter = 0; iter < ITERATIONS; iter++) {
    const gradient = beta.map((b, j) => (j === 0 ? 0 : -RIDGE * b));
    const hessian = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j && i > 0 ? RIDGE : 0)));
    data.forEach((row, r) => {
      const x = xs[r];
      const z = x.reduce((s, v, j) => s + v * beta[j], 0);
      const p = 1 / (1 + Math.exp(-z));
      const n = row.outcome!.closed;
      const residual = row.outcome!.won - n * p;
      const w = n * p * (1 - p);
      for (let i = 0; i < k; i++) {
        gradient[i] += x[i] * residual;
        for (let j = 0; j < k; j++) hessian[i][j] += w * x[i] * x[j];
      }
    });
    // Only the intercept is unpenalised: an all-won or all-lost sample keeps it finite here.
    hessian[0][0] += 1e-6;
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return beta;
}

/**
 * Weights re-fitted to the closed deals: proportional to the positive coefficients, at least
 * MIN_WEIGHT_SHARE of the total each, the same total as today, one decimal. A criterion that is
 * unknown on every company with deals keeps its weight (no evidence either way).
 */
export function fitWeights(icp: IcpConfig, rows: FitRow[]): number[] | null {
  const beta = fitLogistic(rows, icp.criteria.length);
  if (!beta) return null;
  const total = icp.criteria.reduce((s, c) => s + c.weight, 0);
  const informative = icp.criteria.map((_, j) => rows.some((r) => (r.outcome?.closed ?? 0) > 0 && r.matches[j] !== null));
  const fixed = icp.criteria.reduce((s, c, j) => s + (informative[j] ? 0 : c.weight), 0);
  const coefficients = beta.slice(1).map((b, j) => (informative[j] ? Math.max(b, 0) : 0));
  const sum = coefficients.reduce((s, b) => s + b, 0);
  const room = total - fixed;
  const floor = MIN_WEIGHT_SHARE * total;
  const count = informative.filter(Boolean).length;
  return icp.criteria.map((c, j) => {
    if (!informative[j]) return c.weight;
    const share = sum > 0 ? coefficients[j] / sum : 1 / count;
    // The floor comes out of the room first, so the total stays what it was.
    const weight = floor + share * Math.max(0, room - floor * count);
    return Math.max(0.1, Math.round(weight * 10) / 10);
  });
}

/**
 * The thresholds that keep each tier's share of accounts: for tier_1 the score at which about as
 * many accounts reach it as are tier_1 today, then tier_1 + tier_2, then down to tier_3.
 * `scores` are the candidate scores of the accounts that can have a tier (not knocked out, complete
 * enough); `targets` the current counts of tier_1, tier_1..2, tier_1..3.
 */
export function thresholdsFor(scores: number[], targets: [number, number, number]): IcpConfig['tiers'] {
  const atLeast = new Array<number>(102).fill(0);
  for (const s of scores) atLeast[Math.max(0, Math.min(100, Math.round(s)))] += 1;
  for (let t = 99; t >= 0; t--) atLeast[t] += atLeast[t + 1];
  const place = (target: number, ceiling: number): number => {
    let best = ceiling;
    for (let t = ceiling; t >= 0; t--) if (Math.abs(atLeast[t] - target) < Math.abs(atLeast[best] - target)) best = t;
    return best;
  };
  const tier_1 = place(targets[0], 100);
  const tier_2 = place(targets[1], tier_1);
  const tier_3 = place(targets[2], tier_2);
  return { tier_1, tier_2, tier_3 };
}
