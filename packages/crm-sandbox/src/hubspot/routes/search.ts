import type { FastifyInstance } from 'fastify';
import { SEED_EPOCH } from '../../seed';
import { isDated, pathsOf, requireFields, type ApiVersion } from '../api-versions';
import { validationError } from '../errors';
import { nameList, propertiesToReturn, toApiObject } from '../format';
import { LAST_MODIFIED, objectTypeOf, type ObjectType } from '../object-types';
import { parseDateTime } from '../properties';
import type { HubSpotRecord } from '../records';
import { checkFilterGroups, comparable, matches, type Filter } from '../search-filters';
import type { HubSpotState } from '../state';

/** HubSpot never pages a search past this many results; `after` beyond it is a 400. */
export const SEARCH_RESULT_CAP = 10_000;
const MAX_SEARCH_PAGE = 200;
const SEARCHABLE: Record<ObjectType, string[]> = { companies: ['name', 'domain', 'website'], contacts: ['firstname', 'lastname', 'email', 'phone', 'company'] };

interface SearchBody {
  filterGroups?: unknown;
  sorts?: unknown;
  query?: unknown;
  properties?: unknown;
  limit?: unknown;
  after?: unknown;
}

interface Sort {
  propertyName: string;
  descending: boolean;
}

export function searchRoutes(app: FastifyInstance, state: HubSpotState, version: ApiVersion): void {
  app.post<{ Params: { objectType: string }; Body: SearchBody }>(`${pathsOf(version).objects}/:objectType/search`, { config: { search: true } }, async (request) => {
    const type = objectTypeOf(request.params.objectType);
    const body = request.body ?? {};
    requireFields(version, body, ['after', 'filterGroups', 'limit', 'properties', 'sorts'], 'PublicObjectSearchRequest');
    // The dated specs type sorts as strings ("name", "-name"); v3 also took {propertyName, direction}.
    if (isDated(version) && Array.isArray(body.sorts) && body.sorts.some((s) => typeof s !== 'string')) {
      throw validationError("Invalid input JSON: 'sorts' must be an array of strings (a property name, '-' first for descending)");
    }
    const limit = Number(body.limit ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_PAGE) throw validationError(`limit must be an integer between 1 and ${MAX_SEARCH_PAGE}, got ${String(body.limit)}`);
    const after = body.after === undefined || body.after === null || body.after === '' ? 0 : Number(body.after);
    if (!Number.isInteger(after) || after < 0) throw validationError(`after must be a paging offset from a previous response, got ${String(body.after)}`);
    if (after >= SEARCH_RESULT_CAP) throw validationError(`The search API cannot page past ${SEARCH_RESULT_CAP} results (after=${after}); narrow the filters instead`);
    const groups = checkFilterGroups(body.filterGroups);
    const sorts = parseSorts(body.sorts);
    const query = typeof body.query === 'string' ? body.query.trim().toLowerCase() : '';
    const names = propertiesToReturn(state, type, nameList(body.properties));

    const matched: HubSpotRecord[] = [];
    const test = (record: HubSpotRecord) => (groups.length === 0 || groups.some((group) => group.every((f) => matches(state.properties.get(type, f.propertyName), record.properties[f.propertyName], f)))) && matchesQuery(type, record, query);
    for (const index of candidates(state, type, groups)) {
      const record = state.stores[type].read(index);
      if (test(record)) matched.push(record);
    }
    sortRecords(state, type, matched, sorts);
    const page = matched.slice(after, Math.min(after + limit, SEARCH_RESULT_CAP)).map((record) => toApiObject(record, names));
    const next = after + limit;
    return { total: matched.length, results: page, ...(next < matched.length ? { paging: { next: { after: String(next) } } } : {}) };
  });
}

/**
 * The records that can match. Seeded records were all modified before SEED_EPOCH, so when every
 * filter group asks for records modified since then (an incremental sync), only the written
 * records need reading: this keeps such searches fast on a million records.
 */
function candidates(state: HubSpotState, type: ObjectType, groups: Filter[][]): Iterable<number> {
  const store = state.stores[type];
  const recentOnly = groups.length > 0 && groups.every((group) => group.some((f) => isRecentFilter(type, f)));
  if (recentOnly) return [...store.writtenIndexes()].sort((a, b) => a - b);
  return { *[Symbol.iterator]() { for (let i = 0; i < store.count; i++) yield i; } };
}

function isRecentFilter(type: ObjectType, filter: Filter): boolean {
  if (filter.propertyName !== LAST_MODIFIED[type] || !['GT', 'GTE', 'EQ', 'BETWEEN'].includes(filter.operator)) return false;
  const since = parseDateTime(String(filter.value));
  return since !== null && since >= SEED_EPOCH;
}

function matchesQuery(type: ObjectType, record: HubSpotRecord, query: string): boolean {
  if (!query) return true;
  const text = SEARCHABLE[type].map((name) => record.properties[name] ?? '').join(' ').toLowerCase();
  return query.split(/\s+/).every((token) => text.includes(token));
}

/** Sorts as `{propertyName, direction}` objects or "name" / "-name" strings. */
function parseSorts(raw: unknown): Sort[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError("Invalid input JSON: 'sorts' must be an array");
  return raw.map((sort) => {
    if (typeof sort === 'string') return { propertyName: sort.replace(/^-/, ''), descending: sort.startsWith('-') };
    const { propertyName, direction } = (sort ?? {}) as { propertyName?: unknown; direction?: unknown };
    if (typeof propertyName !== 'string') throw validationError("Invalid input JSON: every sort needs a 'propertyName'");
    if (direction !== undefined && direction !== 'ASCENDING' && direction !== 'DESCENDING') throw validationError(`Invalid sort direction '${String(direction)}': expected ASCENDING or DESCENDING`);
    return { propertyName, descending: direction === 'DESCENDING' };
  });
}

/** Sorted by the given sorts, then by id; records without a value come last. */
function sortRecords(state: HubSpotState, type: ObjectType, records: HubSpotRecord[], sorts: Sort[]): void {
  if (sorts.length === 0) return;
  const keyed = sorts.map((sort) => ({ ...sort, property: state.properties.get(type, sort.propertyName) }));
  records.sort((a, b) => {
    for (const { propertyName, descending, property } of keyed) {
      const x = comparable(property, a.properties[propertyName]);
      const y = comparable(property, b.properties[propertyName]);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return a.index - b.index;
  });
}
