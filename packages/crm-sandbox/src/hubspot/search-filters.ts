import { validationError } from './errors';
import { parseDateTime, type PropertyDefinition } from './properties';

export const OPERATORS = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;

export interface Filter {
  propertyName: string;
  operator: (typeof OPERATORS)[number];
  value?: string;
  highValue?: string;
  values?: string[];
}

/** Limits of the CRM search API since August 2024 (developer changelog). */
export const SEARCH_LIMITS = { groups: 5, filtersPerGroup: 10, filters: 25 } as const;

export function checkFilterGroups(raw: unknown): Filter[][] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError("Invalid input JSON: 'filterGroups' must be an array");
  if (raw.length > SEARCH_LIMITS.groups) throw validationError(`Too many filter groups: ${raw.length}; at most ${SEARCH_LIMITS.groups} are allowed`);
  const groups = raw.map((group) => {
    const filters = (group as { filters?: unknown })?.filters;
    if (!Array.isArray(filters)) throw validationError("Invalid input JSON: each filter group needs a 'filters' array");
    if (filters.length > SEARCH_LIMITS.filtersPerGroup) throw validationError(`Too many filters in a group: ${filters.length}; at most ${SEARCH_LIMITS.filtersPerGroup} are allowed`);
    return filters.map(checkFilter);
  });
  const total = groups.reduce((n, g) => n + g.length, 0);
  if (total > SEARCH_LIMITS.filters) throw validationError(`Too many filters: ${total}; at most ${SEARCH_LIMITS.filters} are allowed in all`);
  return groups;
}

function checkFilter(raw: unknown): Filter {
  const filter = (raw ?? {}) as Filter;
  if (typeof filter.propertyName !== 'string' || !filter.propertyName) throw validationError("Invalid input JSON: every filter needs a 'propertyName'");
  if (!OPERATORS.includes(filter.operator)) throw validationError(`Invalid filter operator '${String(filter.operator)}': expected one of ${OPERATORS.join(', ')}`);
  const needsValue = !['HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'].includes(filter.operator);
  if (needsValue && (filter.value === undefined || filter.value === null)) throw validationError(`Filter ${filter.propertyName} ${filter.operator} needs a 'value'`);
  if (filter.operator === 'BETWEEN' && (filter.highValue === undefined || filter.highValue === null)) throw validationError(`Filter ${filter.propertyName} BETWEEN needs a 'highValue'`);
  if ((filter.operator === 'IN' || filter.operator === 'NOT_IN') && !Array.isArray(filter.values)) throw validationError(`Filter ${filter.propertyName} ${filter.operator} needs 'values'`);
  return filter;
}

type Comparable = number | string;

/** Compares values the way the property's type does: numbers and dates numerically, text case-insensitively. */
export function comparable(property: PropertyDefinition | undefined, value: unknown): Comparable | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  if (property?.type === 'number') {
    const n = Number(text);
    return Number.isNaN(n) ? null : n;
  }
  if (property?.type === 'datetime' || property?.type === 'date') return parseDateTime(text);
  return text.toLowerCase();
}

/** Whether a record value matches a filter; a property the portal lacks never has a value. */
export function matches(property: PropertyDefinition | undefined, stored: string | null | undefined, filter: Filter): boolean {
  const multi = property?.fieldType === 'checkbox' && stored ? stored.split(';') : [stored];
  const values = multi.map((v) => comparable(property, v)).filter((v): v is Comparable => v !== null);
  const has = values.length > 0;
  const target = comparable(property, filter.value);
  const any = (test: (v: Comparable) => boolean) => values.some(test);
  switch (filter.operator) {
    case 'HAS_PROPERTY': return has;
    case 'NOT_HAS_PROPERTY': return !has;
    case 'EQ': return target !== null && any((v) => v === target);
    case 'NEQ': return !(target !== null && any((v) => v === target));
    case 'LT': return target !== null && any((v) => v < target);
    case 'LTE': return target !== null && any((v) => v <= target);
    case 'GT': return target !== null && any((v) => v > target);
    case 'GTE': return target !== null && any((v) => v >= target);
    case 'BETWEEN': {
      const high = comparable(property, filter.highValue);
      return target !== null && high !== null && any((v) => v >= target && v <= high);
    }
    case 'IN':
    case 'NOT_IN': {
      const set = new Set(filter.values!.map((v) => comparable(property, v)));
      return (filter.operator === 'IN') === any((v) => set.has(v));
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN':
      return (filter.operator === 'CONTAINS_TOKEN') === (has && containsToken(String(stored), String(filter.value)));
  }
}

/** A token match, with `*` as a wildcard ("*@example.com"). */
function containsToken(stored: string, token: string): boolean {
  const text = stored.toLowerCase();
  const wanted = token.toLowerCase();
  if (wanted.includes('*')) {
    const pattern = wanted.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${pattern}$`).test(text) || text.split(/[^\p{L}\p{N}@._-]+/u).some((t) => new RegExp(`^${pattern}$`).test(t));
  }
  return text.split(/[^\p{L}\p{N}]+/u).includes(wanted) || text === wanted;
}
