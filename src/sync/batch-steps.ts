import type { Job } from 'bullmq';
import type { CompanyRecord, ContactRecord, CrmAdapter, ObjectKind, RecordUpdate, WriteResult } from '../crm/adapter';
import { metrics } from '../metrics';
import { planWrite, sameValue, type WritePlan } from '../scoring/change-plan';
import { personaCoverage } from '../scoring/coverage';
import { reasonsText } from '../scoring/icp';
import type { TalEntry } from '../scoring/tal';
import { isLastAttempt } from '../queue/job-errors';
import { ChangeStore } from './changes';
import type { SyncContext } from './context';
import { EngineError } from './engine.error';
import type { BatchProgress, CompanyBatchData, ContactBatchData, WriteBatchData } from './run-data';
import type { Model } from './model';
import { writesState, type RunRef } from './run-ref';
import { StateStore, type ScoreEntry } from './state-store';
import { unpackCompanies, unpackContacts, type PackedRecords } from './record-codec';
import { writeAll } from './write';

interface Outcome {
  written: string[];
  retry: RecordUpdate[];
  failed: WriteResult[];
}

/**
 * Writes updates now and sorts the results: written (their TAL membership recorded), worth another
 * try (retryable, and not on the job's last attempt) and failed for good (reported by id).
 */
async function writeNow(ctx: SyncContext, adapter: CrmAdapter, job: Job, run: RunRef, kind: ObjectKind, updates: RecordUpdate[], talRecorded = false): Promise<Outcome> {
  const results = await writeAll(adapter, kind, updates);
  const written = results.filter((r) => r.ok).map((r) => r.id);
  if (kind === 'companies' && !talRecorded) await recordTal(ctx, adapter, run, written, updates);
  const last = isLastAttempt(job);
  const again = new Set(results.filter((r) => !r.ok && r.error?.retryable && !last).map((r) => r.id));
  const failed = results.filter((r) => !r.ok && !again.has(r.id));
  for (const f of failed) await ctx.runs.recordFailure(run.id, kind, f.id, f.error?.message ?? 'write failed');
  metrics.records.inc({ crm: run.crm, object: kind, outcome: 'failed' }, failed.length);
  return { written, retry: updates.filter((u) => again.has(u.id)), failed };
}

/**
 * Where a batch's changes go: written now (the default), kept for the run's bulk write step
 * (runs that defer writes), or kept for the diff only (dry runs).
 */
async function apply(ctx: SyncContext, adapter: CrmAdapter, job: Job, run: RunRef, kind: ObjectKind, plans: Map<string, WritePlan>, talRecorded = false): Promise<Outcome> {
  if (run.dryRun || run.deferWrites) {
    await new ChangeStore(ctx.redis, ctx.keys, run.id).put(kind, plans);
    return { written: [], retry: [], failed: [] };
  }
  const outcome = await writeNow(ctx, adapter, job, run, kind, [...plans].map(([id, plan]) => ({ id, values: plan.values })), talRecorded);
  metrics.records.inc({ crm: run.crm, object: kind, outcome: 'written' }, outcome.written.length);
  return outcome;
}

/** The run's view of the state: the stored one, under a dry incremental run's own persona changes. */
function stateOf(ctx: SyncContext, run: RunRef): StateStore {
  const overlay = writesState(run) ? undefined : ctx.keys.runPersonas(run.id);
  return new StateStore(ctx.redis, ctx.keys, run.crm, run.generation, overlay);
}

/** Keeps the TAL membership the CRM now holds, for the next TAL ranking. */
export async function recordTal(ctx: SyncContext, adapter: CrmAdapter, run: RunRef, written: string[], updates: RecordUpdate[]): Promise<void> {
  if (!written.length) return;
  const values = new Map(updates.map((u) => [u.id, u.values]));
  const membership = new Map<string, boolean>();
  for (const id of written) {
    const tal = values.get(id)?.[adapter.talProperty];
    if (typeof tal === 'boolean') membership.set(id, tal);
  }
  await new StateStore(ctx.redis, ctx.keys, run.crm, run.generation).setTal(membership);
}

/**
 * Counts a batch and, when some writes are worth another try, saves them in the job (the next
 * attempt writes only those) and throws for the queue's backoff.
 */
async function settle(ctx: SyncContext, job: Job<BatchProgress & { run: RunRef }>, kind: ObjectKind, counts: Record<string, number>, outcome: Outcome): Promise<Record<string, number>> {
  const total = { ...counts, [`${kind}.written`]: (counts[`${kind}.written`] ?? 0) + outcome.written.length };
  await ctx.runs.recordJob(job.data.run.id, job.id ?? job.name, total);
  if (outcome.retry.length) {
    await job.updateData({ ...job.data, retry: outcome.retry, counts: total });
    throw new EngineError('RETRY_PENDING', `${outcome.retry.length} ${kind} not written yet (retryable errors); retrying them`);
  }
  return total;
}

/** A retried batch: only the writes its earlier attempt could not make (only runs that write from their batches retry). */
async function retryWrites(ctx: SyncContext, job: Job<BatchProgress & { run: RunRef }>, kind: ObjectKind): Promise<Record<string, number>> {
  const { run, retry = [], counts = {} } = job.data;
  const adapter = await ctx.adapter(run.crm);
  const outcome = await writeNow(ctx, adapter, job, run, kind, retry);
  metrics.records.inc({ crm: run.crm, object: kind, outcome: 'written' }, outcome.written.length);
  return settle(ctx, job, kind, counts, outcome);
}

/**
 * Classifies a batch of contacts (seniority, function, persona, buying role), writes the values
 * that differ from the CRM's, and records each contact's persona under its company for coverage.
 */
export async function classifyContacts(job: Job<ContactBatchData>, ctx: SyncContext): Promise<Record<string, number>> {
  if (job.data.retry) return retryWrites(ctx, job, 'contacts');
  const { run } = job.data;
  const records = contactsOf(job.data);
  const [adapter, model] = await Promise.all([ctx.adapter(run.crm), ctx.models.get(run.modelVersion)]);
  const plans = new Map<string, WritePlan>();
  const personas: Array<{ id: string; companyId: string | null; persona: string }> = [];

  for (const contact of records) {
    const result = model.classify(contact.jobTitle, contact.department);
    personas.push({ id: contact.id, companyId: contact.companyId, persona: result.persona });
    const plan = planWrite(adapter.contactValues(result, contact.current), contact.current, adapter.scoredAtProperty, run.force);
    if (plan) plans.set(contact.id, plan);
  }
  // An incremental run re-scores the companies whose contacts' personas changed (a dry one too, over its own overlay).
  if (writesState(run) || run.mode === 'incremental') {
    const dirtyKey = run.mode === 'incremental' ? ctx.keys.runDirty(run.id) : undefined;
    await stateOf(ctx, run).assignPersonas(personas, dirtyKey);
  }
  metrics.records.inc({ crm: run.crm, object: 'contacts', outcome: 'read' }, records.length);
  metrics.records.inc({ crm: run.crm, object: 'contacts', outcome: 'changed' }, plans.size);
  // Read counts are the reader's (src/sync/run-steps.ts).
  const counts = { 'contacts.changed': plans.size };
  return settle(ctx, job, 'contacts', counts, await apply(ctx, adapter, job, run, 'contacts', plans));
}

/** A contact batch's records. */
export function contactsOf(data: ContactBatchData): ContactRecord[] {
  return data.contacts ? unpackContacts(data.contacts) : (data.records ?? []);
}

/** A parked page as stored: packed, or (pages parked by versions before the codec) an array of records. */
function parkedRecords(raw: string): CompanyRecord[] {
  const parsed = JSON.parse(raw) as PackedRecords | CompanyRecord[];
  return Array.isArray(parsed) ? parsed : unpackCompanies(parsed);
}

/** The records of a company batch: its parked page, or read by id (re-score targets, coverage changes). */
async function companyRecords(ctx: SyncContext, adapter: CrmAdapter, data: CompanyBatchData): Promise<CompanyRecord[] | undefined> {
  const { run } = data;
  if (data.page) {
    const raw = await ctx.redis.get(ctx.keys.runPage(run.id, data.page));
    return raw ? parkedRecords(raw) : undefined;
  }
  if (!data.ids?.length) return [];
  const records = await adapter.readCompanies(data.ids);
  const found = new Set(records.map((r) => r.id));
  for (const id of data.ids) {
    if (!found.has(id)) await ctx.runs.recordFailure(run.id, 'companies', id, `company ${id} not found in ${run.crm}`);
  }
  return records;
}

/**
 * Scores a batch of companies (fit, tier, reasons, completeness, persona coverage) and writes the
 * values that differ from the CRM's. With tal.maxSize the TAL needs every score: membership is
 * left out here and decided (and written) by the run's TAL step.
 */
export async function scoreCompanies(job: Job<CompanyBatchData>, ctx: SyncContext): Promise<Record<string, number>> {
  if (job.data.retry) return retryWrites(ctx, job, 'companies');
  const { run } = job.data;
  const [adapter, model] = await Promise.all([ctx.adapter(run.crm), ctx.models.get(run.modelVersion)]);
  const records = await companyRecords(ctx, adapter, job.data);
  // A parked page already deleted: an earlier attempt did all of this batch and counted it.
  if (!records) return {};

  const state = stateOf(ctx, run);
  const personas = await state.personasOf(records.map((r) => r.id));
  const scoredAt = new Date().toISOString();
  const plans = new Map<string, WritePlan>();
  const entries: Array<ScoreEntry & { planned?: boolean }> = [];
  const later = run.dryRun || run.deferWrites;
  // Parked pages were counted as read by their reader; companies read by id here.
  const counts: Record<string, number> = job.data.page ? {} : { 'companies.read': records.length };
  // Ranked TAL: written as the last ranking predicts; the run's TAL step corrects what moved.
  const cut = model.rankedTal ? await loadTalCut(ctx, run, model) : undefined;

  for (const company of records) {
    const result = model.score(company.fields);
    const current = company.current[adapter.talProperty];
    const currentTal = current === null || current === undefined || current === '' ? null : sameValue(true, current);
    const entry = { id: company.id, score: result.score, completeness: result.completeness, tier: result.tier, domain: company.fields.domain };
    const tal = model.rankedTal ? model.tal.predict(entry, cut) : model.tal.qualifies(entry);
    const coverage = personaCoverage(model.keyPersonas, personas.get(company.id) ?? []);
    const values = adapter.companyValues({
      score: result.score,
      tier: result.tier,
      tal,
      reasons: reasonsText(result.reasons),
      completeness: result.completeness,
      scoredAt,
      modelVersion: model.version,
      personaCoverage: coverage.percent,
      personasMissing: coverage.missing,
    });
    const plan = planWrite(values, company.current, adapter.scoredAtProperty, run.force);
    if (plan) plans.set(company.id, plan);
    // What the CRM holds once this batch is written: the planned value where it is written (a run
    // whose writes wait for later steps holds its planned value), else the current one.
    const planned = plan && adapter.talProperty in plan.values;
    entries.push({ ...entry, tal: later && planned ? tal : currentTal, ...(planned && !later ? { planned: tal } : {}) });
    counts[`tier.${result.tier}`] = (counts[`tier.${result.tier}`] ?? 0) + 1;
  }
  counts['companies.changed'] = plans.size;

  // A dry incremental run keeps its scores apart, over the stored ones for its TAL step.
  if (!writesState(run) && model.rankedTal) await saveRunScores(ctx, run, entries);
  // The TAL step counts its flips only for companies not changed here.
  if (model.rankedTal && plans.size) await ctx.redis.sadd(ctx.keys.runChanged(run.id), ...plans.keys());
  metrics.records.inc({ crm: run.crm, object: 'companies', outcome: 'read' }, records.length);
  metrics.records.inc({ crm: run.crm, object: 'companies', outcome: 'changed' }, plans.size);
  const outcome = await apply(ctx, adapter, job, run, 'companies', plans, writesState(run));
  // The scores as the CRM now holds them, in one write after the batch's writes (a retried write records its TAL value itself).
  if (writesState(run)) {
    const written = new Set(outcome.written);
    await state.saveScores(entries.map(({ planned, ...e }) => (planned !== undefined && written.has(e.id) ? { ...e, tal: planned } : e)));
  }
  const total = await settle(ctx, job, 'companies', counts, outcome);
  if (job.data.page) await ctx.redis.del(ctx.keys.runPage(run.id, job.data.page));
  return total;
}

/** The last ranking's cut, when it was made with this configuration. */
async function loadTalCut(ctx: SyncContext, run: RunRef, model: Model): Promise<TalEntry | null | undefined> {
  const raw = await ctx.redis.get(ctx.keys.talCut(run.crm));
  if (!raw) return undefined;
  const saved = JSON.parse(raw) as { version: string; cut: TalEntry | null };
  return saved.version === model.version ? saved.cut : undefined;
}

async function saveRunScores(ctx: SyncContext, run: RunRef, entries: ScoreEntry[]): Promise<void> {
  if (entries.length) await ctx.redis.hset(ctx.keys.runScores(run.id), ...StateStore.scoreFields(entries));
}

/**
 * Writes one batch of updates: TAL flips (carried in the job), or changes a run kept for its write
 * step. Records the CRM refused for good are reported by id; retryable ones are tried again by
 * the job's backoff, alone, until the last attempt.
 */
export async function writeBatch(job: Job<WriteBatchData>, ctx: SyncContext): Promise<{ written: number; failed: number }> {
  const { run, kind } = job.data;
  const adapter = await ctx.adapter(run.crm);
  let updates = job.data.updates;
  if (!updates) {
    const pending = await new ChangeStore(ctx.redis, ctx.keys, run.id).get(kind, job.data.ids ?? []);
    updates = [...pending].map(([id, change]) => ({ id, values: change.values }));
  }
  const { written, retry, failed } = await writeNow(ctx, adapter, job, run, kind, updates);
  // Changes were counted as changed by their batch (TAL flips by the TAL step); written once per record.
  const fresh = job.data.fresh ? new Set(job.data.fresh) : undefined;
  const newlyWritten = fresh ? written.filter((id) => fresh.has(id)).length : written.length;
  const total = (job.data.written ?? 0) + newlyWritten;
  metrics.records.inc({ crm: run.crm, object: kind, outcome: 'written' }, newlyWritten);
  await ctx.runs.recordJob(run.id, job.id ?? job.name, { [`${kind}.written`]: total });
  if (retry.length) {
    await job.updateData({ ...job.data, updates: retry, ids: undefined, written: total });
    throw new EngineError('RETRY_PENDING', `${retry.length} ${kind} not written yet (retryable errors); retrying them`);
  }
  return { written: written.length, failed: failed.length };
}

/** The ids of a parked company page (for a final failure's report). */
export async function parkedIds(ctx: SyncContext, data: CompanyBatchData): Promise<string[]> {
  if (!data.page) return [];
  const raw = await ctx.redis.get(ctx.keys.runPage(data.run.id, data.page));
  return raw ? parkedRecords(raw).map((r) => r.id) : [];
}
