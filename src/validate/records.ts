import type { PersonasConfig } from '../config/personas.schema';
import { parseNumber } from '../scoring/numbers';
import { compilePersonas } from '../scoring/personas';
import type { DealInput } from './types';

/** Export column names (any case) for each deal field: ours, HubSpot's, Salesforce's. */
const DEAL_COLUMNS = {
  id: ['id', 'dealid', 'deal_id', 'record id', 'hs_object_id', 'opportunityid', 'opportunity id'],
  companyId: [
    'companyid', 'company_id', 'accountid', 'account id', 'associatedcompanyid', 'associated company id',
    'associated company id (primary)', 'associated company ids (primary)', 'associated company ids',
  ],
  closed: ['closed', 'isclosed', 'hs_is_closed', 'is closed', 'is deal closed?', 'is deal closed'],
  won: ['won', 'iswon', 'hs_is_closed_won', 'is closed won', 'is won'],
  amount: ['amount'],
  closeDate: ['closedate', 'close date', 'closedat', 'closed_at'],
  stage: ['dealstage', 'deal stage', 'stagename', 'stage'],
} as const;

const CONTACT_COLUMNS = {
  companyId: ['companyid', 'company_id', 'accountid', 'account id', 'associatedcompanyid', 'associated company id'],
  jobTitle: ['jobtitle', 'job title', 'title'],
  department: ['department'],
} as const;

function pick(record: Record<string, unknown>, names: readonly string[]): unknown {
  for (const [key, value] of Object.entries(record)) {
    if (names.includes(key.trim().toLowerCase())) return value;
  }
  return undefined;
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  return value.trim() || null;
}

/** true/false, 1/0, yes/no (any case); undefined for anything else. */
export function parseFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const t = text(value)?.toLowerCase();
  if (t === undefined || t === null) return undefined;
  if (['true', '1', 'yes', 'y', 'oui'].includes(t)) return true;
  if (['false', '0', 'no', 'n', 'non'].includes(t)) return false;
  return undefined;
}

/** ISO dates and datetimes, or epoch milliseconds (HubSpot's raw values); null otherwise. */
export function parseCloseDate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const t = text(value);
  if (!t) return null;
  if (/^\d{10,}$/.test(t)) return Number(t);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : t);
  return Number.isNaN(ms) ? null : ms;
}

/** A stage name that says closed won / closed lost, for exports without the flags. */
function stageOutcome(stage: string | null): { closed: boolean; won: boolean } | undefined {
  const s = stage?.toLowerCase().replace(/[\s_-]/g, '');
  if (s === 'closedwon') return { closed: true, won: true };
  if (s === 'closedlost') return { closed: true, won: false };
  return undefined;
}

/** A deal from an export row (DealInput), or a problem text when it has no id. */
export function toDeal(record: Record<string, unknown>): DealInput | string {
  const id = text(pick(record, DEAL_COLUMNS.id));
  if (!id) return `no deal id (one of the columns ${DEAL_COLUMNS.id.join(', ')})`;
  const stage = stageOutcome(text(pick(record, DEAL_COLUMNS.stage)));
  const won = parseFlag(pick(record, DEAL_COLUMNS.won)) ?? stage?.won ?? false;
  const closed = parseFlag(pick(record, DEAL_COLUMNS.closed)) ?? stage?.closed ?? won;
  const amount = parseNumber(pick(record, DEAL_COLUMNS.amount)) ?? null;
  return {
    id,
    // An export listing several companies ("123;456") counts the deal for the first.
    companyId: text(pick(record, DEAL_COLUMNS.companyId))?.split(';')[0].trim() || null,
    closed,
    won: closed && won,
    amount,
    closedAt: parseCloseDate(pick(record, DEAL_COLUMNS.closeDate)),
  };
}

export interface ContactRow {
  companyId: string | null;
  jobTitle: string | null;
  department: string | null;
}

export function toContactRow(record: Record<string, unknown>): ContactRow {
  return {
    companyId: text(pick(record, CONTACT_COLUMNS.companyId)),
    jobTitle: text(pick(record, CONTACT_COLUMNS.jobTitle)),
    department: text(pick(record, CONTACT_COLUMNS.department)),
  };
}

/** Collects, per company, the key personas found among its contacts (the same classifier as sync). */
export function createPersonaCollector(config: PersonasConfig) {
  const classify = compilePersonas(config);
  const keys = new Set(config.personas.filter((p) => p.key).map((p) => p.id));
  const found = new Map<string, Set<string>>();
  return {
    add(contact: ContactRow): void {
      if (!contact.companyId) return;
      const { persona } = classify(contact.jobTitle, contact.department);
      if (!keys.has(persona)) return;
      let set = found.get(contact.companyId);
      if (!set) found.set(contact.companyId, (set = new Set()));
      set.add(persona);
    },
    result: () => found,
  };
}
