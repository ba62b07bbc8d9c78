import { DelayedError, Job, WaitingChildrenError, type JobsOptions } from 'bullmq';
import type { CrmAdapter, CrmName, ObjectKind } from '../src/crm/adapter';
import { CrmError } from '../src/crm/crm.error';
import { JOB } from '../src/queue/queues';
import { ChangeStore } from '../src/sync/changes';
import { acquireRunLock, releaseRunLock } from '../src/sync/run-lock';
import type { SyncContext } from '../src/sync/context';
import type { RunRef } from '../src/sync/run-ref';
import type { RunMode, RunSummary } from '../src/sync/run-store';
import { ensureProperties, forgetEnsured } from '../src/sync/ensure-properties';
import { deleteMatching, StateStore } from '../src/sync/state-store';
import { metrics } from '../src/metrics';

type Step = 'start' | 'contacts' | 'companies' | 'tal' | 'write' | 'finish';

export interface SyncRunData {
  crm: CrmName;
  mode: RunMode;
  dryRun?: boolean;
  force?: boolean;
  /** Rescore: these companies (else the ids waiting in the CRM's rescore set). */
  companyIds?: string[];
  /** Set by the job itself as it goes, so a retried or resumed run carries on where it was. */
  step?: Step;
  cursor?: string;
  page?: number;
  run?: RunRef;
}

/** How long a run waits before checking again whether another run of the same CRM has ended. */
const BUSY_DELAY_MS = 15_000;

export const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

function childOptions(job: Job, jobId: string): JobsOptions {
  return {
    // Deterministic, so a retried step re-adds nothing; BullMQ forbids ':' in custom ids and
    // scheduled runs have ids like "repeat:schedule:hubspot:incremental:<ms>".
    jobId: jobId.replace(/:/g, '_'),
    parent: { id: job.id!, queue: job.queueQualifiedName },
    // A batch that fails for good is reported by record id; the run still ends.
    ignoreDependencyOnFailure: true,
  };
}

async function isAlive(ctx: SyncContext, runId: string): Promise<boolean> {
  const other = await Job.fromId(ctx.queue, runId);
  if (!other) return false;
  const state = await other.getState();
  return ['active', 'waiting', 'waiting-children', 'delayed', 'prioritized'].includes(state);
}

/**
 * Starts the run: one run per CRM at a time, incremental window, state generation. Undefined when
 * a scheduled incremental run is skipped because another run of the CRM is going.
 */
async function start(job: Job<SyncRunData>, ctx: SyncContext, token: string): Promise<RunRef | undefined> {
  const runId = job.id!;
  const { crm } = job.data;
  const holder = await acquireRunLock(ctx.redis, ctx.keys.activeRun(crm), runId, (id) => isAlive(ctx, id));
  if (holder && runId.startsWith(`repeat:schedule:${crm}:incremental`)) {
    // The next incremental will cover this window: scheduled ones never pile up behind a long run.
    ctx.logger.info({ runId, crm, busyWith: holder }, 'scheduled incremental run skipped: another run is going');
    return undefined;
  }
  if (holder) {
    await job.moveToDelayed(Date.now() + BUSY_DELAY_MS, token);
    throw new DelayedError(`run ${holder} of ${crm} is still going`);
  }

  const [lastSuccess, generation, lastVersion] = await Promise.all([
    ctx.redis.get(ctx.keys.lastSuccess(crm)),
    ctx.redis.get(ctx.keys.generation(crm)),
    ctx.redis.get(ctx.keys.lastModelVersion(crm)),
  ]);
  let mode = job.data.mode;
  // No baseline yet, or the ICP/personas changed: every record must be re-scored and rewritten.
  if (mode === 'incremental' && (!lastSuccess || !generation || lastVersion !== ctx.config.modelVersion)) mode = 'full';
  const run: RunRef = {
    id: runId,
    crm,
    mode,
    force: Boolean(job.data.force) || mode === 'rescore',
    dryRun: Boolean(job.data.dryRun),
    generation: mode === 'full' ? runId : (generation ?? ''),
    since: mode === 'incremental' ? new Date(Date.parse(lastSuccess!) - (await ctx.adapter(crm)).incrementalOverlapMs).toISOString() : undefined,
    modelVersion: ctx.config.modelVersion,
  };
  const since = run.since;
  const existing = await ctx.runs.get(runId);
  const info = { id: runId, crm, mode, dryRun: run.dryRun, force: run.force, status: 'running' as const, startedAt: existing?.startedAt ?? new Date().toISOString(), since, generation: run.generation };
  if (existing) await ctx.runs.update(runId, info);
  else await ctx.runs.create(info);
  ctx.logger.info({ runId, crm, mode, since, dryRun: run.dryRun }, 'sync run started');
  return run;
}

/** Pages through one object and fans the records out as batch jobs, saving the cursor per page. */
async function fanOut(job: Job<SyncRunData>, ctx: SyncContext, adapter: CrmAdapter, run: RunRef, kind: ObjectKind, since: Date | undefined) {
  let { cursor, page = 0 } = job.data;
  const seen = ctx.keys.runSeen(run.id);
  do {
    const status = (await ctx.runs.get(run.id))?.status;
    if (status === 'failed' || status === 'stopped') return;
    const result = kind === 'contacts' ? await adapter.pageContacts({ since, cursor }) : await adapter.pageCompanies({ since, cursor });
    const batches = chunk(result.records as never[], adapter.batchSize);
    await ctx.queue.addBulk(
      batches.map((records, i) => ({
        name: kind === 'contacts' ? JOB.classifyContacts : JOB.scoreCompanies,
        data: { run, records },
        opts: childOptions(job, `${run.id}.${kind}.${page}.${i}`),
      })),
    );
    if (kind === 'companies' && run.mode === 'incremental' && result.records.length) {
      await ctx.redis.sadd(seen, ...result.records.map((r) => r.id));
    }
    cursor = result.next;
    page += 1;
    await job.updateData({ ...job.data, cursor, page });
    await job.updateProgress({ kind, page });
  } while (cursor);
}

/** Companies to score by id: re-score targets, or those whose contacts changed in an incremental run. */
async function companiesById(job: Job<SyncRunData>, ctx: SyncContext, run: RunRef): Promise<string[]> {
  if (run.mode === 'rescore') {
    if (job.data.companyIds?.length) return job.data.companyIds;
    // Take the waiting ids into a set of this run's own (atomically, and again on a retry), so a
    // crash or a failed run never loses a requested re-score: finish() hands them back on failure.
    const mine = ctx.keys.runRescore(run.id);
    await ctx.redis.multi().sunionstore(mine, mine, ctx.keys.rescorePending(run.crm)).del(ctx.keys.rescorePending(run.crm)).exec();
    return ctx.redis.smembers(mine);
  }
  if (run.mode === 'incremental') return ctx.redis.sdiff(ctx.keys.runDirty(run.id), ctx.keys.runSeen(run.id));
  return [];
}

/**
 * The TAL over every scored company of the CRM. With tal.maxSize, membership is decided here, in
 * two passes over the stored scores (memory bounded by maxSize), and the flips are queued as writes.
 */
async function talStep(ctx: SyncContext, adapter: CrmAdapter, run: RunRef): Promise<number> {
  const state = new StateStore(ctx.redis, ctx.keys, run.crm, run.generation);
  const selector = ctx.tal.createSelector();
  for await (const entry of state.scores()) selector.add(entry);
  const onTal = selector.result();
  if (ctx.config.icp.tal?.maxSize !== undefined) {
    const changes = new ChangeStore(ctx.redis, ctx.keys, run.id);
    for await (const entry of state.scores()) {
      const tal = onTal.has(entry.id);
      if (tal !== entry.tal) await changes.merge('companies', entry.id, adapter.talValues(tal), adapter.talValues(entry.tal));
    }
  }
  return onTal.size;
}

async function enqueueWrites(job: Job<SyncRunData>, ctx: SyncContext, adapter: CrmAdapter, run: RunRef) {
  const changes = new ChangeStore(ctx.redis, ctx.keys, run.id);
  for (const kind of ['contacts', 'companies'] as const) {
    const ids = await changes.ids(kind);
    // Large runs: one bulk job child per kind, which waits for the CRM's jobs itself (write-bulk.job.ts).
    if (adapter.bulk && ids.length > adapter.bulk.threshold) {
      await ctx.queue.add(JOB.writeBulk, { run, kind }, childOptions(job, `${run.id}.write-bulk.${kind}`));
      continue;
    }
    const batches = chunk(ids, adapter.batchSize);
    await ctx.queue.addBulk(batches.map((ids, i) => ({ name: JOB.writeBatch, data: { run, kind, ids }, opts: childOptions(job, `${run.id}.write.${kind}.${i}`) })));
  }
}

export async function finish(ctx: SyncContext, run: RunRef): Promise<RunSummary> {
  const info = await ctx.runs.get(run.id);
  const stopped = info?.status === 'stopped' || info?.status === 'failed';
  const failures = await ctx.redis.hlen(ctx.keys.runFailures(run.id));
  const status = stopped ? info!.status : failures ? 'completed_with_failures' : 'completed';
  if (!stopped && !run.dryRun && run.mode !== 'rescore') {
    await ctx.redis.mset(ctx.keys.lastSuccess(run.crm), info!.startedAt!, ctx.keys.lastModelVersion(run.crm), run.modelVersion ?? ctx.config.modelVersion);
  }
  if (run.mode === 'full') {
    if (stopped || run.dryRun) {
      await new StateStore(ctx.redis, ctx.keys, run.crm, run.generation).drop();
    } else {
      const previous = await ctx.redis.getset(ctx.keys.generation(run.crm), run.generation);
      if (previous && previous !== run.generation) await deleteMatching(ctx.redis, `${ctx.keys.state(run.crm, previous)}:*`);
    }
  }
  if (stopped && run.mode === 'rescore') {
    const mine = ctx.keys.runRescore(run.id);
    await ctx.redis.multi().sunionstore(ctx.keys.rescorePending(run.crm), ctx.keys.rescorePending(run.crm), mine).del(mine).exec();
  }
  await releaseRunLock(ctx.redis, ctx.keys.activeRun(run.crm), run.id);
  const summary = await ctx.runs.finish(run.id, { status, phase: 'done' });
  metrics.runDuration.observe({ crm: run.crm, mode: run.mode, status }, (summary.durationMs ?? 0) / 1000);
  ctx.logger.info({ runId: run.id, crm: run.crm, status, companies: summary.companies, contacts: summary.contacts, apiCalls: summary.apiCalls, rateLimited: summary.rateLimited }, 'sync run finished');
  return summary;
}

/**
 * Ends a run whose orchestrator failed for good (attempts spent, or stalled too often): the same
 * clean-up as any ending — lock released, a full run's new state dropped, re-score ids handed back.
 */
export async function failRun(ctx: SyncContext, job: Job<SyncRunData>, message: string): Promise<void> {
  const info = await ctx.runs.get(job.id!);
  if (!info || info.finishedAt) return;
  await ctx.runs.update(info.id, { status: 'failed', error: message });
  const run: RunRef = job.data.run ?? { id: info.id, crm: info.crm, mode: info.mode, force: info.force, dryRun: info.dryRun, generation: info.generation ?? '' };
  await finish(ctx, run);
}

/** Moves to the next step, pausing until the batch jobs of this one are done. */
async function advance(job: Job<SyncRunData>, token: string, step: Step, run: RunRef): Promise<void> {
  await job.updateData({ ...job.data, run, step, cursor: undefined, page: 0 });
  if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
}

/**
 * The run orchestrator, a BullMQ step job: contacts (personas) first, so that companies can be
 * scored with their persona coverage, then companies, the TAL, the writes and the summary. Each
 * step's batch jobs are children any worker can take; the job waits for them between steps.
 */
export async function syncRunJob(job: Job<SyncRunData>, ctx: SyncContext, token: string): Promise<RunSummary | undefined> {
  let run = job.data.run;
  let step = job.data.step ?? 'start';
  try {
    if (step === 'start') {
      run = await start(job, ctx, token);
      if (!run) return undefined;
      if (run.mode === 'rescore' && !run.generation) {
        throw new CrmError('VALIDATION', `nothing to re-score yet on ${run.crm}: run \`icp-sync sync --crm ${run.crm} --full\` once first`);
      }
      if (!run.dryRun) await ensureProperties(ctx, run.crm);
      step = run.mode === 'rescore' ? 'companies' : 'contacts';
      await job.updateData({ ...job.data, run, step, cursor: undefined, page: 0 });
    }
    const adapter = await ctx.adapter(run!.crm);
    const since = run!.since ? new Date(run!.since) : undefined;
    if (step === 'contacts') {
      await ctx.runs.update(run!.id, { phase: 'contacts' });
      await fanOut(job, ctx, adapter, run!, 'contacts', since);
      await advance(job, token, 'companies', run!);
      step = 'companies';
    }
    if (step === 'companies') {
      await ctx.runs.update(run!.id, { phase: 'companies' });
      if (run!.mode !== 'rescore') await fanOut(job, ctx, adapter, run!, 'companies', since);
      const ids = await companiesById(job, ctx, run!);
      await ctx.queue.addBulk(
        chunk(ids, adapter.batchSize).map((batch, i) => ({ name: JOB.scoreCompanies, data: { run: run!, ids: batch }, opts: childOptions(job, `${run!.id}.companies-by-id.${i}`) })),
      );
      await advance(job, token, 'tal', run!);
      step = 'tal';
    }
    if (step === 'tal') {
      const talSize = await talStep(ctx, adapter, run!);
      await ctx.runs.recordJob(run!.id, 'tal', { talSize });
      await job.updateData({ ...job.data, step: 'write' });
      step = 'write';
    }
    if (step === 'write') {
      await ctx.runs.update(run!.id, { phase: 'write' });
      if (!run!.dryRun) await enqueueWrites(job, ctx, adapter, run!);
      await advance(job, token, 'finish', run!);
      step = 'finish';
    }
    return await finish(ctx, run!);
  } catch (err) {
    if (err instanceof CrmError && err.code === 'SETUP' && run) await forgetEnsured(ctx, run.crm);
    if (err instanceof CrmError && run && !err.retryable) {
      // The run cannot go on (auth, daily limit, bad request): end it cleanly, resumable.
      await ctx.runs.update(run.id, { status: err.code === 'DAILY_LIMIT' ? 'stopped' : 'failed', error: err.message });
      await finish(ctx, run);
    }
    throw err;
  }
}
