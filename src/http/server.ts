import Fastify, { LogController, type FastifyBaseLogger, type FastifyError } from 'fastify';
import { metrics, registry } from '../metrics';
import { liveWorkers } from '../queue/heartbeat';
import type { SyncContext } from '../sync/context';
import { registerHubSpotHookRoute } from './hubspot-hook.route';
import { registerReportRoute } from './report.route';
import { registerRescoreRoute } from './rescore.route';

export interface HttpServerOptions {
  ctx: SyncContext;
  /** 0 picks a free port. */
  port: number;
  /** Default 0.0.0.0: the worker runs in containers, scraped and called from outside. */
  host?: string;
  /** Bearer token of POST /rescore and GET /report (ICP_SYNC_API_TOKEN); without it they answer 503. */
  apiToken?: string;
  /** HubSpot app client secret checking POST /hooks/hubspot signatures (HUBSPOT_CLIENT_SECRET). */
  hubspotClientSecret?: string;
  /** Shared key of workflow webhooks sent with "API key" authentication (HUBSPOT_WEBHOOK_KEY); with neither, 503. */
  hubspotWebhookKey?: string;
}

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

const REDIS_CHECK_TIMEOUT_MS = 1_000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'waiting-children', 'prioritized'] as const;

/** Worker connections wait for Redis forever (maxRetriesPerRequest null): probes must not. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The worker's HTTP side: POST /rescore, GET /report, POST /hooks/hubspot, GET /healthz, GET /metrics. */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { ctx, port, host = '0.0.0.0' } = options;
  const log: FastifyBaseLogger = ctx.logger.child({ component: 'http' });
  const app = Fastify({
    loggerInstance: log,
    // Fastify's per-request lines would log full URLs (a workflow may carry an API key in its
    // query string) and every probe; the routes log what matters themselves.
    logController: new LogController({ disableRequestLogging: true }),
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error, route: request.routeOptions.url }, 'HTTP request failed');
    return reply.code(status).send({ error: status >= 500 ? 'internal error (see the worker logs)' : error.message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  app.get('/healthz', async (_request, reply) => {
    try {
      await withTimeout(ctx.redis.ping(), REDIS_CHECK_TIMEOUT_MS);
    } catch (err) {
      return reply.code(503).send({ status: 'error', redis: 'down', error: (err as Error).message });
    }
    // This deployment's worker processes (its database and queue), not every client of the server.
    const workers = await withTimeout(liveWorkers(ctx.redis, ctx.keys), REDIS_CHECK_TIMEOUT_MS).catch(() => null);
    return { status: 'ok', redis: 'up', workers };
  });

  app.get('/metrics', async (request, reply) => {
    try {
      const counts = await withTimeout(ctx.queue.getJobCounts(...QUEUE_STATES), REDIS_CHECK_TIMEOUT_MS);
      for (const state of QUEUE_STATES) metrics.queueDepth.set({ state }, counts[state] ?? 0);
    } catch (err) {
      // Still serve the process metrics; the queue gauge keeps its last value.
      request.log.warn({ err }, 'queue depth not refreshed');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });

  registerRescoreRoute(app, ctx, options.apiToken || undefined);
  registerReportRoute(app, ctx, options.apiToken || undefined);
  registerHubSpotHookRoute(app, ctx, { clientSecret: options.hubspotClientSecret || undefined, webhookKey: options.hubspotWebhookKey || undefined });

  await app.listen({ port, host });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${reachableHost}:${boundPort}`, close: () => app.close() };
}
