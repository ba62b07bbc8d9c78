import { DelayedError, Job, WaitingChildrenError, type JobsOptions } from 'bullmq';
import type { CompanyRecord, ContactRecord, CrmAdapter, Page, RecordUpdate } from '../crm/adapter';
import { CrmError } from '../crm/crm.error';
import { metrics } from '../metrics';
import { JOB } from '../queue/queues';
import { mergePlans, planWrite, type WritePlan } from '../scoring/change-plan';
import { ChangeStore } from './changes';
import { packCompanies, packContacts } from './record-codec';
import { chunk } from './chunk';
import type { SyncContext } from './context';
import { EngineError } from './engine.error';
import { ensureProperties, forgetEnsured } from './ensure-properties';
import type { Model } from './model';
import type { Reader, Step, SyncRunData } from './run-data';
import { acquireRunLock, releaseRunLock } from './run-lock';
import type { RunRef } from './run-ref';
import type { RunInfo, RunSummary } from './run-store';
import { deleteMatching, StateStore, type ScoreEntry } from './state-store';

/** How long a run waits before checking again whether another run of the same CRM has ended. */
const BUSY_DELAY_MS = 15_000;
/** List cursors per object in a full run: enough requests in flight to fill a budget at real latency. */
export const READERS_PER_KIND = 4;
/**
 * Write calls' worth of records per batch job: the queue's cost per job (and per record) is
 * shared by that many records, and the job makes its write calls at once.
 */
export const BATCHES_PER_JOB = 10;
/** How long the readers trust the run's status they last read (a stopped run's reads stop within it). */
const STATUS_MS = 250;


function childOptions(job: Job, jobId: string): JobsOptions {
  return {
    // Deterministic, so a retried step re-adds nothing; BullMQ forbids ':' in custom ids.
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
 * Starts the run: one run per CRM at a time, incremental window, state generation, the
 * configuration it is scored with. Undefined when a scheduled incremental run is skipped because
 * another run of the CRM is going.
 */
async function start(job: Job<SyncRunData>, ctx: SyncContext, token: string): Promise<RunRef | undefined> {
  const runId = job.id!;
  const { crm } = job.data;
  const model = await ctx.models.get(job.data.modelVersion ?? ctx.model.version);
  const holder = await acquireRunLock(ctx.redis, ctx.keys.activeRun(crm), runId, (id) => isAlive(ctx, id));
  if (holder && job.data.scheduled && job.data.mode === 'incremental') {
    // The next incremental will cover this window: scheduled ones never pile up behind a long run.
    ctx.logger.info({ runId, crm, busyWith: holder }, 'scheduled incremental run skipped: another run is going');
    return undefined;
  }
  if (holder) {
    await job.moveToDelayed(Date.now() + BUSY_DELAY_MS, token);
    throw new DelayedError(`run ${holder} of ${crm} is still going`);
  }
  // Kept for the other workers (and refreshed for as long as runs use it).
  await ctx.models.save(model);

  const [lastSuccess, generation, lastVersion] = await Promise.all([
    ctx.redis.get(ctx.keys.lastSuccess(crm)),
    ctx.redis.get(ctx.keys.generation(crm)),
    ctx.redis.get(ctx.keys.lastModelVersion(crm)),
  ]);
  const adapter = await ctx.adapter(crm);
  let mode = job.data.mode;
  // No baseline yet, or the ICP/personas changed: every record must be re-scored and rewritten.
  if (mode === 'incremental' && (!lastSuccess || !generation || lastVersion !== model.version)) mode = 'full';
  const run: RunRef = {
    id: runId,
    crm,
    mode,
    force: Boolean(job.data.force) || mode === 'rescore',
    dryRun: Boolean(job.data.dryRun),
    generation: mode === 'full' ? runId : (generation ?? ''),
    since: mode === 'incremental' ? new Date(Date.parse(lastSuccess!) - adapter.incrementalOverlapMs).toISOString() : undefined,
    modelVersion: model.version,
    deferWrites: Boolean(adapter.bulk),
  };
  const existing = await ctx.runs.get(runId);
  const info = { id: runId, crm, mode, dryRun: run.dryRun, force: run.force, status: 'running' as const, startedAt: existing?.startedAt ?? new Date().toISOString(), since: run.since, generation: run.generation };
  if (existing) await ctx.runs.update(runId, info);
  else await ctx.runs.create(info);
  ctx.logger.info({ runId, crm, mode, since: run.since, dryRun: run.dryRun, modelVersion: run.modelVersion }, 'sync run started');
  return run;
}

/** The list cursors of a run: several slices per object for a full listing, one for a search. */
async function planReaders(adapter: CrmAdapter, run: RunRef): Promise<Reader[]> {
  if (run.mode === 'rescore') return [];
  const readers: Reader[] = [];
  for (const kind of ['contacts', 'companies'] as const) {
    const ranges = !run.since && adapter.partitions ? await adapter.partitions(kind, READERS_PER_KIND) : [undefined];
    for (const range of ranges) readers.push({ kind, range, page: 0, done: false });
  }
  return readers;
}

/**
 * Reads every object at once, one loop per cursor, each job's worth of records becoming a batch
 * as soon as it is read: contact batches are classified and written right away; company batches
 * are parked until the contacts are done (their persona coverage needs every contact). Each
 * cursor is saved in the job whenever it hands a batch on, so a retried run resumes there.
 */
async function readAll(job: Job<SyncRunData>, ctx: SyncContext, adapter: CrmAdapter, run: RunRef): Promise<void> {
  const readers = job.data.readers ?? (await planReaders(adapter, run));
  const save = () => job.updateData({ ...job.data, run, step: 'read', readers });
  await save();
  const since = run.since ? new Date(run.since) : undefined;
  const progress = { pages: 0 };

  // A run that defers its writes (bulk) gains nothing from bigger jobs, and holds less per worker without.
  const perJob = adapter.batchSize * (run.deferWrites ? 1 : BATCHES_PER_JOB);

  // The run's status, read at most every STATUS_MS for all the cursors (a stopped run costs at most that long of reads).
  let checked: { at: number; status: Promise<RunInfo['status'] | undefined> } | undefined;
  const runStatus = () => {
    if (!checked || Date.now() - checked.at >= STATUS_MS) checked = { at: Date.now(), status: ctx.runs.status(run.id) };
    return checked.status;
  };

  // `reader` holds what is handed on (saved with the job); pages read since are held here until
  // a job's worth is, so a crash re-reads at most those pages.
  const read = async (reader: Reader, index: number): Promise<void> => {
    let cursor = reader.cursor;
    let held: Array<CompanyRecord | ContactRecord> = [];
    let done = reader.done;
    while (!done) {
      const status = await runStatus();
      if (status === 'failed' || status === 'stopped') return;
      const request = { since, cursor, range: reader.range };
      const page: Page<CompanyRecord | ContactRecord> = reader.kind === 'contacts' ? await adapter.pageContacts(request) : await adapter.pageCompanies(request);
      held.push(...page.records);
      cursor = page.next;
      done = !page.next;
      progress.pages += 1;
      if (held.length < perJob && !done) continue;
      // A large page (Salesforce: 2,000 REST rows, 10,000 Bulk rows) makes several jobs.
      // The job size is in the name: a run resumed by a version with another size never takes an earlier version's batch for its own.
      for (const [i, records] of chunk(held, perJob).entries()) await handOn(reader.kind, `${reader.kind}.${index}.${reader.page}.${i}.${perJob}`, records);
      held = [];
      Object.assign(reader, { cursor, page: reader.page + 1, done });
      await save();
      await job.updateProgress({ step: 'read', pages: progress.pages });
    }
  };

  const handOn = async (kind: Reader['kind'], name: string, records: Array<CompanyRecord | ContactRecord>) => {
    if (!records.length) return;
    // Counted as read when read (keyed by the batch: a re-read after a crash counts once).
    await ctx.runs.recordJob(run.id, `read.${name}`, { [`${kind}.read`]: records.length });
    if (kind === 'contacts') {
      await ctx.queue.add(JOB.classifyContacts, { run, contacts: packContacts(records as ContactRecord[]) }, childOptions(job, `${run.id}.${name}`));
      return;
    }
    const multi = ctx.redis.multi().set(ctx.keys.runPage(run.id, name), JSON.stringify(packCompanies(records as CompanyRecord[]))).sadd(ctx.keys.runParked(run.id), name);
    if (run.mode === 'incremental') multi.sadd(ctx.keys.runSeen(run.id), ...records.map((r) => r.id));
    await multi.exec();
  };
  await Promise.all(readers.map((reader, i) => read(reader, i)));
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

/** Every company's TAL entry as this run sees it: the stored ones, under a dry run's own. */
async function* talEntries(ctx: SyncContext, run: RunRef): AsyncGenerator<ScoreEntry> {
  const state = new StateStore(ctx.redis, ctx.keys, run.crm, run.generation);
  const own = new Map<string, ScoreEntry>();
  if (run.dryRun && run.mode !== 'full') {
    const raw = await ctx.redis.hgetall(ctx.keys.runScores(run.id));
    for (const [id, value] of Object.entries(raw)) own.set(id, StateStore.decodeScore(id, value));
  }
  for await (const entry of state.scores()) {
    const mine = own.get(entry.id);
    own.delete(entry.id);
    yield mine ?? entry;
  }
  yield* own.values();
}

/**
 * The TAL over every scored company of the CRM. With tal.maxSize, membership is decided here, in
 * two passes over the scores (memory bounded by maxSize), and the flips are written (or, for a
 * dry run or a run that defers its writes, added to its changes).
 */
async function talStep(job: Job<SyncRunData>, ctx: SyncContext, adapter: CrmAdapter, run: RunRef, model: Model): Promise<void> {
  const selector = model.tal.createSelector();
  for await (const entry of talEntries(ctx, run)) selector.add(entry);
  const onTal = selector.result();
  // The next runs' score steps predict membership from this ranking's cut.
  if (model.rankedTal && !run.dryRun) await ctx.redis.set(ctx.keys.talCut(run.crm), JSON.stringify({ version: model.version, cut: selector.cut() }));
  let fresh = 0;
  if (model.rankedTal) {
    const changes = new ChangeStore(ctx.redis, ctx.keys, run.id);
    let flips: Array<{ id: string; plan: WritePlan }> = [];
    let batch = 0;
    const flush = async () => {
      if (!flips.length) return;
      const changed = await ctx.redis.smismember(ctx.keys.runChanged(run.id), ...flips.map((f) => f.id));
      const freshIds = flips.filter((_, i) => !changed[i]).map((f) => f.id);
      fresh += freshIds.length;
      if (run.dryRun || run.deferWrites) {
        const existing = await changes.get('companies', flips.map((f) => f.id));
        await changes.put('companies', new Map(flips.map((f) => [f.id, mergePlans(existing.get(f.id), f.plan)])));
      } else {
        const updates: RecordUpdate[] = flips.map((f) => ({ id: f.id, values: f.plan.values }));
        await ctx.queue.add(JOB.writeBatch, { run, kind: 'companies', updates, fresh: freshIds }, childOptions(job, `${run.id}.tal.${batch}`));
      }
      batch += 1;
      flips = [];
    };
    for await (const entry of talEntries(ctx, run)) {
      const tal = onTal.has(entry.id);
      if (tal === entry.tal) continue;
      const current = entry.tal === null ? {} : adapter.talValues(entry.tal);
      const plan = planWrite(adapter.talValues(tal), current, adapter.scoredAtProperty, true);
      if (plan) flips.push({ id: entry.id, plan });
      if (flips.length >= adapter.batchSize) await flush();
    }
    await flush();
  }
  await ctx.runs.recordJob(run.id, 'tal', { talSize: onTal.size, 'companies.changed': fresh });
}

/** Runs that defer their writes: the changes of every batch, in full batches or bulk jobs. */
async function enqueueWrites(job: Job<SyncRunData>, ctx: SyncContext, adapter: CrmAdapter, run: RunRef) {
  const changes = new ChangeStore(ctx.redis, ctx.keys, run.id);
  for (const kind of ['contacts', 'companies'] as const) {
    const ids = await changes.ids(kind);
    // Large runs: one bulk job child per kind, which waits for the CRM's jobs itself (bulk-write.ts).
    if (adapter.bulk && ids.length > adapter.bulk.threshold) {
      await ctx.queue.add(JOB.writeBulk, { run, kind }, childOptions(job, `${run.id}.write-bulk.${kind}`));
      continue;
    }
    const batches = chunk(ids, adapter.batchSize);
    await ctx.queue.addBulk(batches.map((ids, i) => ({ name: JOB.writeBatch, data: { run, kind, ids }, opts: childOptions(job, `${run.id}.write.${kind}.${i}`) })));
  }
}

/**
 * Ends a run: baseline, state generation, lock, summary. What a run leaves behind is its summary
 * and its failures: its change sets (kept only by dry runs, for their diff) expire with the run.
 */
export async function finish(ctx: SyncContext, run: RunRef): Promise<RunSummary> {
  const info = await ctx.runs.get(run.id);
  const stopped = info?.status === 'stopped' || info?.status === 'failed';
  const failures = await ctx.redis.hlen(ctx.keys.runFailures(run.id));
  const status = stopped ? info!.status : failures ? 'completed_with_failures' : 'completed';
  if (!stopped && !run.dryRun && run.mode !== 'rescore') {
    await ctx.redis.mset(ctx.keys.lastSuccess(run.crm), info!.startedAt!, ctx.keys.lastModelVersion(run.crm), run.modelVersion);
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
  await deleteMatching(ctx.redis, `${ctx.keys.runPage(run.id, '')}*`);
  metrics.runDuration.observe({ crm: run.crm, mode: run.mode, status }, (summary.durationMs ?? 0) / 1000);
  ctx.logger.info({ runId: run.id, crm: run.crm, status, companies: summary.companies, contacts: summary.contacts, apiCalls: summary.apiCalls, rateLimited: summary.rateLimited }, 'sync run finished');
  return summary;
}

/**
 * Ends a run whose orchestrator failed for good (attempts spent, or stalled too often): the same
 * clean-up as any ending — lock released, a full run's new state dropped, re-score ids handed back.
 */
export async function failRun(ctx: SyncContext, job: Job<SyncRunData>, message: string, code?: string): Promise<void> {
  const info = await ctx.runs.get(job.id!);
  if (!info || info.finishedAt) return;
  await ctx.runs.update(info.id, { status: 'failed', error: message, errorCode: code });
  const run: RunRef = job.data.run ?? {
    id: info.id,
    crm: info.crm,
    mode: info.mode,
    force: info.force,
    dryRun: info.dryRun,
    generation: info.generation ?? '',
    modelVersion: job.data.modelVersion ?? ctx.model.version,
  };
  await finish(ctx, run);
}

/** Moves to the next step, pausing until the batch jobs of this one are done. */
async function advance(ctx: SyncContext, job: Job<SyncRunData>, token: string, step: Step, run: RunRef): Promise<void> {
  await job.updateData({ ...job.data, run, step, readers: undefined });
  // This step's API calls are in the run's counts before the job waits (another worker may take the next step).
  await ctx.runs.flushApiCalls();
  if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
}

/**
 * The run orchestrator, a BullMQ step job: every object read at once (contacts classified and
 * written as they come), then the companies scored with their persona coverage and written, the
 * TAL, the deferred writes (bulk) and the summary. Batch jobs are children any worker can take;
 * the job waits for them between steps.
 */
export async function syncRun(job: Job<SyncRunData>, ctx: SyncContext, token: string): Promise<RunSummary | undefined> {
  let run = job.data.run;
  let step = job.data.step ?? 'start';
  try {
    if (step === 'start') {
      run = await start(job, ctx, token);
      if (!run) return undefined;
      if (run.mode === 'rescore' && !run.generation) {
        throw new EngineError('NOTHING_TO_RESCORE', `nothing to re-score yet on ${run.crm}: run \`icp-sync sync --crm ${run.crm} --full\` once first`);
      }
      if (!run.dryRun) await ensureProperties(ctx, run.crm, await ctx.models.get(run.modelVersion));
      step = 'read';
      await job.updateData({ ...job.data, run, step, readers: undefined });
    }
    const adapter = await ctx.adapter(run!.crm);
    if (step === 'read') {
      await ctx.runs.update(run!.id, { phase: 'read' });
      await readAll(job, ctx, adapter, run!);
      await advance(ctx, job, token, 'companies', run!);
      step = 'companies';
    }
    if (step === 'companies') {
      await ctx.runs.update(run!.id, { phase: 'companies' });
      const parked = (await ctx.redis.smembers(ctx.keys.runParked(run!.id))).sort();
      const ids = await companiesById(job, ctx, run!);
      await ctx.queue.addBulk([
        ...parked.map((page) => ({ name: JOB.scoreCompanies, data: { run: run!, page }, opts: childOptions(job, `${run!.id}.score.${page}`) })),
        ...chunk(ids, adapter.batchSize * (run!.deferWrites ? 1 : BATCHES_PER_JOB)).map((batch, i) => ({ name: JOB.scoreCompanies, data: { run: run!, ids: batch }, opts: childOptions(job, `${run!.id}.companies-by-id.${i}`) })),
      ]);
      await advance(ctx, job, token, 'tal', run!);
      step = 'tal';
    }
    if (step === 'tal') {
      await ctx.runs.update(run!.id, { phase: 'tal' });
      await talStep(job, ctx, adapter, run!, await ctx.models.get(run!.modelVersion));
      await advance(ctx, job, token, 'write', run!);
      step = 'write';
    }
    if (step === 'write') {
      if (run!.deferWrites && !run!.dryRun) {
        await ctx.runs.update(run!.id, { phase: 'write' });
        await enqueueWrites(job, ctx, adapter, run!);
      }
      await advance(ctx, job, token, 'finish', run!);
      step = 'finish';
    }
    return await finish(ctx, run!);
  } catch (err) {
    if (err instanceof CrmError && err.code === 'SETUP' && run) await forgetEnsured(ctx, run.crm);
    const final = (err instanceof CrmError || err instanceof EngineError) && !err.retryable;
    if (final && run) {
      // The run cannot go on (auth, daily limit, bad request): end it cleanly, resumable.
      await ctx.runs.update(run.id, { status: err instanceof CrmError && err.code === 'DAILY_LIMIT' ? 'stopped' : 'failed', error: (err as Error).message, errorCode: err.code });
      await finish(ctx, run);
    }
    throw err;
  }
}
