import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_LOCK_MS, type CrmCredentials } from '../config/env.schema';
import type { Config } from '../config/load';
import type { Logger } from '../log';
import { createSyncContext, type SyncContext } from '../sync/context';
import { registeredJobs, type JobTable } from '../sync/job-table';
import { createProcessor } from '../sync/processor';
import { failRun } from '../sync/run-steps';
import { startHeartbeat } from './heartbeat';
import { createQueue, JOB } from './queues';

export interface Workers {
  ctx: SyncContext;
  worker: Worker;
  /** Starts taking jobs (when started with autorun: false). */
  run(): void;
  close(): Promise<void>;
}

/** How long shutdown waits for the jobs in hand before handing them back to the queue. */
const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Starts the job processors of this process on the shared queue. Any number of processes on the
 * same Redis split the work; each takes `concurrency` jobs at a time.
 */
export function startWorkers(options: {
  redis: Redis;
  config: Config;
  /** CRM credentials, from the environment parsed at the edge. */
  credentials: CrmCredentials;
  concurrency?: number;
  logger?: Logger;
  /** The queue (ICP_SYNC_QUEUE, parsed at the edge). */
  name: string;
  /** How long a job's lock lasts, ms (ICP_SYNC_LOCK_MS); a killed worker's jobs are retried after it. */
  lockMs?: number;
  /** Also disconnect `redis` on close (a connection made for these workers alone). */
  ownsRedis?: boolean;
  /** The jobs to run (jobs/index.ts); the registered table when unset. */
  jobs?: JobTable;
  /** Take jobs at once (default); false waits for `run()`, once the rest of the process is up. */
  autorun?: boolean;
}): Workers {
  const { name } = options;
  const queue = createQueue(options.redis, name);
  // The engine's own commands (many small ones per batch) coalesce into one socket write per tick.
  const store = options.redis.duplicate({ enableAutoPipelining: true });
  store.on('error', () => undefined);
  const ctx = createSyncContext({ redis: store, queue, config: options.config, credentials: options.credentials, logger: options.logger });
  const lockDuration = options.lockMs ?? DEFAULT_LOCK_MS;
  // BullMQ's name says which process holds a job; the heartbeat's member is one per worker set
  // (a process may run several, e.g. on two queues).
  const workerName = `${os.hostname()}:${process.pid}`;
  const workerId = `${workerName}:${randomUUID().slice(0, 8)}`;
  const worker = new Worker(name, createProcessor(ctx, options.jobs ?? registeredJobs()), {
    connection: options.redis,
    name: workerName,
    concurrency: options.concurrency ?? 8,
    // A worker killed mid-job: its jobs go back to the queue once their lock expires.
    lockDuration,
    stalledInterval: lockDuration,
    // BullMQ honours queue.rateLimit() (our reaction to a 429) only on workers that have a
    // limiter: this one never binds by itself, the request budget is the Bottleneck limiter.
    limiter: { max: 100_000, duration: 1000 },
    maxStalledCount: 5,
    autorun: false,
  });
  // Redis going away is logged and waited out (ioredis reconnects); it must never crash the process.
  worker.on('error', (err) => ctx.logger.warn({ err: err.message }, 'worker error (Redis?)'));
  queue.on('error', (err) => ctx.logger.warn({ err: err.message }, 'queue error (Redis?)'));
  // A run whose orchestrator failed for good outside the processor (stalled too often) still ends.
  worker.on('failed', (job, err) => {
    if (job?.name !== JOB.syncRun) return;
    job
      .getState()
      .then((state) => (state === 'failed' ? failRun(ctx, job, err.message) : undefined))
      .catch((e: Error) => ctx.logger.warn({ err: e.message, runId: job.id }, 'could not end the failed run'));
  });

  let heartbeat: ReturnType<typeof startHeartbeat> | undefined;
  const run = () => {
    if (heartbeat) return;
    heartbeat = startHeartbeat(options.redis, ctx.keys, workerId, (err) => ctx.logger.warn({ err: err.message }, 'heartbeat not written (Redis?)'));
    worker.run().catch((err: Error) => ctx.logger.error({ err: err.message }, 'worker stopped'));
  };
  if (options.autorun ?? true) run();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Finish the batch in hand; past the grace period hand it back (its lock lapses, another worker retries it).
      const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS, 'timeout').unref());
      if ((await Promise.race([worker.close().then(() => 'closed' as const), timer])) === 'timeout') await worker.close(true);
      await heartbeat?.stop();
      await queue.close().catch(() => undefined);
      await ctx.close().catch(() => undefined);
      store.disconnect();
      if (options.ownsRedis) options.redis.disconnect();
    })());
  return { ctx, worker, run, close };
}
