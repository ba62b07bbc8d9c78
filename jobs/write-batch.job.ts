import type { JobDefinition } from '../src/sync/job-table';
import { JOB } from '../src/queue/queues';
import { writeBatch } from '../src/sync/batch-steps';
import type { WriteBatchData } from '../src/sync/run-data';

/** One write call's worth of updates: TAL flips, or a deferred run's changes. */
export const writeBatchJob: JobDefinition<WriteBatchData> = {
  name: JOB.writeBatch,
  run: (job, ctx) => writeBatch(job, ctx),
  records: async (job) => ({ kind: job.data.kind, ids: job.data.updates?.map((u) => u.id) ?? job.data.ids ?? [] }),
};
