import type { IcpConfig } from '../config/icp.schema';
import type { PersonasConfig } from '../config/personas.schema';
import { compileIcpWithMatches, type CompanyInput } from '../scoring/icp';
import { compileTal } from '../scoring/tal';
import { TIERS, type Tier } from '../scoring/taxonomy';
import { fitWeights } from './fit';
import { groupStats, GroupTotals, winRate, type Baseline, type CompanyOutcome } from './groups';
import type { DealInput, FalseNegative, ValidationReport } from './types';
import { inWindow, type Window } from './window';

/** Fewer won deals than this and the report says it is directional only. */
export const MIN_WINS = 50;
const HISTOGRAM_BINS = 10;

export interface ValidationData {
  companies: CompanyInput[];
  deals: DealInput[];
  /** Company id -> the persona ids found among its contacts; undefined when contacts were not read. */
  personasFound?: Map<string, Set<string>>;
}

export interface ValidationConfig {
  icp: IcpConfig;
  personas: PersonasConfig;
  modelVersion: string;
}

/** A company as validation sees it: scored with the config under test, with its deals. */
export interface ScoredCompany {
  id: string;
  name: string | null;
  score: number;
  tier: Tier;
  tal: boolean;
  completeness: number;
  knockedOut: boolean;
  /** Per criterion (config order): the match value 0..1, null when unknown. */
  matches: Array<number | null>;
  outcome?: CompanyOutcome;
}

/** What the HTML page draws besides the JSON: accounts by score decile, won vs lost only. */
export interface ScoreHistogram {
  /** Lower bound of each bin: 0, 10, ... 90 (the last bin holds 90-100). */
  bins: number[];
  won: number[];
  lost: number[];
}

export interface ValidationResult {
  report: Omit<ValidationReport, 'candidate'>;
  companies: ScoredCompany[];
  histogram: ScoreHistogram;
}

/** Closed deals of the window per company id, and the counts of `deals` in the report. */
export function attributeDeals(deals: DealInput[], companyIds: Set<string>, window: Window) {
  const outcomes = new Map<string, CompanyOutcome>();
  const counts = { closed: 0, won: 0, lost: 0, unattributed: 0 };
  for (const deal of deals) {
    if (!inWindow(deal, window)) continue;
    counts.closed += 1;
    if (deal.won) counts.won += 1;
    else counts.lost += 1;
    // A deal whose company is not among the companies read (deleted, merged) cannot be scored either.
    if (deal.companyId === null || !companyIds.has(deal.companyId)) {
      counts.unattributed += 1;
      continue;
    }
    let outcome = outcomes.get(deal.companyId);
    if (!outcome) outcomes.set(deal.companyId, (outcome = { closed: 0, won: 0, wonAmount: 0 }));
    outcome.closed += 1;
    if (deal.won) {
      outcome.won += 1;
      outcome.wonAmount += deal.amount ?? 0;
    }
  }
  return { outcomes, counts };
}

/** Scores every company with the config under test (its current data, never stored icp_* values). */
export function scoreCompanies(icp: IcpConfig, companies: CompanyInput[]): ScoredCompany[] {
  const score = compileIcpWithMatches(icp);
  const tal = compileTal(icp.tal);
  const selector = tal.createSelector();
  const seen = new Set<string>();
  const scored: ScoredCompany[] = [];
  for (const company of companies) {
    const id = String(company.id);
    // A company listed twice (an export with duplicates) counts once: the first row.
    if (seen.has(id)) continue;
    seen.add(id);
    const result = score(company);
    selector.add({ ...result, id, domain: company.domain });
    const name = typeof company.name === 'string' && company.name.trim() ? company.name.trim() : null;
    scored.push({ id, name, score: result.score, tier: result.tier, tal: false, completeness: result.completeness, knockedOut: result.knockedOut, matches: result.matches });
  }
  const onTal = selector.result();
  for (const company of scored) company.tal = onTal.has(company.id);
  return scored;
}

function bucketOf(m: number | null): 'full' | 'partial' | 'none' | 'unknown' {
  if (m === null) return 'unknown';
  if (m >= 1) return 'full';
  return m > 0 ? 'partial' : 'none';
}

function totalsBy<K>(companies: ScoredCompany[], keys: readonly K[], keyOf: (c: ScoredCompany) => K): Map<K, GroupTotals> {
  const totals = new Map<K, GroupTotals>(keys.map((k) => [k, new GroupTotals()]));
  for (const company of companies) totals.get(keyOf(company))!.add(company.outcome);
  return totals;
}

function histogramOf(companies: ScoredCompany[]): ScoreHistogram {
  const bins = Array.from({ length: HISTOGRAM_BINS }, (_, i) => i * 10);
  const won = bins.map(() => 0);
  const lost = bins.map(() => 0);
  for (const c of companies) {
    if (!c.outcome?.closed) continue;
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor(c.score / 10));
    if (c.outcome.won > 0) won[bin] += 1;
    else lost[bin] += 1;
  }
  return { bins, won, lost };
}

function falseNegativesOf(companies: ScoredCompany[]): FalseNegative[] {
  return companies
    .filter((c) => c.tier === 'no_fit' && (c.outcome?.won ?? 0) > 0)
    .map((c) => ({ id: c.id, name: c.name, score: c.score, tier: c.tier, won: c.outcome!.won, wonAmount: c.outcome!.wonAmount }))
    .sort((a, b) => b.wonAmount - a.wonAmount || b.won - a.won || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Backtests one config against the closed deals of the window (DESIGN.md "ICP validation semantics"). */
export function validateConfig(config: ValidationConfig, data: ValidationData, window: Window): ValidationResult {
  const companies = scoreCompanies(config.icp, data.companies);
  const { outcomes, counts } = attributeDeals(data.deals, new Set(companies.map((c) => c.id)), window);
  for (const company of companies) company.outcome = outcomes.get(company.id);

  const all = new GroupTotals();
  for (const company of companies) all.add(company.outcome);
  const baseline: Baseline = { winRate: winRate(all.won, all.closed), won: all.won };
  const stats = (totals: GroupTotals) => groupStats(totals, baseline);

  const tiers = totalsBy(companies, TIERS, (c) => c.tier);
  const tal = totalsBy(companies, [true, false], (c) => c.tal);
  const suggested = fitWeights(config.icp, companies);
  const criteria = config.icp.criteria.map((criterion, i) => {
    const buckets = totalsBy(companies, ['full', 'partial', 'none', 'unknown'] as const, (c) => bucketOf(c.matches[i]));
    return {
      id: criterion.id,
      weight: criterion.weight,
      suggestedWeight: suggested?.[i] ?? null,
      full: stats(buckets.get('full')!),
      partial: stats(buckets.get('partial')!),
      none: stats(buckets.get('none')!),
      unknown: stats(buckets.get('unknown')!),
    };
  });
  const found = data.personasFound;
  const keyPersonas = found ? config.personas.personas.filter((p) => p.key) : [];
  const personas = keyPersonas.map((persona) => {
    const groups = totalsBy(companies, [true, false], (c) => found!.get(c.id)?.has(persona.id) ?? false);
    return { id: persona.id, present: stats(groups.get(true)!), absent: stats(groups.get(false)!) };
  });

  const warnings: string[] = [];
  if (all.won < MIN_WINS) {
    warnings.push(`only ${all.won} won deals in the window (fewer than ${MIN_WINS}): the reading is directional only`);
  }
  if (counts.unattributed > 0) warnings.push(`${counts.unattributed} closed deals have no company among those read: left out of every group`);
  if (!found) warnings.push('no contacts read: persona presence is not measured');
  if (suggested === null) warnings.push('no closed deal on a scored company: no weights can be suggested');

  const report: ValidationResult['report'] = {
    window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
    modelVersion: config.modelVersion,
    deals: counts,
    overall: stats(all),
    tiers: TIERS.map((tier) => ({ tier, ...stats(tiers.get(tier)!) })),
    tal: [true, false].map((flag) => ({ tal: flag, ...stats(tal.get(flag)!) })),
    criteria,
    personas,
    falseNegatives: falseNegativesOf(companies),
    warnings,
  };
  return { report, companies, histogram: histogramOf(companies) };
}
