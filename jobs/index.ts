import type { Job } from 'bullmq';
import { handleJobError } from '../src/queue/job-errors';
import { JOB } from '../src/queue/queues';
import type { SyncContext } from '../src/sync/context';
import { forgetEnsured } from '../src/sync/ensure-properties';
import { runScope } from '../src/sync/run-scope';
import type { RunRef } from '../src/sync/run-ref';
import { classifyContactsJob, type ClassifyContactsData } from './classify-contacts.job';
import { scoreCompaniesJob, type ScoreCompaniesData } from './score-companies.job';
import { failRun, syncRunJob, type SyncRunData } from './sync-run.job';
import { writeBatchJob, type WriteBatchData } from './write-batch.job';
import { unsettledIds, writeBulkJob, type WriteBulkData } from './write-bulk.job';

type BatchData = ClassifyContactsData | ScoreCompaniesData | WriteBatchData | WriteBulkData;

/** The record ids a batch job carries, to report them when the job fails for good. */
async function batchRecords(job: Job<BatchData>, ctx: SyncContext): Promise<{ kind: 'companies' | 'contacts'; ids: string[] }> {
  if (job.name === JOB.writeBulk) return { kind: (job.data as WriteBulkData).kind, ids: await unsettledIds(job as Job<WriteBulkData>, ctx) };
  const data = job.data as Partial<ClassifyContactsData & ScoreCompaniesData & WriteBatchData>;
  const kind = job.name === JOB.classifyContacts ? 'contacts' : (data.kind ?? 'companies');
  const ids = data.ids ?? (data.records ?? []).map((r) => r.id);
  return { kind, ids };
}

async function runBatch(job: Job<BatchData>, ctx: SyncContext, token: string): Promise<unknown> {
  switch (job.name) {
    case JOB.classifyContacts:
      return classifyContactsJob(job as Job<ClassifyContactsData>, ctx);
    case JOB.scoreCompanies:
      return scoreCompaniesJob(job as Job<ScoreCompaniesData>, ctx);
    case JOB.writeBatch:
      return writeBatchJob(job as Job<WriteBatchData>, ctx);
    case JOB.writeBulk:
      return writeBulkJob(job as Job<WriteBulkData>, ctx, token);
    default:
      throw new Error(`unknown job "${job.name}"`);
  }
}

/** One processor for every job of the queue; CRM errors become queue actions (handleJobError). */
export function createProcessor(ctx: SyncContext) {
  return async (job: Job, token?: string): Promise<unknown> => {
    const runId = job.name === JOB.syncRun ? job.id! : (job.data as { run: RunRef }).run.id;
    const log = ctx.logger.child({ runId, jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
    return runScope.run({ runId }, async () => {
      try {
        if (job.name === JOB.syncRun) return await syncRunJob(job as Job<SyncRunData>, ctx, token!);
        const run = await ctx.runs.get(runId);
        // The run was stopped (daily limit, credentials, setup): spend no more API calls on it.
        if (run?.status === 'failed' || run?.status === 'stopped') return { skipped: run.status };
        const result = await runBatch(job as Job<BatchData>, ctx, token!);
        log.debug({ result }, 'batch done');
        return result;
      } catch (error) {
        return handleJobError(error, job, ctx.queue, async (message, code) => {
          log.error({ err: message, code }, 'job failed for good');
          if (job.name === JOB.syncRun) return failRun(ctx, job as Job<SyncRunData>, message);
          if (code === 'SETUP') await forgetEnsured(ctx, (job.data as { run: RunRef }).run.crm);
          if (code === 'DAILY_LIMIT' || code === 'AUTH' || code === 'SETUP') {
            await ctx.runs.update(runId, { status: code === 'DAILY_LIMIT' ? 'stopped' : 'failed', error: message });
          }
          const { kind, ids } = await batchRecords(job as Job<BatchData>, ctx);
          for (const id of ids) await ctx.runs.recordFailure(runId, kind, id, message);
        });
      }
    });
  };
}
