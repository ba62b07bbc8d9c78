import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalidType, noSuchColumn, notFound, SalesforceError } from '../errors';
import type { SandboxState } from './state';

type Req = FastifyRequest<{ Params: { version: string; object: string; name: string } }>;

interface FilterInput {
  fieldApiName?: unknown;
  operandLabels?: unknown;
  operator?: unknown;
}

const OPERATORS = new Set([
  'Equals', 'NotEqual', 'LessThan', 'GreaterThan', 'LessOrEqual', 'GreaterOrEqual', 'Contains', 'NotContain',
  'StartsWith', 'Includes', 'Excludes', 'Within',
]);
/** `POST ui-api/list-info/{object}` exists since API version 61.0. */
const FIRST_VERSION = 61;

const badInput = (message: string): SalesforceError => new SalesforceError(400, 'INVALID_INPUT', message);

/**
 * List views through the UI API (`ui-api/list-info`), the REST way to create them since 61.0;
 * the Metadata API alternative is SOAP only.
 */
export function registerUiApiRoutes(app: FastifyInstance, state: SandboxState): void {
  const objectOf = (request: Req) => {
    if (Number(request.params.version.slice(1)) < FIRST_VERSION) throw notFound();
    const object = state.org.dataObject(request.params.object);
    if (!object) throw invalidType(request.params.object);
    return object;
  };

  app.post('/services/data/:version/ui-api/list-info/:object', async (request: Req, reply: FastifyReply) => {
    const object = objectOf(request);
    const input = (request.body ?? {}) as Record<string, unknown>;
    const label = typeof input.label === 'string' ? input.label.trim() : '';
    if (!label) throw badInput('label: a list view needs a label');
    const apiName = typeof input.listViewApiName === 'string' ? input.listViewApiName : label.replace(/\W+/g, '_').replace(/^_|_$/g, '');
    const fields = state.org.fieldsOf(object);
    const filters = (Array.isArray(input.filteredByInfo) ? input.filteredByInfo : []).map((raw: FilterInput) => {
      const field = typeof raw.fieldApiName === 'string' ? fields.get(raw.fieldApiName.toLowerCase()) : undefined;
      if (!field) throw noSuchColumn(String(raw.fieldApiName), object);
      if (typeof raw.operator !== 'string' || !OPERATORS.has(raw.operator)) throw badInput(`operator: unknown operator ${String(raw.operator)}`);
      if (!Array.isArray(raw.operandLabels)) throw badInput('operandLabels: expected an array');
      return { fieldApiName: field.name, label: field.label, operandLabels: raw.operandLabels.map(String), operator: raw.operator };
    });
    const columns = (Array.isArray(input.displayColumns) ? input.displayColumns : ['Name']).map((name) => {
      const field = fields.get(String(name).toLowerCase());
      if (!field) throw noSuchColumn(String(name), object);
      return { fieldApiName: field.name, label: field.label, lookupId: null, sortable: true };
    });
    const row = state.org.setupTable('ListView')!.insert({ Name: label, DeveloperName: apiName, SobjectType: object }, state.org.now());
    const info = {
      cloneable: true, createable: true, deletable: true, displayColumns: columns,
      filterLogicString: typeof input.filterLogicString === 'string' ? input.filterLogicString : null,
      filteredByInfo: filters, label,
      listReference: { id: row.Id, listViewApiName: apiName, objectApiName: object, type: 'listView' },
      orderedByInfo: [], updateable: true, userPreferences: { columnWidths: {}, columnWrap: {} },
      visibility: typeof input.visibility === 'string' ? input.visibility : 'Private', visibilityEditable: true,
    };
    state.org.listInfos.set(String(row.Id), info);
    return reply.status(201).send(info);
  });

  app.get('/services/data/:version/ui-api/list-info/:object/:name', async (request: Req) => {
    const object = objectOf(request);
    const row = state.org.setupTable('ListView')!.all().find((r) => r.SobjectType === object && r.DeveloperName === request.params.name);
    const info = row && state.org.listInfos.get(String(row.Id));
    if (!info) throw notFound();
    return info;
  });
}
