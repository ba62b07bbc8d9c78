import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatIssues } from '../config/issues';
import { CRM_NAMES } from '../crm/adapter';
import type { SyncContext } from '../sync/context';
import { requestRescore } from '../sync/trigger';
import { requireBearer } from './bearer';

const rescoreBody = z.strictObject({
  crm: z.enum(CRM_NAMES),
  companyIds: z.array(z.string().trim().min(1).max(64)).min(1).max(10_000).optional(),
});

/** POST /rescore `{crm, companyIds?}` with `Authorization: Bearer $ICP_SYNC_API_TOKEN` -> 202 `{runId}`. */
export function registerRescoreRoute(app: FastifyInstance, ctx: SyncContext, apiToken: string | undefined): void {
  app.post('/rescore', {
    // Before the body is read: strangers get a 401, not a JSON parse error.
    onRequest: requireBearer(apiToken, 'POST /rescore'),
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
