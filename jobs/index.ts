import { registerJobs, type JobTable } from '../src/sync/job-table';
import { classifyContactsJob } from './classify-contacts.job';
import { scoreCompaniesJob } from './score-companies.job';
import { syncRunJob } from './sync-run.job';
import { validateJob } from './validate.job';
import { writeBatchJob } from './write-batch.job';
import { writeBulkJob } from './write-bulk.job';

/** Every job the workers run. Loading this module registers them for `startWorkers`. */
export const JOBS: JobTable = [syncRunJob, classifyContactsJob, scoreCompaniesJob, writeBatchJob, writeBulkJob, validateJob];
registerJobs(JOBS);
