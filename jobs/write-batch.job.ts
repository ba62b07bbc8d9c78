import type { Job } from 'bullmq';
import type { CrmAdapter, ObjectKind } from '../src/crm/adapter';
import { CrmError } from '../src/crm/crm.error';
import { metrics } from '../src/metrics';
import { isLastAttempt } from '../src/queue/job-errors';
import { ChangeStore, type Change } from '../src/sync/changes';
import type { SyncContext } from '../src/sync/context';
import type { RunRef } from '../src/sync/run-ref';
import { StateStore } from '../src/sync/state-store';
import { writeIsolating } from '../src/sync/write';

export interface WriteBatchData {
  run: RunRef;
  kind: ObjectKind;
  /** Records still to write; shrinks when a retry is needed for some of them only. */
  ids: string[];
}

/** Marks records written, and keeps the TAL membership the CRM now holds for the next TAL ranking. */
export async function recordWritten(ctx: SyncContext, adapter: CrmAdapter, run: RunRef, kind: ObjectKind, written: string[], pending?: Map<string, Change>): Promise<void> {
  const changes = new ChangeStore(ctx.redis, ctx.keys, run.id);
  await changes.markWritten(kind, written);
  if (kind !== 'companies' || !written.length) return;
  const values = pending ?? (await changes.get(kind, written));
  const state = new StateStore(ctx.redis, ctx.keys, run.crm, run.generation);
  const membership = new Map<string, boolean>();
  for (const id of written) {
    const tal = values.get(id)?.values[adapter.talProperty];
    if (typeof tal === 'boolean') membership.set(id, tal);
  }
  await state.setTal(membership);
}

/**
 * Writes one batch of pending changes. Records the CRM refused for good are reported by id;
 * retryable ones are tried again by the job's backoff, alone, until the last attempt.
 */
export async function writeBatchJob(job: Job<WriteBatchData>, ctx: SyncContext): Promise<{ written: number; failed: number }> {
  const { run, kind, ids } = job.data;
  const adapter = await ctx.adapter(run.crm);
  const changes = new ChangeStore(ctx.redis, ctx.keys, run.id);
  const pending = await changes.get(kind, ids);
  const results = await writeIsolating(
    adapter,
    kind,
    [...pending].map(([id, change]) => ({ id, values: change.values })),
  );

  const written = results.filter((r) => r.ok).map((r) => r.id);
  await recordWritten(ctx, adapter, run, kind, written, pending);

  const retry = results.filter((r) => !r.ok && r.error?.retryable && !isLastAttempt(job)).map((r) => r.id);
  const failed = results.filter((r) => !r.ok && !retry.includes(r.id));
  for (const f of failed) await ctx.runs.recordFailure(run.id, kind, f.id, f.error?.message ?? 'write failed');
  metrics.records.inc({ crm: run.crm, object: kind, outcome: 'written' }, written.length);
  metrics.records.inc({ crm: run.crm, object: kind, outcome: 'failed' }, failed.length);
  if (retry.length) {
    await job.updateData({ ...job.data, ids: retry });
    throw new CrmError('TRANSIENT', `${retry.length} ${kind} not written yet (retryable errors); retrying them`);
  }
  return { written: written.length, failed: failed.length };
}
