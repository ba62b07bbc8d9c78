import { parse as parseQueryString } from 'node:querystring';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Fault } from '../../faults';
import { SalesforceError } from '../errors';
import type { SandboxState } from './state';

const partialFaults = new WeakMap<FastifyRequest, Fault>();

/** Share of the records of a batch a `partial` fault fails with UNABLE_TO_LOCK_ROW. */
const PARTIAL_SHARE = 0.25;

/** For batch handlers: draws, record by record, whether this request's `partial` fault locks it. */
export function lockDraw(request: FastifyRequest): () => boolean {
  const fault = partialFaults.get(request);
  return fault ? () => fault.random() < PARTIAL_SHARE : () => false;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const VERSIONED = /^\/services\/data\/v\d+\.\d(?:[/?]|$)/;

/** The bearer token of a request: `Authorization: Bearer X` (or `OAuth X`), or `?oauth_token=` for identity URLs. */
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header) : null;
  if (match) return match[1];
  const param = (request.query as Record<string, unknown> | undefined)?.oauth_token;
  return typeof param === 'string' && param ? param : undefined;
}

const send = (reply: FastifyReply, error: SalesforceError): FastifyReply => reply.status(error.statusCode).send(error.toBody());

/**
 * Every REST, Tooling and Bulk call: authenticate, count against the daily allocation, then apply
 * the configured rate limit, faults and latency. Salesforce has no per-second rate limit; a request
 * over the configured window (or a `429` fault) gets the concurrent-request limit error it does have.
 */
async function guardApi(state: SandboxState, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!state.sessions.isValid(bearerToken(request))) {
    reply.header('WWW-Authenticate', 'Token');
    return send(reply, new SalesforceError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'));
  }
  if (!VERSIONED.test(request.url)) {
    return request.url.startsWith('/services/data/') ? send(reply, new SalesforceError(404, 'NOT_FOUND', 'The requested resource does not exist')) : undefined;
  }
  if (state.apiUsed >= state.apiMax) return send(reply, new SalesforceError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'));
  state.apiUsed += 1;
  const fault = state.faults.next();
  if (!state.admit() || fault?.kind === '429') {
    return send(reply, new SalesforceError(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'));
  }
  if (fault?.kind === '500') {
    const errorId = Math.floor(fault.random() * 1e9);
    return send(reply, new SalesforceError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}-${errorId % 99991} (${-errorId})`));
  }
  if (fault?.kind === 'timeout') {
    await sleep(state.options.timeoutFaultMs ?? 30_000);
    return send(reply, new SalesforceError(504, 'REQUEST_TIMEOUT', 'The request timed out before the server could answer'));
  }
  if (fault?.kind === 'partial') partialFaults.set(request, fault);
  if (state.options.latencyMs) await sleep(state.options.latencyMs);
  return undefined;
}

export function registerPipeline(app: FastifyInstance, state: SandboxState): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseQueryString(body as string));
  });
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 150 * 1024 * 1024 }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url;
    const guarded = path.startsWith('/services/data/') || path.startsWith('/id/') || path.startsWith('/services/oauth2/userinfo');
    if (guarded) return guardApi(state, request, reply);
    return undefined;
  });
  app.addHook('onSend', async (request, reply) => {
    if (VERSIONED.test(request.url)) reply.header('Sforce-Limit-Info', `api-usage=${state.apiUsed}/${state.apiMax}`);
  });
  app.addHook('onResponse', async (request, reply) => {
    state.stats.request(`${request.method} ${request.routeOptions.url ?? '(unmatched)'}`, reply.statusCode);
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof SalesforceError) return send(reply, error);
    const fastifyError = error as { statusCode?: number; code?: string; message: string };
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, new SalesforceError(415, 'UNSUPPORTED_MEDIA_TYPE', `Content type '${request.headers['content-type'] ?? ''}' not supported`));
    }
    if (fastifyError.statusCode && fastifyError.statusCode < 500) {
      return send(reply, new SalesforceError(400, 'JSON_PARSER_ERROR', fastifyError.message));
    }
    request.log.error(error);
    return send(reply, new SalesforceError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred.'));
  });
  app.setNotFoundHandler((_request, reply) => send(reply, new SalesforceError(404, 'NOT_FOUND', 'The requested resource does not exist')));
}
