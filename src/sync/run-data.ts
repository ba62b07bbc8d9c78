import type { ContactRecord, CrmName, IdRange, ObjectKind, RecordUpdate } from '../crm/adapter';
import type { PackedRecords } from './record-codec';
import type { RunRef } from './run-ref';
import type { RunMode } from './run-store';

export type Step = 'start' | 'read' | 'companies' | 'tal' | 'write' | 'finish';

/** One list cursor of a run: a slice of one object's id space, read page by page. */
export interface Reader {
  kind: ObjectKind;
  range?: IdRange;
  cursor?: string;
  page: number;
  done: boolean;
}

/** The orchestrator job's data: what was asked, then where the run stands (a retry resumes there). */
export interface SyncRunData {
  crm: CrmName;
  mode: RunMode;
  dryRun?: boolean;
  force?: boolean;
  /** Rescore: these companies (else the ids waiting in the CRM's rescore set). */
  companyIds?: string[];
  /** Set by the job scheduler: scheduled incrementals skip when another run of the CRM is going. */
  scheduled?: boolean;
  /** The configuration to score with (saved in Redis by whoever enqueued the run); the worker's own when unset. */
  modelVersion?: string;
  step?: Step;
  readers?: Reader[];
  run?: RunRef;
}

/** Set by a batch job whose writes partly failed with retryable errors: the next attempt writes only these. */
export interface BatchProgress {
  retry?: RecordUpdate[];
  /** The job's counts so far (read, changed, written...), carried on by the retry. */
  counts?: Record<string, number>;
}

export interface ContactBatchData extends BatchProgress {
  run: RunRef;
  /** The batch's contacts (record-codec.ts). */
  contacts?: PackedRecords;
  /** The same as objects: jobs enqueued by versions before the codec. */
  records?: ContactRecord[];
}

export interface CompanyBatchData extends BatchProgress {
  run: RunRef;
  /** A page parked while the contacts were read (its key under the run), or ids to read. */
  page?: string;
  ids?: string[];
}

export interface WriteBatchData {
  run: RunRef;
  kind: ObjectKind;
  /** Pending changes by id (runs that defer writes), or the updates themselves (TAL flips). */
  ids?: string[];
  updates?: RecordUpdate[];
  /** Of `updates`, those no earlier step of the run has counted as changed. */
  fresh?: string[];
  /** Written so far by earlier attempts (a partial retry carries on counting). */
  written?: number;
}
