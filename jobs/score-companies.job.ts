import type { Job } from 'bullmq';
import type { CompanyRecord } from '../src/crm/adapter';
import { metrics } from '../src/metrics';
import { reasonsText } from '../src/scoring/icp';
import { ChangeStore, before, type Change } from '../src/sync/changes';
import type { SyncContext } from '../src/sync/context';
import { personaCoverage } from '../src/sync/coverage';
import { diffProperties, sameValue } from '../src/sync/diff';
import { writesState, type RunRef } from '../src/sync/run-ref';
import { StateStore, type ScoreEntry } from '../src/sync/state-store';

export interface ScoreCompaniesData {
  run: RunRef;
  /** Records read while paging, or ids to read (re-score triggers, coverage changes). */
  records?: CompanyRecord[];
  ids?: string[];
}

/**
 * Scores a batch of companies (fit, tier, reasons, completeness, persona coverage) and queues the
 * values that differ from the CRM's. With tal.maxSize the TAL needs every score: membership is
 * left as the CRM has it here and decided by the run's TAL step.
 */
export async function scoreCompaniesJob(job: Job<ScoreCompaniesData>, ctx: SyncContext): Promise<{ read: number; changed: number }> {
  const { run } = job.data;
  const adapter = await ctx.adapter(run.crm);
  let records = job.data.records ?? [];
  if (job.data.ids?.length) {
    records = await adapter.readCompanies(job.data.ids);
    const found = new Set(records.map((r) => r.id));
    for (const id of job.data.ids) {
      if (!found.has(id)) await ctx.runs.recordFailure(run.id, 'companies', id, `company ${id} not found in ${run.crm}`);
    }
  }

  const state = new StateStore(ctx.redis, ctx.keys, run.crm, run.generation);
  const personas = await state.personasOf(records.map((r) => r.id));
  const ranked = ctx.config.icp.tal?.maxSize !== undefined;
  const scoredAt = new Date().toISOString();
  const changes = new Map<string, Change>();
  const entries: ScoreEntry[] = [];
  const counts: Record<string, number> = { 'companies.read': records.length };

  for (const company of records) {
    const result = ctx.score(company.fields);
    const currentTal = sameValue(true, company.current[adapter.talProperty] ?? null);
    const tal = ranked ? currentTal : ctx.tal.qualifies({ ...result, domain: company.fields.domain });
    const coverage = personaCoverage(ctx.keyPersonas, personas.get(company.id) ?? []);
    const values = adapter.companyValues({
      score: result.score,
      tier: result.tier,
      tal,
      reasons: reasonsText(result.reasons),
      completeness: result.completeness,
      scoredAt,
      modelVersion: ctx.config.modelVersion,
      personaCoverage: coverage.percent,
      personasMissing: coverage.missing,
    });
    const diff = diffProperties(values, company.current, adapter.scoredAtProperty, run.force);
    if (diff) changes.set(company.id, { values: diff, before: before(company.current, diff) });
    entries.push({ id: company.id, score: result.score, completeness: result.completeness, tier: result.tier, domain: company.fields.domain, tal });
    counts[`tier.${result.tier}`] = (counts[`tier.${result.tier}`] ?? 0) + 1;
  }

  await new ChangeStore(ctx.redis, ctx.keys, run.id).put('companies', changes);
  if (writesState(run)) await state.saveScores(entries);
  await ctx.runs.recordJob(run.id, job.id ?? job.name, counts);
  metrics.records.inc({ crm: run.crm, object: 'companies', outcome: 'read' }, records.length);
  metrics.records.inc({ crm: run.crm, object: 'companies', outcome: 'changed' }, changes.size);
  return { read: records.length, changed: changes.size };
}
