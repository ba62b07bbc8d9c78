import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deserialize } from '../data/field-values';
import { commit, prepareUpdate, resolveField, ROLLED_BACK, type Prepared } from '../data/save';
import { invalidType, SalesforceError } from '../errors';
import { toId18 } from '../ids';
import type { DataObject } from '../org/org';
import type { FieldDef, Value } from '../schema/field';
import { recordRenderer } from './format';
import { lockDraw } from './pipeline';
import { basePath, selectColumns } from './sobject-routes';
import type { SandboxState } from './state';

const MAX_RECORDS = 200;
const MAX_READ_IDS = 2000;

type Req = FastifyRequest<{ Params: { version: string; type: string }; Querystring: Record<string, string | undefined> }>;

const parserError = (message: string): SalesforceError => new SalesforceError(400, 'JSON_PARSER_ERROR', message);

export function registerCompositeRoutes(app: FastifyInstance, state: SandboxState): void {
  /** Reads every record first: a type, field or JSON error anywhere fails the whole call, as Salesforce does. */
  const readRecords = (records: unknown[]) =>
    records.map((record) => {
      if (!record || typeof record !== 'object' || Array.isArray(record)) throw parserError('Each record must be a JSON object');
      const { attributes, id, Id, ...rest } = record as Record<string, unknown>;
      const type = (attributes as { type?: unknown } | undefined)?.type;
      if (typeof type !== 'string') throw new SalesforceError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
      const object = state.org.dataObject(type);
      if (!object) throw invalidType(type);
      const values = Object.entries(rest).map(([name, raw]): [FieldDef, Value] => {
        const field = resolveField(state.org, object, name);
        return [field, deserialize(field, raw)];
      });
      return { object, id: id ?? Id, values };
    });

  app.patch('/services/data/:version/composite/sobjects', async (request) => {
    const body = request.body as { allOrNone?: unknown; records?: unknown } | null;
    if (!body || !Array.isArray(body.records)) throw parserError('The request body must have a records array');
    if (body.records.length > MAX_RECORDS) {
      throw new SalesforceError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
    }
    const records = readRecords(body.records);
    const locked = lockDraw(request);
    const seen = new Set<string>();
    const prepared: Prepared[] = records.map(({ object, id, values }) => prepareUpdate(state.org, object, id, values, seen, locked()));
    const failed = prepared.some((p) => !p.ok);
    if (body.allOrNone === true && failed) {
      return prepared.map((p) => ({ success: false, errors: p.ok ? [ROLLED_BACK] : p.errors }));
    }
    return prepared.map((p, i) => {
      if (!p.ok) return { success: false, errors: p.errors };
      commit(state.org, records[i].object, p);
      state.stats.wrote(records[i].object, 1);
      return { id: p.id, success: true, errors: [] };
    });
  });

  const read = (request: Req, object: DataObject, ids: unknown, fields: unknown) => {
    if (ids === undefined || fields === undefined) {
      throw new SalesforceError(400, 'MISSING_ARGUMENT', `${ids === undefined ? 'ids' : 'fields'} parameter is required`);
    }
    const idList = Array.isArray(ids) ? ids.map(String) : String(ids).split(',').filter(Boolean);
    if (idList.length > MAX_READ_IDS) throw new SalesforceError(400, 'EXCEEDED_ID_LIMIT', `Too many ids: the limit is ${MAX_READ_IDS}`);
    const columns = selectColumns(state.org.fieldsOf(object), fields as string | string[], object);
    const render = recordRenderer(object, columns, basePath(request));
    const table = state.org.table(object)!;
    return idList.map((raw) => {
      const id = toId18(raw);
      if (!id) throw new SalesforceError(400, 'MALFORMED_ID', `malformed id ${raw}`);
      const index = state.org.recordIndex(object, id);
      return index === undefined ? null : render(table.row(index));
    });
  };

  const objectOf = (request: Req): DataObject => {
    const object = state.org.dataObject(request.params.type);
    if (!object) throw invalidType(request.params.type);
    return object;
  };
  app.get('/services/data/:version/composite/sobjects/:type', async (request: Req) => read(request, objectOf(request), request.query.ids, request.query.fields));
  app.post('/services/data/:version/composite/sobjects/:type', async (request: Req) => {
    const body = (request.body ?? {}) as { ids?: unknown; fields?: unknown };
    return read(request, objectOf(request), body.ids, body.fields);
  });
}
