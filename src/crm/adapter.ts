import type { CompanyInput } from '../scoring/icp';
import type { CrmConfig } from '../config/crm.schema';
import type { DealInput } from '../validate/types';

export type CrmName = 'hubspot' | 'salesforce';
export const CRM_NAMES: readonly CrmName[] = ['hubspot', 'salesforce'];

/** A value as written to or read from a CRM property. */
export type PropertyValue = string | number | boolean | null;
export type Properties = Record<string, PropertyValue>;

/** Everything the engine decides for a company, in CRM-neutral terms. */
export interface CompanyScores {
  score: number;
  tier: string;
  tal: boolean;
  reasons: string;
  completeness: number;
  scoredAt: string;
  modelVersion: string;
  personaCoverage: number;
  personasMissing: string;
}

/** Everything the engine decides for a contact. */
export interface ContactScores {
  persona: string;
  seniority: string;
  function: string;
  buyingRole: string;
}

export interface CompanyRecord {
  id: string;
  fields: CompanyInput;
  /** Our properties as the CRM holds them now (CRM names), for the diff. */
  current: Properties;
}

export interface ContactRecord {
  id: string;
  jobTitle: string | null;
  department: string | null;
  companyId: string | null;
  current: Properties;
}

export interface Page<T> {
  records: T[];
  /** Opaque cursor for the next page; undefined at the end. */
  next?: string;
}

/** A slice of an object's id space, as the CRM orders ids: `from` included, `to` excluded; open ends when unset. */
export interface IdRange {
  from?: string;
  to?: string;
}

export interface PageRequest {
  /** Only records modified at or after this instant (incremental runs); undefined for all. */
  since?: Date;
  cursor?: string;
  /** Full listing only: the records of this slice (see `partitions`). */
  range?: IdRange;
  /**
   * Only the fields scoring and classification read, not our icp_* properties: for read-only
   * uses (validate) that must work before `setup` created them; `current` then holds nulls.
   */
  inputsOnly?: boolean;
}

export interface DealPageRequest {
  /** Only deals closed on or after this day (the adapter may return more; validation filters exactly). */
  closedSince: Date;
  cursor?: string;
}

/** A closed deal with the company it counts for (DESIGN.md "ICP validation semantics"). */
export type DealRecord = DealInput;

export interface RecordUpdate {
  id: string;
  values: Properties;
}

export interface WriteResult {
  id: string;
  ok: boolean;
  /** Why it failed; `retryable` failures are tried again by the engine. */
  error?: { message: string; retryable: boolean };
}

export type ObjectKind = 'companies' | 'contacts';

/** Where a bulk write job stands: `open` until its upload is closed, `failed` also when aborted. */
export interface BulkJobStatus {
  id: string;
  state: 'open' | 'running' | 'complete' | 'failed';
  /** Records processed so far, and how many of them failed. */
  processed: number;
  failed: number;
  message?: string;
}

/**
 * Optional capability: asynchronous bulk writes (Salesforce Bulk API 2.0 ingest). The engine owns
 * the loop: it cuts the records into uploads with `fits`, creates and uploads each job once,
 * waits through the queue between `status` checks (nothing here waits) and counts the results.
 */
export interface BulkWriter {
  /** Above this many changed records of one kind, the engine writes them through bulk jobs. */
  readonly threshold: number;
  /** How many of `updates`, from the first, fit in one upload (at least one). */
  fits(updates: RecordUpdate[]): number;
  /** Creates an empty job; nothing is written until `upload`. Returns its id. */
  create(kind: ObjectKind): Promise<string>;
  /** Sends the records of a job created by `create` (once per job) and closes it for processing. */
  upload(jobId: string, updates: RecordUpdate[]): Promise<void>;
  status(jobId: string): Promise<BulkJobStatus>;
  /**
   * What the CRM reports per record for a finished job: written, failed (`retryable` for row
   * locks) or not processed (retryable). Records it does not mention are the engine's to retry.
   */
  results(status: BulkJobStatus): Promise<WriteResult[]>;
  /** Abandons a job that was never closed (its upload may or may not have arrived). */
  abort(jobId: string): Promise<void>;
}

/** What `setup` did: the properties or fields created or updated, empty when all was in place. */
export interface SetupReport {
  created: string[];
  updated: string[];
  lists: string[];
}

/**
 * The port between the sync engine and a CRM. Batch-shaped: the engine owns the loop, chunking,
 * diffing and counting; an adapter only translates to and from the wire. Every method throws
 * CrmError, nothing else.
 */
export interface CrmAdapter {
  readonly crm: CrmName;
  /** Records per write call (HubSpot 100, Salesforce 200) and per fan-out batch. */
  readonly batchSize: number;
  /**
   * Optional: cuts an object's id space into about `count` slices of similar size, so several
   * cursors list it at once (each `pageCompanies`/`pageContacts` with its `range`). The slices
   * cover every id whatever the estimate: the first has no `from`, the last no `to`.
   */
  partitions?(kind: ObjectKind, count: number): Promise<IdRange[]>;
  pageCompanies(request: PageRequest): Promise<Page<CompanyRecord>>;
  pageContacts(request: PageRequest): Promise<Page<ContactRecord>>;
  readCompanies(ids: string[]): Promise<CompanyRecord[]>;
  /**
   * Closed deals (HubSpot deals, Salesforce Opportunities), read-only, for `validate`: the company
   * is HubSpot's primary deal-to-company association (else the first), Salesforce's AccountId.
   */
  pageClosedDeals(request: DealPageRequest): Promise<Page<DealRecord>>;
  /** CRM property values for our scores (mirror properties included when configured). */
  companyValues(scores: CompanyScores): Properties;
  /** `current` lets an adapter merge into values people also set by hand (HubSpot's multi-select buying role). */
  contactValues(scores: ContactScores, current?: Properties): Properties;
  /** The values that follow TAL membership alone (the run-level TAL step writes only these). */
  talValues(tal: boolean): Properties;
  /** The property that holds TAL membership (in `current` and in the values of `talValues`). */
  readonly talProperty: string;
  /**
   * How far before the last successful run's start an incremental run reads again: the CRM's
   * date precision, and how long its search index may lag behind writes.
   */
  readonly incrementalOverlapMs: number;
  /** The property that holds the scoring time: written with every change, never a reason to write. */
  readonly scoredAtProperty: string;
  update(kind: ObjectKind, updates: RecordUpdate[]): Promise<WriteResult[]>;
  /** Bulk writes for large runs, when the CRM has them. */
  readonly bulk?: BulkWriter;
  /** Creates or updates our properties (idempotent); `lists` also creates the list views. */
  setup(options: { personas: Array<{ id: string; label: string }>; lists: boolean }): Promise<SetupReport>;
  close(): Promise<void>;
}

export interface AdapterContext {
  config: CrmConfig;
  /** Called for every HTTP request with its status (0 = network error), for run stats and metrics. */
  onApiCall?: (status: number) => void;
}
