import type { TalConfig } from '../config/icp.schema';
import type { Tier } from './taxonomy';

const TIER_RANK: Record<Tier, number> = { tier_1: 1, tier_2: 2, tier_3: 3, no_fit: 4, insufficient_data: 5 };

/** "https://www.Acme.fr/about" -> "acme.fr", so include/exclude lists match however domains were typed. */
export function normalizeDomain(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .split(/[/?#:]/, 1)[0]
    .replace(/\.$/, '');
  return host || undefined;
}

/** What the TAL needs of a scored company. */
export interface TalEntry {
  id: string | number;
  domain?: unknown;
  score: number;
  tier: Tier;
  completeness: number;
}

export type TalStatus = 'included' | 'excluded' | 'candidate' | 'out';

export interface CompiledTal {
  /** Per company, without ranking: enough on its own when there is no maxSize. */
  status(entry: TalEntry): TalStatus;
  /** On the TAL by itself: true membership when there is no maxSize, else "may be ranked in". */
  qualifies(entry: TalEntry): boolean;
  /** The ids on the TAL among every scored company (the run-level step when maxSize is set). */
  select(entries: Iterable<TalEntry>): Set<string | number>;
  /** The same selection fed one company at a time, holding at most ~2 x maxSize candidates. */
  createSelector(): TalSelector;
  /**
   * Membership as far as one company tells, given the last ranking's cut (its lowest-ranked
   * candidate kept; null when every candidate was kept; undefined before any ranking, when
   * candidates are out): exact unless the ranking moves.
   */
  predict(entry: TalEntry, cut: TalEntry | null | undefined): boolean;
}

export interface TalSelector {
  add(entry: TalEntry): void;
  result(): Set<string | number>;
  /** After `result`: the lowest-ranked candidate kept, or null when no candidate was left out. */
  cut(): TalEntry | null;
}

const DIGITS = /^\d+$/;

/** Numeric ids (HubSpot's, or JSON numbers) in number order, "8" before "10"; others as text. */
function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  if (DIGITS.test(x) && DIGITS.test(y) && x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Ranking for maxSize: score desc, completeness desc, id asc. */
export function compareCandidates(a: TalEntry, b: TalEntry): number {
  return b.score - a.score || b.completeness - a.completeness || compareIds(a.id, b.id);
}

export function compileTal(tal: TalConfig | undefined): CompiledTal {
  const include = new Set((tal?.include ?? []).map(normalizeDomain));
  const exclude = new Set((tal?.exclude ?? []).map(normalizeDomain));
  const minRank = tal ? TIER_RANK[tal.minTier] : 0;

  const status = (entry: TalEntry): TalStatus => {
    if (!tal) return 'out';
    const domain = normalizeDomain(entry.domain);
    if (domain && include.has(domain)) return 'included';
    if (domain && exclude.has(domain)) return 'excluded';
    return TIER_RANK[entry.tier] <= minRank ? 'candidate' : 'out';
  };

  const select = (entries: Iterable<TalEntry>) => {
    const selector = createSelector();
    for (const entry of entries) selector.add(entry);
    return selector.result();
  };

  /**
   * Streaming TAL selection in O(maxSize) memory: the included companies, and the best candidates,
   * trimmed to maxSize whenever the pool doubles (the final room, maxSize - included, is at most
   * maxSize, so nothing that could be kept is ever dropped).
   */
  const createSelector = (): TalSelector => {
    const chosen = new Set<string | number>();
    let pool: TalEntry[] = [];
    let cut: TalEntry | null = null;
    let dropped = false;
    const trim = () => {
      pool.sort(compareCandidates);
      if (tal?.maxSize !== undefined && pool.length > tal.maxSize) {
        pool = pool.slice(0, tal.maxSize);
        dropped = true;
      }
    };
    return {
      add(entry: TalEntry) {
        const s = status(entry);
        if (s === 'included') chosen.add(entry.id);
        else if (s === 'candidate') {
          pool.push(entry);
          if (tal?.maxSize !== undefined && pool.length >= 2 * tal.maxSize + 1024) trim();
        }
      },
      result(): Set<string | number> {
        trim();
        const room = tal?.maxSize === undefined ? pool.length : Math.max(0, tal.maxSize - chosen.size);
        const kept = pool.slice(0, room);
        for (const c of kept) chosen.add(c.id);
        cut = kept.length < pool.length || dropped ? (kept.at(-1) ?? { id: '', score: Infinity, completeness: Infinity, tier: 'tier_1' }) : null;
        return chosen;
      },
      cut: () => cut,
    };
  };

  const qualifies = (entry: TalEntry) => {
    const s = status(entry);
    return s === 'included' || s === 'candidate';
  };

  const predict = (entry: TalEntry, last: TalEntry | null | undefined) => {
    const s = status(entry);
    if (s !== 'candidate') return s === 'included';
    // No ranking yet: a candidate is out until ranked in (maxSize is most often the few best).
    if (last === undefined) return false;
    return last === null || compareCandidates(entry, last) <= 0;
  };

  return { status, qualifies, select, createSelector, predict };
}
