import type { CompanyField, Criterion, IcpConfig, Knockout, Match } from '../config/icp.schema';
import { parseNumber } from './numbers';
import { fold } from './text';
import type { Tier } from './taxonomy';

/** A company in canonical fields; values come as the CRM holds them (strings, numbers, lists). */
export type CompanyInput = { id: string | number } & Partial<Record<Exclude<CompanyField, 'id'>, unknown>>;

export interface IcpResult {
  id: string | number;
  score: number;
  tier: Tier;
  completeness: number;
  knockedOut: boolean;
  reasons: string[];
}

const REASONS_MAX = 1024;

type Matcher = (value: unknown) => { m: number; shown: string } | undefined;

function toList(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(';') : typeof value === 'number' ? [value] : [];
  const out: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string' && typeof item !== 'number') continue;
    const text = String(item).trim();
    if (text) out.push(text);
  }
  return out;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text || undefined;
}

function rangeScore(v: number, min: number | undefined, max: number | undefined, falloff: number | undefined): number {
  if (min !== undefined && v < min) return falloff ? Math.max(0, 1 - (min - v) / (falloff * min)) : 0;
  if (max !== undefined && v > max) return falloff ? Math.max(0, 1 - (v - max) / (falloff * max)) : 0;
  return 1;
}

function compileMatch(match: Match): Matcher {
  if (match.in) {
    const accepted = new Set(match.in.map((v) => fold(String(v))));
    return (value) => {
      if (Array.isArray(value)) {
        const items = toList(value);
        if (!items.length) return undefined;
        const hit = items.find((item) => accepted.has(fold(item)));
        return { m: hit ? 1 : 0, shown: hit ?? items.join(', ') };
      }
      const text = scalarText(value);
      return text === undefined ? undefined : { m: accepted.has(fold(text)) ? 1 : 0, shown: text };
    };
  }
  if (match.range) {
    const { min, max, falloff } = match.range;
    return (value) => {
      const v = parseNumber(value);
      return v === undefined ? undefined : { m: rangeScore(v, min, max, falloff), shown: String(v) };
    };
  }
  const kind = match.any ? 'any' : match.all ? 'all' : 'none';
  const wanted = (match.any ?? match.all ?? match.none)!;
  const folded = wanted.map(fold);
  return (value) => {
    const items = toList(value);
    if (!items.length) return undefined;
    const present = new Set(items.map(fold));
    const found = wanted.filter((_, i) => present.has(folded[i]));
    const m = kind === 'any' ? (found.length ? 1 : 0) : kind === 'all' ? found.length / wanted.length : found.length ? 0 : 1;
    return { m, shown: found.length ? found.join(', ') : `none of ${wanted.join(', ')}` };
  };
}

function points(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Half up, robust to binary noise such as 72.49999999999999 for 72.5. */
function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

export function tierFor(score: number, tiers: IcpConfig['tiers']): Tier {
  if (score >= tiers.tier_1) return 'tier_1';
  if (score >= tiers.tier_2) return 'tier_2';
  if (score >= tiers.tier_3) return 'tier_3';
  return 'no_fit';
}

/** Joins reasons into the one CRM text value (<= 1024 chars). */
export function reasonsText(reasons: string[]): string {
  const text = reasons.join('; ');
  if (text.length <= REASONS_MAX) return text;
  let end = REASONS_MAX - 1;
  // Never cut a surrogate pair (an emoji in a value) in half.
  if (/[\ud800-\udbff]/.test(text[end - 1])) end -= 1;
  return `${text.slice(0, end)}…`;
}

export type IcpScorer = (company: CompanyInput) => IcpResult;

/** A score with each criterion's match value (0..1), in criteria order; null when unknown. */
export type IcpMatchScorer = (company: CompanyInput) => IcpResult & { matches: Array<number | null> };

/** Compiles icp.yaml once into a pure scoring function (DESIGN.md "ICP scoring semantics"). */
export function compileIcp(config: IcpConfig): IcpScorer {
  return compileScorer(config);
}

/** The same scorer, also telling each criterion's match value (ICP validation buckets by it). */
export function compileIcpWithMatches(config: IcpConfig): IcpMatchScorer {
  const score = compileScorer(config);
  return (company) => {
    const matches: Array<number | null> = new Array(config.criteria.length).fill(null);
    return { ...score(company, matches), matches };
  };
}

function compileScorer(config: IcpConfig): (company: CompanyInput, matches?: Array<number | null>) => IcpResult {
  const criteria = config.criteria.map((c: Criterion) => ({ ...c, matcher: compileMatch(c.match) }));
  const knockouts = config.knockouts.map((k: Knockout) => ({ ...k, matcher: compileMatch(k.match) }));
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  const { tiers, minCompleteness } = config;

  return (company, matches) => {
    const reasons: string[] = [];
    let knockedOut = false;
    for (const k of knockouts) {
      const hit = k.matcher(company[k.field as keyof CompanyInput]);
      if (hit && hit.m >= 1) {
        knockedOut = true;
        reasons.push(`knockout ${k.id}: ${hit.shown}`);
      }
    }
    let earned = 0;
    let known = 0;
    for (let i = 0; i < criteria.length; i++) {
      const c = criteria[i];
      const hit = c.matcher(company[c.field as keyof CompanyInput]);
      if (matches && hit) matches[i] = hit.m;
      if (!hit) {
        reasons.push(`?${c.id}: unknown`);
        continue;
      }
      known += c.weight;
      earned += c.weight * hit.m;
      // Points earned, and out of how many when not all: "+30 industry: X", "+0/20 industry: Y".
      const earnedText = hit.m >= 1 ? `+${points(c.weight)}` : `+${points(c.weight * hit.m)}/${points(c.weight)}`;
      reasons.push(`${earnedText} ${c.id}: ${hit.shown}`);
    }
    const completeness = known / totalWeight;
    const score = knockedOut || known === 0 ? 0 : roundHalfUp((100 * earned) / known);
    const tier: Tier = knockedOut ? 'no_fit' : completeness < minCompleteness ? 'insufficient_data' : tierFor(score, tiers);
    return { id: company.id, score, tier, completeness, knockedOut, reasons };
  };
}
