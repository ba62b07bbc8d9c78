import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatIssues } from '../config/issues';
import { CRM_NAMES } from '../crm/adapter';
import type { SyncContext } from '../sync/context';
import { requestRescore } from '../sync/trigger';

const rescoreBody = z.strictObject({
  crm: z.enum(CRM_NAMES),
  companyIds: z.array(z.string().trim().min(1).max(64)).min(1).max(10_000).optional(),
});

/** Hashing first makes the comparison constant-time whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** POST /rescore `{crm, companyIds?}` with `Authorization: Bearer $ICP_SYNC_API_TOKEN` -> 202 `{runId}`. */
export function registerRescoreRoute(app: FastifyInstance, ctx: SyncContext, apiToken: string | undefined): void {
  app.post('/rescore', {
    // Before the body is read: strangers get a 401, not a JSON parse error.
    onRequest: async (request, reply) => {
      if (!apiToken) {
        return reply.code(503).send({ error: 'POST /rescore is disabled: set ICP_SYNC_API_TOKEN to enable it' });
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
      if (!match || !sameSecret(match[1], apiToken)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="icp-sync"')
          .send({ error: 'missing or wrong bearer token: send Authorization: Bearer <ICP_SYNC_API_TOKEN>' });
      }
    },
    handler: async (request, reply) => {
      const parsed = rescoreBody.safeParse(request.body ?? {});
      if (!parsed.success) {
        return reply.code(400).send({ error: formatIssues('request body', parsed.error.issues, request.body) });
      }
      const { crm, companyIds } = parsed.data;
      // The run would fail after its retries: say now what this worker lacks.
      if (!ctx.credentials[crm]) {
        return reply.code(409).send({ error: `this worker has no ${crm} credentials: ${ctx.credentials.missing[crm] ?? ''}`.trim() });
      }
      const runId = await requestRescore(ctx.queue, ctx.redis, crm, companyIds);
      request.log.info({ crm, runId, companies: companyIds?.length ?? 'all' }, 'rescore requested over HTTP');
      return reply.code(202).send({ runId });
    },
  });
}
