import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Hashing first makes the comparison constant-time whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * An onRequest hook for routes behind `Authorization: Bearer $ICP_SYNC_API_TOKEN`: 503 when no
 * token is configured, 401 for a missing or wrong one, before any body is read.
 */
export function requireBearer(apiToken: string | undefined, route: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!apiToken) {
      return reply.code(503).send({ error: `${route} is disabled: set ICP_SYNC_API_TOKEN to enable it` });
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match || !sameSecret(match[1], apiToken)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="icp-sync"')
        .send({ error: 'missing or wrong bearer token: send Authorization: Bearer <ICP_SYNC_API_TOKEN>' });
    }
  };
}
