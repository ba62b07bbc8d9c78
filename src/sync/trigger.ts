import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CrmName } from '../crm/adapter';
import { JOB } from '../queue/queues';
import { keys } from './keys';
import type { RunMode } from './run-store';
import type { SyncRunData } from '../../jobs/sync-run.job';

/** Re-score requests arriving within this window are served by one run. */
export const RESCORE_DEBOUNCE_MS = 2_000;

export interface SyncRequest {
  crm: CrmName;
  mode: Exclude<RunMode, 'rescore'>;
  dryRun?: boolean;
  force?: boolean;
}

function runId(crm: CrmName, kind: string): string {
  return `run-${crm}-${kind}-${new Date().toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Enqueues a sync run; returns its id (the id of its orchestrator job). */
export async function enqueueSync(queue: Queue, request: SyncRequest): Promise<string> {
  const id = runId(request.crm, request.dryRun ? 'dry' : request.mode);
  const data: SyncRunData = { crm: request.crm, mode: request.mode, dryRun: request.dryRun, force: request.force };
  await queue.add(JOB.syncRun, data, { jobId: id });
  return id;
}

/**
 * Re-scores companies now, writing even unchanged values. Ids wait in a Redis set and one
 * debounced run per CRM takes them all: duplicate triggers for the same record collapse, and a
 * burst of workflow webhooks becomes one batched run (BullMQ deduplication by `rescore:<crm>`).
 * Without ids, re-scores everything (a forced full run). Returns the run id.
 */
export async function requestRescore(queue: Queue, redis: Redis, crm: CrmName, companyIds?: string[]): Promise<string> {
  if (!companyIds?.length) {
    return enqueueSync(queue, { crm, mode: 'full', force: true });
  }
  await redis.sadd(keys(queue.name).rescorePending(crm), ...companyIds);
  const data: SyncRunData = { crm, mode: 'rescore' };
  const job = await queue.add(JOB.syncRun, data, {
    jobId: runId(crm, 'rescore'),
    delay: RESCORE_DEBOUNCE_MS,
    // The key expires just before the job can start, so a request never lands after the drain.
    deduplication: { id: `rescore:${crm}`, ttl: RESCORE_DEBOUNCE_MS - 100 },
  });
  return job.id!;
}
