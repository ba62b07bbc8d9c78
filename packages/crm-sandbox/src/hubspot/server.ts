import Fastify, { type FastifyInstance } from 'fastify';
import type { Dataset } from '../seed';
import { API_VERSIONS } from './api-versions';
import { HubSpotError } from './errors';
import { guardApi } from './guard';
import { associationRoutes } from './routes/associations';
import { dealRoutes } from './routes/deals';
import { listRoutes } from './routes/lists';
import { objectRoutes } from './routes/objects';
import { propertyRoutes } from './routes/properties';
import { searchRoutes } from './routes/search';
import { HubSpotState, type HubSpotSandboxOptions } from './state';
import type { StatsSnapshot } from './stats';
import { objectTypeOf } from './object-types';
import type { ValidationRule } from './validation-rules';

export type { HubSpotSandboxOptions, InvalidValueMode } from './state';
export type { StatsSnapshot } from './stats';

/**
 * The HubSpot CRM emulator: a fastify app serving the CRM API at HubSpot's dated versions
 * (`/crm/objects/2026-09/...`, `/crm/objects/2026-03/...`, as their OpenAPI specs describe them)
 * and at the numbered paths (`/crm/v3/...`, `/crm/v4/associations`), all on the same data.
 * Known deviations: the budget headers are sent only for the limits it was started with
 * (`rateLimit`, `dailyLimit`: an unlimited sandbox sends none); the daily budget is counted per
 * token and renews at midnight UTC; a portal's property validation rules are set through
 * `PUT /__sandbox/validation-rules/:objectType/:propertyName`; the dated paths check the request
 * fields the specs require for the calls icp-sync makes, not every schema.
 */
export function createHubSpotSandbox(options: HubSpotSandboxOptions, dataset: Dataset): FastifyInstance {
  const state = new HubSpotState(dataset, options);
  const app = Fastify({ logger: false, forceCloseConnections: true, routerOptions: { ignoreTrailingSlash: true } });
  const snapshot = (): StatsSnapshot => state.stats.snapshot({ companies: state.stores.companies.written, contacts: state.stores.contacts.written });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HubSpotError) return reply.code(error.statusCode).send(error.body());
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const category = status < 500 ? 'VALIDATION_ERROR' : 'INTERNAL_ERROR';
    const message = status < 500 ? `Invalid input JSON: ${(error as Error).message}` : 'internal error';
    return reply.code(status).send(new HubSpotError(status, category, message).body());
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(new HubSpotError(404, 'OBJECT_NOT_FOUND', `No API route for ${request.method} ${request.url.split('?')[0]}`).body());
  });
  guardApi(app, state);
  for (const version of API_VERSIONS) {
    objectRoutes(app, state, version);
    searchRoutes(app, state, version);
    associationRoutes(app, state, version);
    propertyRoutes(app, state, version);
    listRoutes(app, state, version);
    dealRoutes(app, state, dataset, version);
  }
  // A portal admin's property validation rule (2026-09 enforces them on API writes).
  app.put<{ Params: { objectType: string; propertyName: string }; Body: ValidationRule }>('/__sandbox/validation-rules/:objectType/:propertyName', async (request) => {
    state.validationRules.set(objectTypeOf(request.params.objectType), request.params.propertyName, request.body ?? {});
    return { ok: true };
  });
  app.get('/__sandbox/stats', async () => snapshot());
  app.post('/__sandbox/reset', async () => {
    state.reset();
    return snapshot();
  });
  return app;
}
