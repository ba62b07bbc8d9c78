import { createFaultPlan, parseFaults } from '../../faults';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SalesforceError } from '../errors';
import type { SandboxState } from './state';

/** `/limits` and the sandbox's own unauthenticated `/__sandbox` endpoints. */
export function registerAdminRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/services/data/:version/limits', async () => {
    const allocation = (max: number, used = 0) => ({ Max: max, Remaining: Math.max(0, max - used) });
    return {
      ConcurrentAsyncGetReportInstances: allocation(200),
      ConcurrentSyncReportRuns: allocation(20),
      DailyApiRequests: allocation(state.apiMax, state.apiUsed),
      DailyAsyncApexExecutions: allocation(250000),
      DailyBulkApiBatches: allocation(15000, [...state.bulk.ingest.values()].filter((job) => job.csv !== undefined).length),
      DailyBulkV2QueryFileStorageMB: allocation(976562),
      DailyBulkV2QueryJobs: allocation(10000, state.bulkQueryJobs),
      DataStorageMB: allocation(1024),
      FileStorageMB: allocation(1024),
      HourlyODataCallout: allocation(20000),
      SingleEmail: allocation(15),
    };
  });

  app.get('/__sandbox/stats', async () => ({
    requests: state.stats.requests,
    recordsWritten: state.stats.recordsWritten,
    apiUsage: { used: state.apiUsed, max: state.apiMax },
  }));

  app.post('/__sandbox/reset', async (_request, reply: FastifyReply) => {
    state.reset();
    return reply.status(204).send();
  });

  // Faults from now on (e.g. after a fault-free setup): {"faults": "500=0.05,timeout=0.02", "timeoutFaultMs"?: N}.
  app.post('/__sandbox/faults', async (request, reply: FastifyReply) => {
    const body = (request.body ?? {}) as { faults?: unknown; timeoutFaultMs?: unknown };
    const timeoutMs = body.timeoutFaultMs;
    if (typeof body.faults !== 'string' || (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || timeoutMs < 0))) {
      throw new SalesforceError(400, 'INVALID_INPUT', 'expected {"faults": "KIND=RATE,...", "timeoutFaultMs"?: N}');
    }
    let rates;
    try {
      rates = parseFaults(body.faults);
    } catch (err) {
      throw new SalesforceError(400, 'INVALID_INPUT', (err as Error).message);
    }
    state.faults = createFaultPlan(state.dataset.seed, rates);
    if (timeoutMs !== undefined) state.options.timeoutFaultMs = timeoutMs;
    return reply.status(204).send();
  });

  app.post('/__sandbox/locks', async (request, reply: FastifyReply) => {
    const body = (request.body ?? {}) as { ids?: unknown; attempts?: unknown };
    const attempts = body.attempts ?? 1;
    if (!Array.isArray(body.ids) || typeof attempts !== 'number' || attempts < 0) {
      throw new SalesforceError(400, 'INVALID_INPUT', 'expected {"ids": [...], "attempts": N}');
    }
    for (const id of body.ids) state.org.lock(String(id), attempts);
    return reply.status(204).send();
  });
}
