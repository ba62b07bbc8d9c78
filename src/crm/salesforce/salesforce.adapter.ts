import type { SalesforceConfig } from '../../config/crm.schema';
import { CrmError } from '../crm.error';
import type {
  BulkWriter,
  CompanyRecord,
  CompanyScores,
  ContactRecord,
  ContactScores,
  CrmAdapter,
  DealPageRequest,
  DealRecord,
  ObjectKind,
  Page,
  PageRequest,
  Properties,
  PropertyValue,
  RecordUpdate,
  WriteResult,
} from '../adapter';
import { companyProperties, contactProperties, propertyDefinitions, SCORED_AT } from '../properties';
import { isBulkCursor, readBulkPage, startBulkQuery } from './salesforce.bulk';
import type { SalesforceClient } from './salesforce.client';
import { SalesforceBulkWriter } from './salesforce.ingest';
import { setupSalesforce } from './salesforce.setup';
import { toDeal } from '../../validate/records';

/** sObject Collections take at most 200 records per call. */
const COLLECTION_SIZE = 200;
/** Ids per `WHERE Id IN (...)` read, to keep the query URL short. */
const READ_IDS = 200;
const RETRYABLE = new Set(['UNABLE_TO_LOCK_ROW']);

const SOBJECT: Record<ObjectKind, 'Account' | 'Contact'> = { companies: 'Account', contacts: 'Contact' };
const DEFINITIONS = propertyDefinitions([]);
/** Neutral (HubSpot) property name -> Salesforce field API name. */
const FIELD = Object.fromEntries(DEFINITIONS.map((d) => [d.name, d.salesforce]));
const OUR_FIELDS: Record<ObjectKind, string[]> = {
  companies: DEFINITIONS.filter((d) => d.object === 'companies').map((d) => d.salesforce),
  contacts: DEFINITIONS.filter((d) => d.object === 'contacts').map((d) => d.salesforce),
};

type SObjectRow = Record<string, unknown> & { Id: string; SystemModstamp?: string };
interface QueryResult {
  totalSize: number;
  done: boolean;
  records: SObjectRow[];
  nextRecordsUrl?: string;
}
interface SaveResult {
  id?: string;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields?: string[] }>;
}

/** SOQL datetime literal: one-second precision, so the instant is floored to its second. */
export function soqlDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** The last record a REST page gave, in the query's order (SystemModstamp, Id). */
interface Position {
  stamp: string;
  id: string;
}

const REST_PREFIX = 'rest:';

/**
 * A REST cursor: the nextRecordsUrl and the position reached, so that an expired query locator
 * (INVALID_QUERY_LOCATOR: about 15 minutes idle, or more than 10 open cursors) can be replaced by
 * a query for the records after it. A bare nextRecordsUrl (cursors saved before) has no position.
 */
function encodeRestCursor(url: string, last: SObjectRow): string {
  return last.SystemModstamp ? `${REST_PREFIX}${last.SystemModstamp},${last.Id},${url}` : url;
}

function decodeRestCursor(cursor: string): { url: string; after?: Position } {
  if (!cursor.startsWith(REST_PREFIX)) return { url: cursor };
  const [stamp, id, ...url] = cursor.slice(REST_PREFIX.length).split(',');
  if (!ID.test(id) || Number.isNaN(Date.parse(stamp))) throw new CrmError('VALIDATION', `not a Salesforce query cursor: ${cursor}`);
  return { url: url.join(','), after: { stamp, id } };
}

function renameKeys(values: Record<string, PropertyValue>): Properties {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [FIELD[name] ?? name, value]));
}

/** A value as read: REST gives typed JSON, Bulk CSV gives strings with "" for null. */
function readValue(value: unknown): PropertyValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * Salesforce behind the CrmAdapter port: SOQL paging through REST query cursors, Bulk API 2.0
 * above `bulkThreshold`, sObject Collections writes matched by position, setup through the Tooling
 * API. Property names are Salesforce field API names (ICP_Fit_Score__c...).
 */
export class SalesforceAdapter implements CrmAdapter {
  readonly crm = 'salesforce';
  readonly batchSize = COLLECTION_SIZE;
  /** SystemModstamp has one-second precision and SOQL reads it without lag. */
  readonly incrementalOverlapMs = 1000;
  readonly scoredAtProperty = FIELD[SCORED_AT];
  readonly talProperty = FIELD.icp_tal;
  readonly bulk: BulkWriter;
  private readonly accountFields: string[];
  private readonly contactFields: string[];
  /** The same without our fields, for reads that must work before setup (validate). */
  private readonly inputFields: Record<ObjectKind, string[]>;

  constructor(
    private readonly client: SalesforceClient,
    private readonly config: SalesforceConfig,
  ) {
    const unique = (names: string[]) => [...new Set(names)];
    this.accountFields = unique(['Id', ...Object.values(config.account), 'SystemModstamp', ...OUR_FIELDS.companies]);
    this.contactFields = unique(['Id', config.contact.jobTitle, config.contact.department, 'AccountId', 'SystemModstamp', ...OUR_FIELDS.contacts]);
    this.inputFields = {
      companies: this.accountFields.filter((f) => !OUR_FIELDS.companies.includes(f)),
      contacts: this.contactFields.filter((f) => !OUR_FIELDS.contacts.includes(f)),
    };
    this.bulk = new SalesforceBulkWriter(client, SOBJECT, config.bulkThreshold);
  }

  private current(row: Record<string, unknown>, kind: ObjectKind): Properties {
    return Object.fromEntries(OUR_FIELDS[kind].map((name) => [name, readValue(row[name])]));
  }

  private toCompany(row: SObjectRow): CompanyRecord {
    const map = this.config.account;
    const value = (name: string) => readValue(row[name]);
    return {
      id: row.Id,
      fields: {
        id: row.Id,
        name: value(map.name),
        domain: value(map.domain),
        industry: value(map.industry),
        annualRevenue: value(map.annualRevenue),
        employees: value(map.employees),
        country: value(map.country),
        technologies: value(map.technologies),
      },
      current: this.current(row, 'companies'),
    };
  }

  private toContact(row: SObjectRow): ContactRecord {
    const text = (name: string) => {
      const v = readValue(row[name]);
      return v === null ? null : String(v);
    };
    return {
      id: row.Id,
      jobTitle: text(this.config.contact.jobTitle),
      department: text(this.config.contact.department),
      companyId: text('AccountId'),
      current: this.current(row, 'contacts'),
    };
  }

  private soql(kind: ObjectKind, since?: Date, after?: Position, inputsOnly = false): string {
    const fields = inputsOnly ? this.inputFields[kind] : kind === 'companies' ? this.accountFields : this.contactFields;
    const conditions: string[] = [];
    if (since) conditions.push(`SystemModstamp >= ${soqlDateTime(since)}`);
    if (after) {
      const stamp = soqlDateTime(new Date(after.stamp));
      conditions.push(`(SystemModstamp > ${stamp} OR (SystemModstamp = ${stamp} AND Id > '${after.id}'))`);
    }
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    return `SELECT ${fields.join(', ')} FROM ${SOBJECT[kind]}${where} ORDER BY SystemModstamp, Id`;
  }

  /**
   * One page of records. REST first: the first page tells the total; above `bulkThreshold` the
   * rest is read through a Bulk API 2.0 query job instead (its records are dropped, one call, so
   * that each record comes once). The cursor is a REST cursor (encodeRestCursor) or
   * `bulk2:<job>:<locator>`. An expired REST cursor is replaced by a query from where it stood.
   */
  private async page(kind: ObjectKind, request: PageRequest): Promise<{ rows: SObjectRow[]; next?: string }> {
    const what = `${SOBJECT[kind]} records${request.since ? ` modified since ${soqlDateTime(request.since)}` : ''}`;
    if (!request.cursor) return this.firstPage(kind, what, request.since, undefined, request.inputsOnly);
    if (isBulkCursor(request.cursor)) {
      const { rows, next } = await readBulkPage(this.client, request.cursor, what);
      return { rows: rows as SObjectRow[], next };
    }
    const { url, after } = decodeRestCursor(request.cursor);
    try {
      return this.restPage(await this.client.json<QueryResult>(url, `reading ${what}`));
    } catch (err) {
      if (!(err instanceof CrmError && err.code === 'NOT_FOUND' && after)) throw err;
      return this.firstPage(kind, what, request.since, after, request.inputsOnly);
    }
  }

  private async firstPage(kind: ObjectKind, what: string, since?: Date, after?: Position, inputsOnly?: boolean): Promise<{ rows: SObjectRow[]; next?: string }> {
    const soql = this.soql(kind, since, after, inputsOnly);
    const result = await this.client.json<QueryResult>(`/query?q=${encodeURIComponent(soql)}`, `reading ${what}`);
    if (result.totalSize > this.config.bulkThreshold && !result.done) {
      return { rows: [], next: await startBulkQuery(this.client, soql, what) };
    }
    return this.restPage(result);
  }

  private restPage(result: QueryResult): { rows: SObjectRow[]; next?: string } {
    const last = result.records.at(-1);
    if (result.done || !result.nextRecordsUrl || !last) return { rows: result.records };
    return { rows: result.records, next: encodeRestCursor(result.nextRecordsUrl, last) };
  }

  async pageCompanies(request: PageRequest): Promise<Page<CompanyRecord>> {
    const { rows, next } = await this.page('companies', request);
    return { records: rows.map((row) => this.toCompany(row)), next };
  }

  async pageContacts(request: PageRequest): Promise<Page<ContactRecord>> {
    const { rows, next } = await this.page('contacts', request);
    return { records: rows.map((row) => this.toContact(row)), next };
  }

  /**
   * Closed Opportunities by SOQL, from the day of `closedSince` (CloseDate is a date), 2,000 per
   * REST page; the cursor is the query's nextRecordsUrl. The company is the AccountId.
   */
  async pageClosedDeals(request: DealPageRequest): Promise<Page<DealRecord>> {
    const day = request.closedSince.toISOString().slice(0, 10);
    const soql = `SELECT Id, AccountId, IsClosed, IsWon, Amount, CloseDate FROM Opportunity WHERE IsClosed = true AND CloseDate >= ${day}`;
    const url = request.cursor ?? `/query?q=${encodeURIComponent(soql)}`;
    const result = await this.client.json<QueryResult>(url, 'reading closed opportunities');
    // CloseDate is a date: midnight UTC. AccountId is the company.
    const records = result.records.map((row) => toDeal(row) as DealRecord);
    return { records, next: result.done ? undefined : result.nextRecordsUrl };
  }

  async readCompanies(ids: string[]): Promise<CompanyRecord[]> {
    // Anything but a record id is not found (and never reaches the SOQL text).
    const valid = [...new Set(ids.filter((id) => ID.test(id)))];
    const out: CompanyRecord[] = [];
    for (let i = 0; i < valid.length; i += READ_IDS) {
      const chunk = valid.slice(i, i + READ_IDS);
      const soql = `SELECT ${this.accountFields.join(', ')} FROM Account WHERE Id IN (${chunk.map((id) => `'${id}'`).join(', ')})`;
      const result = await this.client.json<QueryResult>(`/query?q=${encodeURIComponent(soql)}`, `reading ${chunk.length} accounts by id`);
      out.push(...result.records.map((row) => this.toCompany(row)));
    }
    return out;
  }

  companyValues(scores: CompanyScores): Properties {
    return renameKeys(companyProperties(scores));
  }

  contactValues(scores: ContactScores): Properties {
    return renameKeys(contactProperties(scores));
  }

  talValues(tal: boolean): Properties {
    return { [this.talProperty]: tal };
  }

  /**
   * sObject Collections update, allOrNone false. Results come back in input order and a failed one
   * carries no id: they are matched by position. UNABLE_TO_LOCK_ROW is worth retrying; other
   * record errors are not. A call-level error (an unknown field, a wrongly typed value) rejects
   * the whole call: VALIDATION, and the engine splits the batch.
   */
  async update(kind: ObjectKind, updates: RecordUpdate[]): Promise<WriteResult[]> {
    const out: WriteResult[] = [];
    for (let i = 0; i < updates.length; i += COLLECTION_SIZE) {
      const chunk = updates.slice(i, i + COLLECTION_SIZE);
      const records = chunk.map((u) => ({ attributes: { type: SOBJECT[kind] }, id: u.id, ...u.values }));
      const results = await this.client.json<SaveResult[]>(
        { method: 'PATCH', url: '/composite/sobjects', body: JSON.stringify({ allOrNone: false, records }), headers: { 'content-type': 'application/json' } },
        `updating ${chunk.length} ${SOBJECT[kind]} records`,
      );
      chunk.forEach((u, j) => {
        const result = results[j];
        if (result?.success) return out.push({ id: u.id, ok: true });
        const errors = result?.errors ?? [];
        out.push({
          id: u.id,
          ok: false,
          error: {
            message: errors.length ? errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ') : 'not in the Salesforce response',
            retryable: !result || (errors.length > 0 && errors.every((e) => RETRYABLE.has(e.statusCode))),
          },
        });
      });
    }
    return out;
  }

  setup(options: { personas: Array<{ id: string; label: string }>; lists: boolean }) {
    return setupSalesforce(this.client, options.personas, options.lists);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
