import type { CrmName } from '../crm/adapter';
import type { RunMode } from './run-store';

/** What each batch job needs to know about its run (carried in the job data, no lookup). */
export interface RunRef {
  id: string;
  crm: CrmName;
  mode: RunMode;
  force: boolean;
  dryRun: boolean;
  generation: string;
  /** Incremental runs: records modified at or after this instant (ISO). */
  since?: string;
  /** The configuration the run is scored with, whichever worker takes its jobs. */
  modelVersion: string;
  /** Changes wait for the run's write step (bulk writes, for CRMs that have them) instead of being written by their batch. */
  deferWrites?: boolean;
}

/** A dry run keeps state only in its own throw-away generation (full runs). */
export function writesState(run: RunRef): boolean {
  return !run.dryRun || run.mode === 'full';
}
