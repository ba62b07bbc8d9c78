import type { GroupStats } from './types';

/** What one company brings to a group: its closed deals in the window, wins and won amount. */
export interface CompanyOutcome {
  closed: number;
  won: number;
  wonAmount: number;
}

/** Sums of a group before the rates: filled one company at a time. */
export class GroupTotals {
  accounts = 0;
  accountsWithDeals = 0;
  closed = 0;
  won = 0;
  wonAmount = 0;

  add(outcome: CompanyOutcome | undefined): void {
    this.accounts += 1;
    if (!outcome || outcome.closed === 0) return;
    this.accountsWithDeals += 1;
    this.closed += outcome.closed;
    this.won += outcome.won;
    this.wonAmount += outcome.wonAmount;
  }
}

/** The rates of the whole population, that lift and share of wins compare against. */
export interface Baseline {
  winRate: number | null;
  won: number;
}

export function winRate(won: number, closed: number): number | null {
  return closed === 0 ? null : won / closed;
}

export function groupStats(totals: GroupTotals, baseline: Baseline): GroupStats {
  const rate = winRate(totals.won, totals.closed);
  return {
    closed: totals.closed,
    won: totals.won,
    winRate: rate,
    lift: rate === null || baseline.winRate === null || baseline.winRate === 0 ? null : rate / baseline.winRate,
    wonAmount: totals.wonAmount,
    shareOfWins: baseline.won === 0 ? null : totals.won / baseline.won,
    accounts: totals.accounts,
    accountsWithDeals: totals.accountsWithDeals,
  };
}
