import type { JobDefinition } from '../src/sync/job-table';
import { JOB } from '../src/queue/queues';
import { unsettledIds, writeBulk, type WriteBulkData } from '../src/sync/bulk-write';

/** A run's changes of one kind through the CRM's bulk jobs; waits for them through the queue. */
export const writeBulkJob: JobDefinition<WriteBulkData> = {
  name: JOB.writeBulk,
  run: (job, ctx, token) => writeBulk(job, ctx, token),
  records: async (job, ctx) => ({ kind: job.data.kind, ids: await unsettledIds(job, ctx) }),
};
