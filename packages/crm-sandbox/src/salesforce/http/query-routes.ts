import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SalesforceError } from '../errors';
import { compileSoql, type CompiledQuery } from '../soql/compile';
import { execute } from '../soql/execute';
import type { TableResolver } from '../schema/table';
import { recordRenderer } from './format';
import type { Cursor } from './query-cursors';
import type { SandboxState } from './state';

const MAX_BATCH = 2000;
const MIN_BATCH = 200;

function batchSize(request: FastifyRequest): number {
  const header = request.headers['sforce-query-options'];
  const match = typeof header === 'string' ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  return match ? Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(match[1]))) : MAX_BATCH;
}

/** The Tooling API serves only the setup metadata it knows: `Metadata`/`FullName` need a single-row result. */
function checkToolingRows(query: CompiledQuery, size: number): void {
  if (query.columns === 'count' || size <= 1) return;
  if (query.columns.some((column) => column.name === 'Metadata' || column.name === 'FullName')) {
    throw new SalesforceError(400, 'MALFORMED_QUERY', `When retrieving results with Metadata or FullName fields, the query qualificationsmust specify no more than one row for retrieval. Result size: ${size}`);
  }
}

export function registerQueryRoutes(app: FastifyInstance, state: SandboxState): void {
  const page = (cursor: Cursor, cursorId: string, start: number, basePath: string, resource: string) => {
    const { query, rows, batchSize: size } = cursor;
    if (query.columns === 'count') return { totalSize: rows.length, done: true, records: [] };
    const end = Math.min(rows.length, start + size);
    const render = recordRenderer(query.table.name, query.columns, basePath);
    const records = new Array(end - start);
    for (let k = start; k < end; k += 1) records[k - start] = render(query.table.row(rows.at(k)));
    const done = end >= rows.length;
    if (done) state.cursors.close(cursorId);
    return {
      totalSize: rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `${basePath}/${resource}/${cursorId}-${end}` }),
      records,
    };
  };

  const run = (resolve: TableResolver, tooling: boolean) => async (request: FastifyRequest<{ Params: { version: string }; Querystring: { q?: string } }>) => {
    const soql = request.query.q;
    if (!soql) throw new SalesforceError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const query = compileSoql(soql, resolve);
    const rows = execute(query);
    if (tooling) checkToolingRows(query, rows.length);
    const cursor = { query, rows, batchSize: batchSize(request) };
    const basePath = `/services/data/${request.params.version}${tooling ? '/tooling' : ''}`;
    const resource = request.url.split('?')[0].endsWith('queryAll') ? 'queryAll' : 'query';
    return page(cursor, state.cursors.add(cursor), 0, basePath, resource);
  };

  const more = (tooling: boolean) => async (request: FastifyRequest<{ Params: { version: string; locator: string } }>) => {
    const match = /^(\w{18})-(\d+)$/.exec(request.params.locator);
    const cursor = match ? state.cursors.get(match[1]) : undefined;
    if (!match || !cursor || Number(match[2]) >= cursor.rows.length) {
      throw new SalesforceError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    const basePath = `/services/data/${request.params.version}${tooling ? '/tooling' : ''}`;
    const resource = request.url.includes('/queryAll/') ? 'queryAll' : 'query';
    return page(cursor, match[1], Number(match[2]), basePath, resource);
  };

  const rest: TableResolver = (name) => state.org.table(name);
  const tooling: TableResolver = (name) => {
    const table = state.org.setupTable(name);
    return table?.name === 'CustomField' ? table : undefined;
  };
  for (const resource of ['query', 'queryAll']) {
    app.get(`/services/data/:version/${resource}`, run(rest, false));
    app.get(`/services/data/:version/${resource}/:locator`, more(false));
    app.get(`/services/data/:version/tooling/${resource}`, run(tooling, true));
    app.get(`/services/data/:version/tooling/${resource}/:locator`, more(true));
  }
}
