import type { JobDefinition } from '../src/sync/job-table';
import { JOB } from '../src/queue/queues';
import { VALIDATE_JOB_OPTIONS, validateReport, type ValidateData } from '../src/sync/validate-report';

/** The scheduled ICP validation: refreshes the report the worker serves at GET /report. */
export const validateJob: JobDefinition<ValidateData> = {
  name: JOB.validate,
  options: VALIDATE_JOB_OPTIONS,
  standalone: true,
  run: (job, ctx) => validateReport(job, ctx),
};
