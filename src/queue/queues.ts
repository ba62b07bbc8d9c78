import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';

// ICP_SYNC_QUEUE is parsed with the rest of the environment (config/env.schema) and the name passed in.
export { DEFAULT_QUEUE_NAME } from '../config/env.schema';

export const JOB = {
  syncRun: 'sync-run',
  classifyContacts: 'classify-contacts',
  scoreCompanies: 'score-companies',
  writeBatch: 'write-batch',
  writeBulk: 'write-bulk',
  validate: 'validate',
} as const;
export type JobName = (typeof JOB)[keyof typeof JOB];

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  // Batch jobs carry their records: keep few once done, Redis is not an archive (runs keep summaries).
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function createQueue(connection: ConnectionOptions, name: string): Queue {
  return new Queue(name, { connection, defaultJobOptions: DEFAULT_JOB_OPTIONS });
}
