import type { JobDefinition } from '../src/sync/job-table';
import { JOB } from '../src/queue/queues';
import { classifyContacts, contactsOf } from '../src/sync/batch-steps';
import type { ContactBatchData } from '../src/sync/run-data';

/** A page of contacts: personas, then the writes of what changed. */
export const classifyContactsJob: JobDefinition<ContactBatchData> = {
  name: JOB.classifyContacts,
  run: (job, ctx) => classifyContacts(job, ctx),
  records: async (job) => ({ kind: 'contacts', ids: (job.data.retry ?? contactsOf(job.data)).map((r) => r.id) }),
};
