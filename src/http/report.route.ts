import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CRM_NAMES } from '../crm/adapter';
import type { SyncContext } from '../sync/context';
import { ReportStore } from '../sync/validate-report';
import { requireBearer } from './bearer';

const reportQuery = z.strictObject({
  crm: z.enum(CRM_NAMES).optional(),
  format: z.enum(['html', 'json']).default('html'),
});

/**
 * GET /report[?crm=hubspot|salesforce][&format=json] with the bearer token of POST /rescore: the
 * latest validation report (schedules.validate), the CRM's or the most recent of any.
 */
export function registerReportRoute(app: FastifyInstance, ctx: SyncContext, apiToken: string | undefined): void {
  const store = new ReportStore(ctx.redis, ctx.keys);
  app.get('/report', {
    onRequest: requireBearer(apiToken, 'GET /report'),
    handler: async (request, reply) => {
      const parsed = reportQuery.safeParse(request.query ?? {});
      if (!parsed.success) return reply.code(400).send({ error: 'query: crm=hubspot|salesforce, format=html|json' });
      const report = await store.get(parsed.data.crm);
      if (!report) {
        return reply.code(404).send({ error: 'no validation report yet: enable schedules.validate in crm.yaml (the worker then refreshes it), or run `icp-sync validate --html FILE`' });
      }
      reply.header('last-modified', new Date(report.generatedAt).toUTCString()).header('x-icp-sync-crm', report.crm).header('cache-control', 'no-store');
      if (parsed.data.format === 'json') return reply.type('application/json; charset=utf-8').send(report.json);
      return reply.type('text/html; charset=utf-8').send(report.html);
    },
  });
}
