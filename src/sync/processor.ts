import type { Job } from 'bullmq';
import { handleJobError } from '../queue/job-errors';
import { JOB } from '../queue/queues';
import type { SyncContext } from './context';
import { forgetEnsured } from './ensure-properties';
import type { JobTable } from './job-table';
import type { SyncRunData } from './run-data';
import type { RunRef } from './run-ref';
import { failRun } from './run-steps';

/** One processor for every job of the queue; CRM and engine errors become queue actions (handleJobError). */
export function createProcessor(ctx: SyncContext, jobs: JobTable) {
  const byName = new Map(jobs.map((d) => [d.name as string, d]));
  return async (job: Job, token?: string): Promise<unknown> => {
    const definition = byName.get(job.name);
    if (!definition) throw new Error(`unknown job "${job.name}"`);
    if (definition.standalone) {
      const log = ctx.logger.child({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
      return definition.run(job, ctx, token!).catch((error) =>
        handleJobError(error, job, ctx.queue, async (message, code) => log.error({ err: message, code }, 'job failed for good')),
      );
    }
    const { id: runId, crm } = job.name === JOB.syncRun ? { id: job.id!, crm: (job.data as SyncRunData).crm } : (job.data as { run: RunRef }).run;
    const log = ctx.logger.child({ runId, jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
    const leave = ctx.scopes.enter(crm, runId);
    try {
      if (job.name !== JOB.syncRun) {
        const status = await ctx.runs.status(runId);
        // The run was stopped (daily limit, credentials, setup): spend no more API calls on it.
        if (status === 'failed' || status === 'stopped') return { skipped: status };
      }
      const result = await definition.run(job, ctx, token!);
      log.debug({ result }, 'job done');
      return result;
    } catch (error) {
      // Awaited here: the finally below awaits too, and a rejection left pending meanwhile would be unhandled.
      return await handleJobError(error, job, ctx.queue, async (message, code) => {
        log.error({ err: message, code }, 'job failed for good');
        if (job.name === JOB.syncRun) return failRun(ctx, job as Job<SyncRunData>, message, code);
        if (code === 'SETUP') await forgetEnsured(ctx, (job.data as { run: RunRef }).run.crm);
        if (code === 'DAILY_LIMIT' || code === 'AUTH' || code === 'SETUP') {
          await ctx.runs.update(runId, { status: code === 'DAILY_LIMIT' ? 'stopped' : 'failed', error: message, errorCode: code });
        }
        const carried = await definition.records?.(job, ctx);
        for (const id of carried?.ids ?? []) await ctx.runs.recordFailure(runId, carried!.kind, id, message);
      });
    } finally {
      leave();
      // The job's API calls are in the run's counts before the queue hears it ended.
      await ctx.runs.flushApiCalls().catch(() => undefined);
    }
  };
}
