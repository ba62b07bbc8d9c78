import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { BulkJobStatus, BulkWriter, ObjectKind, RecordUpdate, WriteResult } from '../crm/adapter';
import { metrics } from '../metrics';
import { JOB } from '../queue/queues';
import { recordTal } from './batch-steps';
import { ChangeStore } from './changes';
import type { SyncContext } from './context';
import { EngineError } from './engine.error';
import type { RunRef } from './run-ref';
import { chunk } from './chunk';

/** Status checks back off from this to MAX_POLL_MS: Salesforce takes seconds to minutes per job. */
const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 30_000;
/** Past this, unfinished bulk jobs are aborted and their records reported (about 6 polls are short). */
const MAX_WAIT_HOURS = 6;
const MAX_POLLS = Math.ceil((MAX_WAIT_HOURS * 3_600_000) / MAX_POLL_MS);
/** Change values read from Redis per call. */
const READ_CHUNK = 5_000;
/**
 * Records per upload at most: each upload is built from its own slice of the changes and sent
 * before the next is read, so a worker's memory holds one piece, never the whole run.
 */
export const MAX_PART_RECORDS = 25_000;

/** One CRM bulk job: the run's sorted change ids [offset, offset + count). */
export interface BulkPart {
  /** Saved before anything is uploaded, so a retry finds the job instead of uploading again. */
  jobId: string;
  offset: number;
  count: number;
  uploaded?: boolean;
  /** Set once the results are counted: a retry never counts them twice. */
  settled?: { written: number; failed: number; retried: number };
}

export interface WriteBulkData {
  run: RunRef;
  kind: ObjectKind;
  /** Set by the job as it goes. */
  parts?: BulkPart[];
  polls?: number;
}

async function pendingUpdates(changes: ChangeStore, kind: ObjectKind, ids: string[]): Promise<RecordUpdate[]> {
  const out: RecordUpdate[] = [];
  for (const batch of chunk(ids, READ_CHUNK)) {
    const pending = await changes.get(kind, batch);
    for (const id of batch) out.push({ id, values: pending.get(id)?.values ?? {} });
  }
  return out;
}

/** The updates of one upload from `offset`: its own slice of the changes, cut to what fits. */
async function partUpdates(bulk: BulkWriter, changes: ChangeStore, kind: ObjectKind, ids: string[], offset: number, count?: number): Promise<RecordUpdate[]> {
  const slice = await pendingUpdates(changes, kind, ids.slice(offset, offset + (count ?? MAX_PART_RECORDS)));
  return count === undefined ? slice.slice(0, bulk.fits(slice)) : slice;
}

/**
 * Creates and uploads every part once. A part whose upload a previous attempt may have cut off
 * (created, not known to be closed) is checked: closed means uploaded; still open means it
 * processes nothing, so it is aborted and replaced.
 */
async function uploadAll(job: Job<WriteBulkData>, bulk: BulkWriter, changes: ChangeStore, ids: string[], parts: BulkPart[], save: () => Promise<void>): Promise<void> {
  const { kind } = job.data;
  for (let offset = 0, i = 0; offset < ids.length; i += 1) {
    const part = parts[i];
    if (part && !part.uploaded) {
      if ((await bulk.status(part.jobId)).state !== 'open') parts[i] = { ...part, uploaded: true };
      else await bulk.abort(part.jobId);
    }
    if (parts[i]?.uploaded) {
      offset += parts[i].count;
      continue;
    }
    const updates = await partUpdates(bulk, changes, kind, ids, offset, part?.count);
    const count = updates.length;
    parts[i] = { jobId: await bulk.create(kind), offset, count };
    await save();
    await bulk.upload(parts[i].jobId, updates);
    parts[i] = { ...parts[i], uploaded: true };
    await save();
    offset += count;
  }
}

/**
 * Counts one finished part: written records are marked, refused ones reported by id, and those
 * worth another try (row locks, not processed, not mentioned, or every record of a job that
 * failed as a whole) go to ordinary write-batch jobs, children of the same run.
 */
async function settle(job: Job<WriteBulkData>, ctx: SyncContext, bulk: BulkWriter, ids: string[], index: number, part: BulkPart, status: BulkJobStatus) {
  const { run, kind } = job.data;
  const adapter = await ctx.adapter(run.crm);
  const results = new Map((await bulk.results(status)).map((r) => [r.id, r]));
  const written: string[] = [];
  const failed: WriteResult[] = [];
  const retry: string[] = [];
  for (const id of ids.slice(part.offset, part.offset + part.count)) {
    const result = results.get(id);
    if (result?.ok) written.push(id);
    else if (!result || result.error?.retryable) retry.push(id);
    else failed.push(result);
  }
  if (kind === 'companies' && written.length) {
    const values = await pendingUpdates(new ChangeStore(ctx.redis, ctx.keys, run.id), kind, written);
    await recordTal(ctx, adapter, run, written, values);
  }
  for (const f of failed) await ctx.runs.recordFailure(run.id, kind, f.id, f.error?.message ?? 'write failed');
  metrics.records.inc({ crm: run.crm, object: kind, outcome: 'written' }, written.length);
  metrics.records.inc({ crm: run.crm, object: kind, outcome: 'failed' }, failed.length);
  if (status.state === 'failed') ctx.logger.warn({ runId: run.id, jobId: status.id, message: status.message }, 'bulk job failed; its records go through collection writes');
  const parent = job.parent?.id ? { parent: { id: job.parent.id, queue: job.parent.queueKey }, ignoreDependencyOnFailure: true } : {};
  await ctx.queue.addBulk(
    chunk(retry, adapter.batchSize).map((batch, j) => ({
      name: JOB.writeBatch,
      data: { run, kind, ids: batch },
      opts: { jobId: `${run.id}.write.${kind}.bulk${index}.${j}`.replace(/:/g, '_'), ...parent },
    })),
  );
  return { written: written.length, failed: failed.length, retried: retry.length };
}

async function later(job: Job<WriteBulkData>, token: string): Promise<never> {
  const polls = (job.data.polls ?? 0) + 1;
  await job.updateData({ ...job.data, polls });
  await job.moveToDelayed(Date.now() + Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** (polls - 1)), token);
  throw new DelayedError('bulk write jobs still running');
}

/**
 * Writes all pending changes of one kind through the CRM's bulk jobs: uploads once (job ids are
 * saved in the job data before each upload), then lets the queue wait between status checks
 * (moveToDelayed) until every job has finished, and counts the results.
 */
export async function writeBulk(job: Job<WriteBulkData>, ctx: SyncContext, token: string): Promise<{ written: number; failed: number; retried: number }> {
  const { run, kind } = job.data;
  const bulk = (await ctx.adapter(run.crm)).bulk;
  if (!bulk) throw new EngineError('NO_BULK', `${run.crm} has no bulk writes`);
  const changes = new ChangeStore(ctx.redis, ctx.keys, run.id);
  const ids = await changes.ids(kind);
  const parts = [...(job.data.parts ?? [])];
  const save = () => job.updateData({ ...job.data, parts });

  await uploadAll(job, bulk, changes, ids, parts, save);
  if (!job.data.polls) return later(job, token);
  for (const [i, part] of parts.entries()) {
    if (part.settled) continue;
    const status = await bulk.status(part.jobId);
    if (status.state === 'open' || status.state === 'running') continue;
    parts[i] = { ...part, settled: await settle(job, ctx, bulk, ids, i, part, status) };
    await save();
    const written = parts.reduce((n, p) => n + (p.settled?.written ?? 0), 0);
    await ctx.runs.recordJob(run.id, job.id ?? job.name, { [`${kind}.written`]: written });
  }
  if (parts.some((p) => !p.settled)) {
    if ((job.data.polls ?? 0) >= MAX_POLLS) {
      // A job stuck for hours must not hold the run (and the CRM's run lock) forever.
      for (const part of parts.filter((p) => !p.settled)) await bulk.abort(part.jobId).catch(() => undefined);
      throw new UnrecoverableError(`${run.crm} bulk ${kind} jobs did not finish within ${MAX_WAIT_HOURS} hours; aborted, their records are reported as failed`);
    }
    return later(job, token);
  }
  const total = { written: 0, failed: 0, retried: 0 };
  for (const { settled } of parts) for (const key of ['written', 'failed', 'retried'] as const) total[key] += settled![key];
  return total;
}

/** The records a write-bulk job has not accounted for (written, reported or handed on): for a final failure. */
export async function unsettledIds(job: Job<WriteBulkData>, ctx: SyncContext): Promise<string[]> {
  const { run, kind, parts = [] } = job.data;
  const changes = new ChangeStore(ctx.redis, ctx.keys, run.id);
  const ids = await changes.ids(kind);
  const settled = new Set(parts.filter((p) => p.settled).flatMap((p) => ids.slice(p.offset, p.offset + p.count)));
  return ids.filter((id) => !settled.has(id));
}
