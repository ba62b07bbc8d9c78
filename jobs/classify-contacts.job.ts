import type { Job } from 'bullmq';
import type { ContactRecord } from '../src/crm/adapter';
import { metrics } from '../src/metrics';
import { ChangeStore, before, type Change } from '../src/sync/changes';
import type { SyncContext } from '../src/sync/context';
import { diffProperties } from '../src/sync/diff';
import type { RunRef } from '../src/sync/run-ref';
import { writesState } from '../src/sync/run-ref';
import { StateStore } from '../src/sync/state-store';

export interface ClassifyContactsData {
  run: RunRef;
  records: ContactRecord[];
}

/**
 * Classifies a batch of contacts (seniority, function, persona, buying role), queues the values
 * that differ from the CRM's, and records each contact's persona under its company for coverage.
 */
export async function classifyContactsJob(job: Job<ClassifyContactsData>, ctx: SyncContext): Promise<{ read: number; changed: number }> {
  const { run, records } = job.data;
  const adapter = await ctx.adapter(run.crm);
  const changes = new Map<string, Change>();
  const personas: Array<{ id: string; companyId: string | null; persona: string }> = [];

  for (const contact of records) {
    const result = ctx.classify(contact.jobTitle, contact.department);
    personas.push({ id: contact.id, companyId: contact.companyId, persona: result.persona });
    const values = adapter.contactValues(result, contact.current);
    const diff = diffProperties(values, contact.current, adapter.scoredAtProperty, run.force);
    if (diff) changes.set(contact.id, { values: diff, before: before(contact.current, diff) });
  }

  await new ChangeStore(ctx.redis, ctx.keys, run.id).put('contacts', changes);
  if (writesState(run)) {
    // An incremental run re-scores the companies whose contacts' personas changed.
    const dirtyKey = run.mode === 'incremental' ? ctx.keys.runDirty(run.id) : undefined;
    await new StateStore(ctx.redis, ctx.keys, run.crm, run.generation).assignPersonas(personas, dirtyKey);
  }
  await ctx.runs.recordJob(run.id, job.id ?? job.name, { 'contacts.read': records.length });
  metrics.records.inc({ crm: run.crm, object: 'contacts', outcome: 'read' }, records.length);
  metrics.records.inc({ crm: run.crm, object: 'contacts', outcome: 'changed' }, changes.size);
  return { read: records.length, changed: changes.size };
}
