import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CrmName } from '../crm/adapter';
import { JOB } from '../queue/queues';
import { keys } from './keys';
import { saveModel, type ModelConfig } from './model';
import type { RunMode } from './run-store';
import type { SyncRunData } from './run-data';

/** Re-score requests arriving within this window are served by one run. */
export const RESCORE_DEBOUNCE_MS = 2_000;

export interface SyncRequest {
  crm: CrmName;
  mode: Exclude<RunMode, 'rescore'>;
  dryRun?: boolean;
  force?: boolean;
  /** Score the run with this configuration (the CLI's --config), whichever worker takes it; the workers' own when unset. */
  model?: ModelConfig;
}

function runId(crm: CrmName, kind: string): string {
  return `run-${crm}-${kind}-${new Date().toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Enqueues a sync run; returns its id (the id of its orchestrator job). */
export async function enqueueSync(queue: Queue, request: SyncRequest, redis?: Redis): Promise<string> {
  const id = runId(request.crm, request.dryRun ? 'dry' : request.mode);
  if (request.model && !redis) throw new Error('enqueueSync: a run with its own configuration needs the Redis connection to keep it');
  const modelVersion = request.model ? await saveModel(redis!, keys(queue.name), request.model) : undefined;
  const data: SyncRunData = { crm: request.crm, mode: request.mode, dryRun: request.dryRun, force: request.force, modelVersion };
  await queue.add(JOB.syncRun, data, { jobId: id });
  return id;
}

/**
 * Re-scores companies now, writing even unchanged values. Ids wait in a Redis set and one
 * debounced run per CRM takes them all: duplicate triggers for the same record collapse, and a
 * burst of workflow webhooks becomes one batched run (BullMQ deduplication by `rescore:<crm>`).
 * Without ids, re-scores everything (a forced full run). Returns the run id.
 */
export async function requestRescore(queue: Queue, redis: Redis, crm: CrmName, companyIds?: string[], model?: ModelConfig): Promise<string> {
  if (!companyIds?.length) {
    return enqueueSync(queue, { crm, mode: 'full', force: true, model }, redis);
  }
  await redis.sadd(keys(queue.name).rescorePending(crm), ...companyIds);
  const modelVersion = model ? await saveModel(redis, keys(queue.name), model) : undefined;
  const data: SyncRunData = { crm, mode: 'rescore', modelVersion };
  const job = await queue.add(JOB.syncRun, data, {
    jobId: runId(crm, 'rescore'),
    delay: RESCORE_DEBOUNCE_MS,
    // The key expires just before the job can start, so a request never lands after the drain.
    deduplication: { id: `rescore:${crm}`, ttl: RESCORE_DEBOUNCE_MS - 100 },
  });
  return job.id!;
}
