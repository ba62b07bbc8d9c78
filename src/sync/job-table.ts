import type { Job, JobsOptions } from 'bullmq';
import type { ObjectKind } from '../crm/adapter';
import type { JobName } from '../queue/queues';
import type { SyncContext } from './context';

/**
 * One kind of job (jobs/*.job.ts): its name, its BullMQ options, and the one call into the engine
 * that runs it. The workers are given the table (src/ never imports jobs/).
 */
export interface JobDefinition<D = any> {
  name: JobName;
  options?: JobsOptions;
  /** Belongs to no sync run (the scheduled validation): no run checks, a final failure is only logged. */
  standalone?: boolean;
  run(job: Job<D>, ctx: SyncContext, token: string): Promise<unknown>;
  /** The records a batch job carries, reported by id when it fails for good. */
  records?(job: Job<D>, ctx: SyncContext): Promise<{ kind: ObjectKind; ids: string[] }>;
}

export type JobTable = readonly JobDefinition[];

let registered: JobTable | undefined;

/** Called by jobs/index.ts when it loads (bin/icp-sync.js and the tests load it first). */
export function registerJobs(table: JobTable): void {
  registered = table;
}

export function registeredJobs(): JobTable {
  if (!registered) throw new Error('no job table: load jobs/ (require("./jobs")) before starting workers, as bin/icp-sync.js does');
  return registered;
}
