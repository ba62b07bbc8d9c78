import type { FastifyInstance } from 'fastify';
import { isDated, pathsOf, type ApiVersion } from '../api-versions';
import { validationError } from '../errors';
import { nameList, parseLimit } from '../format';
import { checkListFilter, isMember } from '../list-filters';
import type { ListFilter, StoredList } from '../lists';
import { OBJECT_TYPE_IDS, objectTypeOf, type ObjectType } from '../object-types';
import type { HubSpotState } from '../state';

type Query = { includeFilters?: string; listIds?: unknown; limit?: unknown; after?: unknown };

export function listRoutes(app: FastifyInstance, state: HubSpotState, version: ApiVersion): void {
  const base = pathsOf(version).lists;
  const { lists } = state;
  const typeOf = (objectTypeId: string): ObjectType | null => (objectTypeId === OBJECT_TYPE_IDS.companies ? 'companies' : objectTypeId === OBJECT_TYPE_IDS.contacts ? 'contacts' : null);
  const checkFilter = (objectTypeId: string, filter: ListFilter) => {
    const type = typeOf(objectTypeId);
    if (!type) throw validationError(`The sandbox holds lists of companies (0-2) and contacts (0-1) only, not ${objectTypeId}`);
    // The dated specs require includeObjectsWithNoValueSet on every property operation.
    if (isDated(version) && typeof (filter?.operation as { includeObjectsWithNoValueSet?: unknown } | undefined)?.includeObjectsWithNoValueSet !== 'boolean') {
      throw validationError(`Invalid input JSON: the ${String(filter?.property)} filter's operation is missing required field 'includeObjectsWithNoValueSet'`);
    }
    checkListFilter(filter, state.properties.get(type, String(filter?.property)));
  };
  /** Record indexes in the list: dynamic lists are evaluated on every read. */
  const members = (list: StoredList): number[] => {
    const type = typeOf(list.objectTypeId);
    if (!type || !list.filterBranch) return [];
    const store = state.stores[type];
    const result: number[] = [];
    for (let i = 0; i < store.count; i++) if (isMember(list.filterBranch, store.read(i).properties)) result.push(i);
    return result;
  };
  const view = (list: StoredList, includeFilters: unknown) => {
    const { filterBranch, ...rest } = list;
    return { ...rest, size: members(list).length, ...(String(includeFilters) === 'true' && filterBranch ? { filterBranch } : {}) };
  };

  app.post(`${base}`, async (req) => ({ list: view(lists.create((req.body ?? {}) as Record<string, unknown>, checkFilter), true) }));
  app.post(`${base}/search`, async (req) => {
    const body = (req.body ?? {}) as { query?: unknown; count?: unknown; offset?: unknown; processingTypes?: unknown; listIds?: unknown };
    const count = parseLimit(body.count, 20, 500);
    const offset = Number(body.offset ?? 0);
    const query = typeof body.query === 'string' ? body.query.toLowerCase() : '';
    const types = nameList(body.processingTypes);
    const ids = nameList(body.listIds);
    const found = lists.all().filter((l) => l.name.toLowerCase().includes(query) && (!types || types.includes(l.processingType)) && (!ids || ids.includes(l.listId)));
    const page = found.slice(offset, offset + count).map((list) => {
      const { filterBranch: _filters, ...result } = list;
      return { ...result, additionalProperties: { hs_list_size: String(members(list).length) } };
    });
    return { lists: page, total: found.length, offset: offset + page.length, hasMore: offset + page.length < found.length };
  });
  app.get<{ Params: { objectTypeId: string; listName: string }; Querystring: Query }>(`${base}/object-type-id/:objectTypeId/name/:listName`, async (req) => ({
    list: view(lists.byName(req.params.objectTypeId, req.params.listName), req.query.includeFilters),
  }));
  app.get<{ Params: { listId: string }; Querystring: Query }>(`${base}/:listId`, async (req) => ({ list: view(lists.get(req.params.listId), req.query.includeFilters) }));
  app.get<{ Params: { listId: string }; Querystring: Query }>(`${base}/:listId/memberships`, async (req) => {
    const list = lists.get(req.params.listId);
    const store = state.stores[objectTypeOf(list.objectTypeId)];
    const limit = parseLimit(req.query.limit, 100, 250);
    const all = members(list);
    const start = req.query.after === undefined ? 0 : Number(req.query.after);
    const results = all.slice(start, start + limit).map((index) => ({ recordId: store.idOf(index), membershipTimestamp: list.filtersUpdatedAt }));
    return { results, ...(start + limit < all.length ? { paging: { next: { after: String(start + limit) } } } : {}) };
  });
}
