import type { JobDefinition } from '../src/sync/job-table';
import { JOB } from '../src/queue/queues';
import { parkedIds, scoreCompanies } from '../src/sync/batch-steps';
import type { CompanyBatchData } from '../src/sync/run-data';

/** A batch of companies: fit, tier, coverage, then the writes of what changed. */
export const scoreCompaniesJob: JobDefinition<CompanyBatchData> = {
  name: JOB.scoreCompanies,
  run: (job, ctx) => scoreCompanies(job, ctx),
  records: async (job, ctx) => ({ kind: 'companies', ids: job.data.retry?.map((u) => u.id) ?? job.data.ids ?? (await parkedIds(ctx, job.data)) }),
};
