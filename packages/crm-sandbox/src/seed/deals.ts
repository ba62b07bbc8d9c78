/**
 * Seeded deals with an outcome model that is not the shipped icp.yaml, so that `icp-sync validate`
 * has something to find: a modern collaboration stack matters far more than icp.yaml's weight
 * says, headcount (icp.yaml's heaviest criterion) not at all. Deterministic from (seed, index);
 * close dates count back from the dataset's `dealsEndAt` day.
 */
import { hash, prng, type Random } from './random';
import { REGIONS } from './vocabulary';
import type { SeedCompany } from './index';

export interface SeedDeal {
  index: number;
  name: string;
  /** The company the deal counts for; null for the ~3 % of deals with no company. */
  companyIndex: number | null;
  /**
   * How HubSpot lists its companies: `primary` (Deal with Primary Company + unlabeled), `partner-first`
   * (an unlabeled partner company listed before the primary one) or `unlabeled` (no primary flag).
   */
  association: 'primary' | 'partner-first' | 'unlabeled';
  /** The other company of a `partner-first` deal. */
  partnerIndex: number | null;
  closed: boolean;
  won: boolean;
  /** Null for the ~5 % of deals nobody priced. */
  amount: number | null;
  /** Epoch ms: in the past 36 months for closed deals, the next 90 days for open ones. */
  closeAt: number;
  createdAt: number;
}

const DAY = 86_400_000;
const CLOSED = 0.85;
const NO_COMPANY = 0.03;
const NO_AMOUNT = 0.05;

/** The truth the deals follow, in log-odds of winning (README, "Sandbox deals"). */
export const OUTCOME_MODEL = {
  base: -2.0,
  /** Any of these on the company's technologies. */
  modernStack: 2.4,
  /** An industry an HR-software vendor sells well into. */
  industry: 0.8,
  /** Headquartered in France or Benelux. */
  country: 0.5,
  /** Headcount has no effect at all. */
  headcount: 0,
} as const;

const STACK = new Set(['slack', 'microsoft 365', 'google workspace', 'notion', 'hubspot', 'salesforce']);
const INDUSTRIES = new Set([
  'COMPUTER_SOFTWARE', 'INFORMATION_TECHNOLOGY_AND_SERVICES', 'INTERNET', 'FINANCIAL_SERVICES', 'INSURANCE',
  'HOSPITAL_HEALTH_CARE', 'RETAIL', 'STAFFING_AND_RECRUITING', 'MANAGEMENT_CONSULTING', 'HOSPITALITY', 'LOGISTICS_AND_SUPPLY_CHAIN',
]);
const HOME = new Set(REGIONS.filter((r) => ['FR', 'BE', 'NL', 'LU'].includes(r.code)).flatMap((r) => r.spellings.map((s) => s.trim().toLowerCase())));

/** The win probability of a deal with this company, from what the CRM shows of it. */
export function winProbability(company: SeedCompany): number {
  const m = OUTCOME_MODEL;
  let z = m.base;
  if (company.technologies?.some((t) => STACK.has(t.toLowerCase()))) z += m.modernStack;
  if (company.industry && INDUSTRIES.has(company.industry)) z += m.industry;
  if (company.country && HOME.has(company.country.trim().toLowerCase())) z += m.country;
  return 1 / (1 + Math.exp(-z));
}

const DEAL_WORDS = ['Core HR', 'Recruiting', 'Payroll', 'Onboarding', 'Performance', 'Time & Absence'];

export function generateDeal(
  index: number,
  random: Random,
  options: { companies: number; company: (index: number) => SeedCompany; endAt: number },
): SeedDeal {
  const companyIndex = options.companies === 0 || random() < NO_COMPANY ? null : Math.floor(random() * options.companies);
  const roll = random();
  const association = companyIndex === null || options.companies < 2 ? 'primary' : roll < 0.05 ? 'partner-first' : roll < 0.07 ? 'unlabeled' : 'primary';
  const partnerIndex = association === 'partner-first' ? (companyIndex! + 1 + Math.floor(random() * (options.companies - 1))) % options.companies : null;
  const closed = random() < CLOSED;
  const p = companyIndex === null ? 0.3 : winProbability(options.company(companyIndex));
  const won = closed && random() < p;
  const amount = random() < NO_AMOUNT ? null : Math.round(Math.exp(Math.log(4000) + random() * Math.log(60)) / 10) * 10;
  const closeAt = closed ? options.endAt - Math.floor(random() * 36 * 30.4 * DAY) : options.endAt + Math.floor(random() * 90 * DAY);
  const name = `${DEAL_WORDS[Math.floor(random() * DEAL_WORDS.length)]} #${index + 1}`;
  return { index, name, companyIndex, association, partnerIndex, closed, won, amount, closeAt, createdAt: closeAt - Math.floor((30 + random() * 150) * DAY) };
}

export function dealRandom(seed: number, index: number): Random {
  return prng(hash(seed, 4, index));
}
