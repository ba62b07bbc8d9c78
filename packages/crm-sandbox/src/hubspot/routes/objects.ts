import type { FastifyInstance, FastifyRequest } from 'fastify';
import { enforcesValidationRules, pathsOf, requireFields, type ApiVersion } from '../api-versions';
import { batchInputs, notFoundError, rejectDuplicateIds, splitPartialFault, validateWrites, type WriteInput } from '../batch-write';
import { notFound, validationError, type BatchError } from '../errors';
import { associationsOf, batchResponse, nameList, parseLimit, propertiesToReturn, toApiObject, type ApiObject } from '../format';
import { objectTypeOf, type ObjectType } from '../object-types';
import type { HubSpotState } from '../state';

type Params = { objectType: string; objectId?: string };
type Query = Record<string, unknown>;

const MAX_PAGE = 100;

/** Toward-types named in `associations=`; names HubSpot does not know are ignored. */
function associationTypes(raw: unknown): ObjectType[] {
  return (nameList(raw) ?? []).flatMap((name) => {
    try {
      return [objectTypeOf(name)];
    } catch {
      return [];
    }
  });
}

/** Objects: list, read, batch read / update / upsert, at one API version's paths. */
export function objectRoutes(app: FastifyInstance, state: HubSpotState, version: ApiVersion): void {
  const base = pathsOf(version).objects;
  /**
   * Since 2026-09 writes enforce the portal's validation rules: a record that breaks one fails
   * with 400 VALIDATION_ERROR, the whole batch with it ('reject-batch', as for invalid values),
   * or alone, in the `errors` of a 200 ('per-input').
   */
  const applyRules = <T extends { id: string; values: Record<string, string> }>(type: ObjectType, inputs: T[]) => {
    if (!enforcesValidationRules(version)) return { passed: inputs, errors: [] as BatchError[] };
    const errors: BatchError[] = [];
    const passed = inputs.filter((input) => {
      const error = state.validationRules.check(type, input.id, input.values);
      if (error) errors.push(error);
      return !error;
    });
    if (errors.length > 0 && (state.options.invalidValues ?? 'reject-batch') === 'reject-batch') {
      throw validationError(errors.map((e) => e.message).join('; '), {
        context: { ids: errors.flatMap((e) => e.context.ids ?? []) },
        errors: errors.flatMap((e) => e.errors ?? []),
      });
    }
    return { passed, errors };
  };
  app.get<{ Params: Params; Querystring: Query }>(`${base}/:objectType`, async (request) => {
    const type = objectTypeOf(request.params.objectType);
    const store = state.stores[type];
    const { query } = request;
    const limit = parseLimit(query.limit, 10, MAX_PAGE);
    let start = 0;
    if (query.after !== undefined) {
      if (!/^\d+$/.test(String(query.after))) throw validationError(`after must be a paging cursor from a previous response, got ${String(query.after)}`);
      start = Math.max(0, Number(query.after) - Number(store.idOf(0)));
    }
    const names = propertiesToReturn(state, type, nameList(query.properties));
    const toTypes = associationTypes(query.associations);
    const results: ApiObject[] = [];
    const end = String(query.archived) === 'true' ? start : Math.min(store.count, start + limit);
    for (let index = start; index < end; index++) results.push(withAssociations(state, type, index, names, toTypes));
    if (end >= store.count || results.length === 0) return { results };
    const after = store.idOf(end);
    return { results, paging: { next: { after, link: nextLink(request, after) } } };
  });

  app.get<{ Params: Params; Querystring: Query }>(`${base}/:objectType/:objectId`, async (request) => {
    const type = objectTypeOf(request.params.objectType);
    const { query } = request;
    const index = findIndex(state, type, request.params.objectId!, query.idProperty);
    if (index < 0 || String(query.archived) === 'true') throw notFound();
    return withAssociations(state, type, index, propertiesToReturn(state, type, nameList(query.properties)), associationTypes(query.associations));
  });

  app.post<{ Params: Params; Body: { properties?: unknown; idProperty?: unknown } }>(`${base}/:objectType/batch/read`, async (request, reply) => {
    const startedAt = new Date();
    requireFields(version, request.body, ['inputs', 'properties', 'propertiesWithHistory'], 'BatchReadInputSimplePublicObjectId');
    const type = objectTypeOf(request.params.objectType);
    const inputs = batchInputs<{ id?: unknown }>(request.body);
    const names = propertiesToReturn(state, type, nameList(request.body.properties));
    const missing: string[] = [];
    const results: ApiObject[] = [];
    for (const id of new Set(inputs.map((input) => String(input?.id ?? '')))) {
      const index = findIndex(state, type, id, request.body.idProperty);
      if (index < 0) missing.push(id);
      else results.push(toApiObject(state.stores[type].read(index), names));
    }
    const { statusCode, body } = batchResponse(state, version, startedAt, results, missing.length > 0 ? [notFoundError(type, missing)] : []);
    return reply.code(statusCode).send(body);
  });

  app.post<{ Params: Params }>(`${base}/:objectType/batch/update`, async (request, reply) => {
    const startedAt = new Date();
    const type = objectTypeOf(request.params.objectType);
    const store = state.stores[type];
    const inputs = batchInputs<WriteInput>(request.body).map((input) => ({ ...input, id: String(input?.id ?? '') }));
    rejectDuplicateIds(inputs.map((input) => input.id));
    const missing: string[] = [];
    const found = inputs.flatMap((input) => {
      const index = findIndex(state, type, input.id, input.idProperty);
      if (index < 0) missing.push(input.id);
      return index < 0 ? [] : [{ index, id: input.id, properties: input.properties }];
    });
    const { valid, errors } = validateWrites(state, type, found);
    const { passed, errors: ruleErrors } = applyRules(type, valid);
    const { kept, errors: faultErrors } = splitPartialFault(request.fault, passed);
    const now = Date.now();
    const results = kept.map(({ index, values }) => {
      store.write(index, values, now);
      return toApiObject(store.read(index), writtenNames(type, values));
    });
    const allErrors: BatchError[] = [...(missing.length > 0 ? [notFoundError(type, missing)] : []), ...errors, ...ruleErrors, ...faultErrors];
    const { statusCode, body } = batchResponse(state, version, startedAt, results, allErrors);
    return reply.code(statusCode).send(body);
  });

  app.post<{ Params: Params }>(`${base}/:objectType/batch/upsert`, async (request, reply) => {
    const startedAt = new Date();
    const type = objectTypeOf(request.params.objectType);
    const store = state.stores[type];
    const inputs = batchInputs<WriteInput>(request.body).map((input) => ({ ...input, id: String(input?.id ?? '') }));
    rejectDuplicateIds(inputs.map((input) => input.id));
    const targets = inputs.map((input) => {
      const idProperty = upsertIdProperty(state, type, input.idProperty);
      const properties = idProperty === 'hs_object_id' ? input.properties : { ...(input.properties as object), [idProperty]: input.id };
      return { index: findIndex(state, type, input.id, idProperty), id: input.id, properties, idProperty };
    });
    const missing = targets.filter((t) => t.index < 0 && t.idProperty === 'hs_object_id').map((t) => t.id);
    const { valid, errors } = validateWrites(state, type, targets.filter((t) => t.index >= 0 || t.idProperty !== 'hs_object_id'));
    const { passed, errors: ruleErrors } = applyRules(type, valid);
    const { kept, errors: faultErrors } = splitPartialFault(request.fault, passed);
    const now = Date.now();
    const results = kept.map(({ index, values }) => {
      const created = index < 0;
      const written = created ? store.create(values, now) : (store.write(index, values, now), index);
      return { ...toApiObject(store.read(written), writtenNames(type, values)), new: created };
    });
    const allErrors: BatchError[] = [...(missing.length > 0 ? [notFoundError(type, missing)] : []), ...errors, ...ruleErrors, ...faultErrors];
    const { statusCode, body } = batchResponse(state, version, startedAt, results, allErrors);
    return reply.code(statusCode).send(body);
  });
}

function withAssociations(state: HubSpotState, type: ObjectType, index: number, names: readonly string[], toTypes: ObjectType[]): ApiObject {
  const object = toApiObject(state.stores[type].read(index), names);
  if (toTypes.length === 0) return object;
  const associations = associationsOf(state, type, index, toTypes);
  return Object.keys(associations!).length > 0 ? { ...object, associations } : object;
}

/** Finds a record by id, or by the value of a unique property (`idProperty`, e.g. email). */
function findIndex(state: HubSpotState, type: ObjectType, id: string, idProperty: unknown): number {
  const store = state.stores[type];
  if (idProperty === undefined || idProperty === null || idProperty === 'hs_object_id') return store.indexOf(id);
  return store.findByUnique(upsertIdProperty(state, type, idProperty), id);
}

/** The property an upsert or read matches on: the record id, or a property with unique values. */
function upsertIdProperty(state: HubSpotState, type: ObjectType, idProperty: unknown): string {
  if (idProperty === undefined || idProperty === null || idProperty === 'hs_object_id') return 'hs_object_id';
  const name = String(idProperty);
  const property = state.properties.get(type, name);
  if (!property || !(property.hasUniqueValue || (type === 'contacts' && name === 'email'))) {
    throw validationError(`${name} is not a unique identifier property for ${type}: use hs_object_id${type === 'contacts' ? ', email' : ''} or a property with unique values`);
  }
  return name;
}

/** What a batch write answers: the written properties and the ones HubSpot always adds. */
function writtenNames(type: ObjectType, values: Record<string, string>): string[] {
  const lastModified = type === 'companies' ? 'hs_lastmodifieddate' : 'lastmodifieddate';
  return [...Object.keys(values), 'createdate', lastModified, 'hs_object_id'];
}

function nextLink(request: FastifyRequest, after: string): string {
  const url = new URL(request.url, `http://${request.headers.host}`);
  url.searchParams.set('after', after);
  return url.toString();
}
