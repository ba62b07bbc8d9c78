import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Fault } from '../faults';
import { rateLimitBody } from './errors';
import type { HubSpotState } from './state';

declare module 'fastify' {
  interface FastifyRequest {
    /** The fault drawn for this request, for handlers that act on `partial`. */
    fault: Fault | null;
  }
  interface FastifyContextConfig {
    /** Counts against the CRM search API's own per-second limit. */
    search?: boolean;
  }
}

const DEFAULT_TIMEOUT_FAULT_MS = 30_000;

/**
 * What stands before every API route, in HubSpot's order: authentication, the daily and
 * ten-secondly limits (with their headers), the search limit, then injected faults and latency.
 */
export function guardApi(app: FastifyInstance, state: HubSpotState): void {
  const { options, stats } = state;
  const { tenSecondly, daily, search } = state.limits;
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(() => (timers.delete(timer), resolve()), ms);
    timers.add(timer);
  });

  app.decorateRequest('fault', null);
  app.addHook('onClose', async () => {
    for (const timer of timers) clearTimeout(timer);
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/__sandbox/')) return;
    const token = bearerToken(request);
    if (!token || (options.token !== undefined && token !== options.token)) return reply.code(401).send(unauthorized(token));
    stats.apiCalls++;
    const now = Date.now();
    if (daily) {
      const decision = daily.take(token, now);
      reply.header('X-HubSpot-RateLimit-Daily', daily.max).header('X-HubSpot-RateLimit-Daily-Remaining', decision.remaining);
      if (!decision.allowed) return tooMany(reply, 'DAILY', decision.retryAfterMs);
    }
    if (tenSecondly) {
      const decision = tenSecondly.take(token, now);
      reply
        .header('X-HubSpot-RateLimit-Max', tenSecondly.spec.max)
        .header('X-HubSpot-RateLimit-Remaining', decision.remaining)
        .header('X-HubSpot-RateLimit-Interval-Milliseconds', tenSecondly.spec.intervalMs);
      if (!decision.allowed) return tooMany(reply, 'TEN_SECONDLY_ROLLING', decision.retryAfterMs);
    }
    if (search && request.routeOptions.config.search) {
      const decision = search.take(token, now);
      if (!decision.allowed) return tooMany(reply, 'SECONDLY', decision.retryAfterMs);
    }
    const fault = options.faults?.next() ?? null;
    if (fault) stats.fault(fault.kind);
    if (fault?.kind === '429') return tooMany(reply, 'TEN_SECONDLY_ROLLING', options.rateLimit?.intervalMs ?? 10_000);
    if (fault?.kind === '500') return reply.code(500).send({ status: 'error', message: 'internal error', correlationId: randomUUID(), category: 'INTERNAL_ERROR' });
    if (fault?.kind === 'timeout') {
      await wait(options.timeoutFaultMs ?? DEFAULT_TIMEOUT_FAULT_MS);
      return reply.code(504).send({ status: 'error', message: 'The request timed out.', correlationId: randomUUID(), category: 'TIMEOUT' });
    }
    request.fault = fault;
    if (options.latencyMs) await wait(options.latencyMs);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/__sandbox/')) stats.record(`${request.method} ${request.routeOptions.url ?? '(no route)'}`, reply.statusCode);
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

function unauthorized(token: string | null) {
  const message = token
    ? 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview'
    : 'Authentication credentials not found. This API supports both API Key and OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';
  return { status: 'error', message, correlationId: randomUUID(), category: 'INVALID_AUTHENTICATION' };
}

/**
 * HubSpot's 429: `{status, message, errorType: RATE_LIMIT, correlationId, policyName}`. HubSpot
 * documents no Retry-After for its ten-secondly and daily limits (the budget headers say when:
 * -Interval-Milliseconds, the daily reset at midnight), so none is sent for them; the search
 * API's secondly limit answers with Retry-After: 1.
 */
function tooMany(reply: FastifyReply, policy: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY', retryAfterMs: number) {
  if (policy === 'SECONDLY') reply.header('Retry-After', Math.max(1, Math.ceil(retryAfterMs / 1000)));
  return reply.code(429).send(rateLimitBody(policy));
}
