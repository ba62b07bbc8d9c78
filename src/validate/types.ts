import type { Tier } from '../scoring/taxonomy';

/** A deal as read from the CRM or an export, in CRM-neutral terms. */
export interface DealInput {
  id: string;
  /** The company the deal counts for (HubSpot primary association else first; Salesforce AccountId). */
  companyId: string | null;
  closed: boolean;
  won: boolean;
  /** null when the CRM holds no amount (it then adds nothing to wonAmount). */
  amount: number | null;
  /** Epoch milliseconds of closedate / CloseDate; null when missing or unparseable. */
  closedAt: number | null;
}

/** The figures of one group of companies (DESIGN.md "ICP validation semantics"). */
export interface GroupStats {
  closed: number;
  won: number;
  /** won / closed; null when closed = 0. */
  winRate: number | null;
  /** winRate / the overall win rate of attributed deals; null when either is null or the overall is 0. */
  lift: number | null;
  wonAmount: number;
  /** won / all attributed wins; null when there are none. */
  shareOfWins: number | null;
  accounts: number;
  accountsWithDeals: number;
}

export interface CriterionReport {
  id: string;
  weight: number;
  /** The weight the closed deals suggest (see README, "ICP validation"); null when they cannot tell. */
  suggestedWeight: number | null;
  full: GroupStats;
  partial: GroupStats;
  none: GroupStats;
  unknown: GroupStats;
}

export interface PersonaReport {
  id: string;
  present: GroupStats;
  absent: GroupStats;
}

export interface FalseNegative {
  id: string;
  name: string | null;
  score: number;
  tier: Tier;
  won: number;
  wonAmount: number;
}

/** The `--json` document; keys fixed by DESIGN.md. */
export interface ValidationReport {
  window: { from: string; to: string };
  modelVersion: string;
  deals: { closed: number; won: number; lost: number; unattributed: number };
  overall: GroupStats;
  tiers: Array<{ tier: Tier } & GroupStats>;
  tal: Array<{ tal: boolean } & GroupStats>;
  criteria: CriterionReport[];
  personas: PersonaReport[];
  falseNegatives: FalseNegative[];
  warnings: string[];
  candidate?: Omit<ValidationReport, 'candidate'>;
}
