import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkValue, deserialize } from '../data/field-values';
import { commit, prepareUpdate, resolveField } from '../data/save';
import { noSuchColumn, notFound, SalesforceError } from '../errors';
import { toId18 } from '../ids';
import type { DataObject } from '../org/org';
import type { SetupTable } from '../org/setup-table';
import type { FieldDef, Row, Value } from '../schema/field';
import { describeSObject } from './describe';
import { recordRenderer } from './format';
import { baseUrl } from './oauth-routes';
import type { SandboxState } from './state';

type Params = { version: string; type: string; id: string };
type Req = FastifyRequest<{ Params: Params; Querystring: Record<string, string | undefined> }>;

const KEY_PREFIXES: Record<string, string> = { Account: '001', Contact: '003' };
/** Setup objects the integration user may create and change through REST. */
const WRITABLE_SETUP = new Set(['PermissionSet', 'FieldPermissions', 'PermissionSetAssignment']);

/** Resolves a `fields=A,B` parameter against the visible fields of an object. */
export function selectColumns(fields: Map<string, FieldDef>, list: string | string[], entity: string): FieldDef[] {
  const names = (Array.isArray(list) ? list : list.split(',')).map((name) => name.trim()).filter(Boolean);
  return names.map((name) => {
    const field = fields.get(name.toLowerCase());
    if (!field) throw noSuchColumn(name, entity);
    return field;
  });
}

export const basePath = (request: FastifyRequest<{ Params: { version: string } }>): string => `/services/data/${request.params.version}`;

/** Reads a JSON body into setup-record values; unknown fields fail the request, read-only ones too. */
function setupValues(table: SetupTable, body: unknown, creating: boolean): Row {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SalesforceError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  const values: Row = {};
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    if (name === 'attributes') continue;
    const field = table.fields().get(name.toLowerCase());
    if (!field) throw new SalesforceError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${table.name}`);
    if (creating ? field.createable === false : !field.updateable) {
      throw new SalesforceError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [field.name]);
    }
    const checked = checkValue(field, deserialize(field, raw));
    if ('error' in checked) throw new SalesforceError(400, checked.error.statusCode, checked.error.message, checked.error.fields);
    values[field.name] = checked.value;
  }
  return values;
}

export function registerSObjectRoutes(app: FastifyInstance, state: SandboxState): void {
  const objectFields = (type: string): { name: string; fields: Map<string, FieldDef>; data?: DataObject; setup?: SetupTable } => {
    const data = state.org.dataObject(type);
    if (data) return { name: data, fields: state.org.fieldsOf(data), data };
    const setup = state.org.setupTable(type);
    if (setup && setup.name !== 'CustomField') return { name: setup.name, fields: setup.fields(), setup };
    throw notFound();
  };

  app.get('/services/data/:version', async (request: Req) => {
    const base = basePath(request);
    return {
      identity: `${baseUrl(request)}/id/${state.org.orgId}/${state.org.userId}`,
      limits: `${base}/limits`, sobjects: `${base}/sobjects`, query: `${base}/query`, queryAll: `${base}/queryAll`,
      tooling: `${base}/tooling`, composite: `${base}/composite`, 'jobs/query': `${base}/jobs/query`,
      'jobs/ingest': `${base}/jobs/ingest`, 'ui-api': `${base}/ui-api`,
    };
  });

  app.get('/services/data/:version/sobjects/:type/describe', async (request: Req) => {
    const { name, fields, data, setup } = objectFields(request.params.type);
    const prefix = data ? KEY_PREFIXES[data] : setup!.spec.prefix;
    return describeSObject(name, prefix, fields.values(), basePath(request), Boolean(data) || WRITABLE_SETUP.has(name));
  });

  app.get('/services/data/:version/sobjects/:type/:id', async (request: Req) => {
    const { name, fields, data, setup } = objectFields(request.params.type);
    const id = toId18(request.params.id);
    const index = data && id ? state.org.recordIndex(data, id) : undefined;
    const row = data ? (index === undefined ? undefined : state.org.table(data)!.row(index)) : id && setup!.find(id);
    if (!row) throw notFound();
    const columns = request.query.fields === undefined ? [...fields.values()] : selectColumns(fields, request.query.fields, name);
    return recordRenderer(name, columns, basePath(request))(row);
  });

  app.patch('/services/data/:version/sobjects/:type/:id', async (request: Req, reply: FastifyReply) => {
    const { name, data, setup } = objectFields(request.params.type);
    if (setup) {
      const row = WRITABLE_SETUP.has(name) ? setup.find(request.params.id) : undefined;
      if (!row) throw notFound();
      setup.update(row, setupValues(setup, request.body, false), state.org.now());
      state.org.changed();
      return reply.status(204).send();
    }
    const object = data!;
    const id = toId18(request.params.id);
    if (!id || state.org.recordIndex(object, id) === undefined) {
      throw new SalesforceError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${request.params.id}`);
    }
    const body = request.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SalesforceError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
    const values = Object.entries(body)
      .filter(([key]) => key !== 'attributes')
      .map(([key, raw]): [FieldDef, Value] => {
        const field = resolveField(state.org, object, key);
        return [field, deserialize(field, raw)];
      });
    const prepared = prepareUpdate(state.org, object, id, values, new Set(), false);
    if (!prepared.ok) {
      const [first] = prepared.errors;
      throw new SalesforceError(400, first.statusCode, first.message, first.fields);
    }
    commit(state.org, object, prepared);
    state.stats.wrote(object, 1);
    return reply.status(204).send();
  });

  app.post('/services/data/:version/sobjects/:type', async (request: Req, reply: FastifyReply) => {
    const setup = state.org.setupTable(request.params.type);
    if (!setup || !WRITABLE_SETUP.has(setup.name)) throw notFound();
    const row = setup.insert(setupValues(setup, request.body, true), state.org.now());
    state.org.changed();
    return reply.status(201).send({ id: row.Id, success: true, errors: [] });
  });
}
