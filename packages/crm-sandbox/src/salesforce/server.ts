import Fastify, { type FastifyInstance } from 'fastify';
import type { Dataset } from '../seed';
import { registerAdminRoutes } from './http/admin-routes';
import { registerBulkIngestRoutes } from './http/bulk-ingest-routes';
import { BulkJobs } from './http/bulk-jobs';
import { registerBulkQueryRoutes } from './http/bulk-query-routes';
import { registerCompositeRoutes } from './http/composite-routes';
import { registerOAuthRoutes } from './http/oauth-routes';
import { registerPipeline } from './http/pipeline';
import { QueryCursors } from './http/query-cursors';
import { registerQueryRoutes } from './http/query-routes';
import { registerSObjectRoutes } from './http/sobject-routes';
import { SandboxState, type SalesforceSandboxOptions } from './http/state';
import { registerToolingRoutes } from './http/tooling-routes';
import { registerUiApiRoutes } from './http/ui-api-routes';

export type { SalesforceSandboxOptions } from './http/state';

/**
 * A local Salesforce org over HTTP for jsforce: OAuth, REST query and sObjects, Tooling API custom
 * fields, field-level security, UI API list views and Bulk API 2.0. Returns the app, not listening.
 */
export function createSalesforceSandbox(options: SalesforceSandboxOptions = {}, dataset?: Dataset): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  const state = new SandboxState(options, dataset ?? SandboxState.datasetOf(options), new QueryCursors(), new BulkJobs());
  registerPipeline(app, state);
  registerOAuthRoutes(app, state);
  registerQueryRoutes(app, state);
  registerSObjectRoutes(app, state);
  registerCompositeRoutes(app, state);
  registerToolingRoutes(app, state);
  registerUiApiRoutes(app, state);
  registerBulkQueryRoutes(app, state);
  registerBulkIngestRoutes(app, state);
  registerAdminRoutes(app, state);
  return app;
}

export interface RunningSalesforceSandbox {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Starts a sandbox on `port` (0: any free port) of 127.0.0.1 and returns its base URL. */
export async function startSalesforceSandbox(options: SalesforceSandboxOptions & { port?: number } = {}): Promise<RunningSalesforceSandbox> {
  const app = createSalesforceSandbox(options);
  const url = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return { url, app, close: () => app.close() };
}
