import type { JobDefinition } from '../src/sync/job-table';
import { JOB } from '../src/queue/queues';
import type { SyncRunData } from '../src/sync/run-data';
import { syncRun } from '../src/sync/run-steps';

/** A sync run's orchestrator: a step job that fans its batches out and waits for them (schedules: crm.yaml). */
export const syncRunJob: JobDefinition<SyncRunData> = {
  name: JOB.syncRun,
  run: (job, ctx, token) => syncRun(job, ctx, token),
};
