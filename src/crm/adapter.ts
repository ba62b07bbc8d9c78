import type { CompanyInput } from '../scoring/icp';
import type { CrmConfig } from '../config/crm.schema';

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

export interface PageRequest {
  /** Only records modified at or after this instant (incremental runs); undefined for all. */
  since?: Date;
  cursor?: string;
}

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
  pageCompanies(request: PageRequest): Promise<Page<CompanyRecord>>;
  pageContacts(request: PageRequest): Promise<Page<ContactRecord>>;
  readCompanies(ids: string[]): Promise<CompanyRecord[]>;
  /** CRM property values for our scores (mirror properties included when configured). */
  companyValues(scores: CompanyScores): Properties;
  contactValues(scores: ContactScores): Properties;
  /** The values that follow TAL membership alone (the run-level TAL step writes only these). */
  talValues(tal: boolean): Properties;
  /** The property that holds TAL membership (in `current` and in the values of `talValues`). */
  readonly talProperty: string;
  /** The property that holds the scoring time: written with every change, never a reason to write. */
  readonly scoredAtProperty: string;
  update(kind: ObjectKind, updates: RecordUpdate[]): Promise<WriteResult[]>;
  /** Creates or updates our properties (idempotent); `lists` also creates the list views. */
  setup(options: { personas: Array<{ id: string; label: string }>; lists: boolean }): Promise<SetupReport>;
  close(): Promise<void>;
}

export interface AdapterContext {
  config: CrmConfig;
  /** Called for every HTTP request with its status (0 = network error), for run stats and metrics. */
  onApiCall?: (status: number) => void;
}
