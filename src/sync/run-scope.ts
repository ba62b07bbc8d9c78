import type { CrmName } from '../crm/adapter';

/**
 * Which run the API calls a process makes on a CRM belong to, so calls made deep in an SDK are
 * counted on it. A CRM has one run going at a time (the run lock), so the run of the jobs active
 * on its adapter is the one: tracked per CRM by the processor (the most recently entered when a
 * run's last jobs overlap the next run's first), instead of an AsyncLocalStorage, whose promise
 * hooks Node 20 runs on every promise of the process.
 */
export class RunScopes {
  private readonly active = new Map<CrmName, Map<string, number>>();

  /** A job of `runId` starts on `crm`; call the result when it ends. */
  enter(crm: CrmName, runId: string): () => void {
    let runs = this.active.get(crm);
    if (!runs) this.active.set(crm, (runs = new Map()));
    const count = runs.get(runId) ?? 0;
    // Most recent last.
    runs.delete(runId);
    runs.set(runId, count + 1);
    return () => {
      const left = (runs.get(runId) ?? 1) - 1;
      if (left > 0) runs.set(runId, left);
      else runs.delete(runId);
    };
  }

  /** The run API calls on `crm` are counted on now, if any. */
  current(crm: CrmName): string | undefined {
    let last: string | undefined;
    for (const runId of this.active.get(crm)?.keys() ?? []) last = runId;
    return last;
  }
}
