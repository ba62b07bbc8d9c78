import type { HubSpotConfig } from '../../config/crm.schema';
import type {
  CompanyRecord,
  CompanyScores,
  ContactRecord,
  ContactScores,
  CrmAdapter,
  IdRange,
  DealPageRequest,
  DealRecord,
  ObjectKind,
  Page,
  PageRequest,
  Properties,
  RecordUpdate,
  WriteResult,
} from '../adapter';
import { companyProperties, contactProperties, propertyDefinitions, SCORED_AT } from '../properties';
import type { HubSpotApi, HubSpotObject } from './hubspot.api';
import { CrmError } from '../crm.error';
import { summarizeMessage } from './hubspot.errors';
import { setupHubSpot } from './hubspot.setup';
import { toDeal } from '../../validate/records';
import { chunk } from '../../sync/chunk';

const PAGE_SIZE = 100;
const SEARCH_PAGE_SIZE = 200;
/** The search endpoints return at most 10,000 results per query. */
const SEARCH_CAP = 10_000;
const PRIMARY_CONTACT_TO_COMPANY = 1;
const NUMERIC_ID = /^\d+$/;
/** Below this many pages per cursor, one cursor reads an object as fast as several. */
const MIN_PAGES_PER_PARTITION = 5;
/** HubSpot-defined "Deal with Primary Company" association type (341 is the unlabeled one). */
const PRIMARY_DEAL_TO_COMPANY = 5;
/** Inputs per v4 associations batch read. */
const ASSOCIATION_INPUTS = 1000;
const DEAL_PROPERTIES = ['amount', 'closedate', 'hs_is_closed', 'hs_is_closed_won', 'dealstage', 'pipeline'];

const OUR_COMPANY_PROPERTIES = propertyDefinitions([]).filter((d) => d.object === 'companies').map((d) => d.name);
const OUR_CONTACT_PROPERTIES = propertyDefinitions([]).filter((d) => d.object === 'contacts').map((d) => d.name);

/** Incremental cursor: a search restarts from the last modified date before the 10,000 cap. */
interface SearchCursor {
  from: number;
  after?: string;
}

function toWireValue(value: Properties[string]): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

export class HubSpotAdapter implements CrmAdapter {
  readonly crm = 'hubspot';
  readonly batchSize = PAGE_SIZE;
  readonly scoredAtProperty = SCORED_AT;
  readonly incrementalOverlapMs: number;
  readonly talProperty = 'icp_tal';
  private readonly companyRead: string[];
  private readonly contactRead: string[];
  /** The same without our properties (PageRequest.inputsOnly). */
  private readonly companyInputs: string[];
  private readonly contactInputs: string[];
  /** What `current` holds: the properties a run may write (ours, and the mirrored HubSpot ones), for the diff. */
  private readonly companyCurrent: string[];
  private readonly contactCurrent: string[];
  private readonly mirror: HubSpotConfig['mirror'];

  constructor(
    /** Every HubSpot call, at the configured API version (also used by `validate` for deals). */
    readonly api: HubSpotApi,
    private readonly config: HubSpotConfig,
    /** Released on close (the shared limiters). */
    private readonly resources: Array<{ stop(): Promise<void> }> = [],
  ) {
    this.mirror = config.mirror;
    // HubSpot's search index lags behind writes by seconds, sometimes more.
    this.incrementalOverlapMs = config.incrementalOverlapSeconds * 1000;
    const mirrorCompany = [
      ...(this.mirror.idealCustomerProfile ? ['hs_ideal_customer_profile'] : []),
      ...(this.mirror.targetAccount ? ['hs_is_target_account'] : []),
    ];
    this.companyRead = [...new Set([...Object.values(config.companies), 'hs_lastmodifieddate', ...OUR_COMPANY_PROPERTIES, ...mirrorCompany])];
    this.contactRead = [
      ...new Set([
        config.contacts.jobTitle,
        ...(config.contacts.department ? [config.contacts.department] : []),
        'lastmodifieddate',
        ...OUR_CONTACT_PROPERTIES,
        ...(this.mirror.buyingRole ? ['hs_buying_role'] : []),
      ]),
    ];
    this.companyInputs = this.companyRead.filter((p) => !OUR_COMPANY_PROPERTIES.includes(p));
    this.contactInputs = this.contactRead.filter((p) => !OUR_CONTACT_PROPERTIES.includes(p));
    // Inputs and modification dates stay out: records travel through Redis (parked pages, batch jobs) with their current values.
    this.companyCurrent = [...new Set([...OUR_COMPANY_PROPERTIES, ...mirrorCompany])];
    this.contactCurrent = [...new Set([...OUR_CONTACT_PROPERTIES, ...(this.mirror.buyingRole ? ['hs_buying_role'] : [])])];
  }

  private toCompany(o: HubSpotObject): CompanyRecord {
    const p = o.properties;
    const map = this.config.companies;
    const current: Properties = {};
    for (const name of this.companyCurrent) current[name] = p[name] ?? null;
    return {
      id: o.id,
      fields: {
        id: o.id,
        name: p[map.name],
        domain: p[map.domain],
        industry: p[map.industry],
        annualRevenue: p[map.annualRevenue],
        employees: p[map.employees],
        country: p[map.country],
        technologies: p[map.technologies],
      },
      current,
    };
  }

  private toContact(o: HubSpotObject, companyId: string | null): ContactRecord {
    const p = o.properties;
    const current: Properties = {};
    for (const name of this.contactCurrent) current[name] = p[name] ?? null;
    return {
      id: o.id,
      jobTitle: p[this.config.contacts.jobTitle] ?? null,
      department: this.config.contacts.department ? (p[this.config.contacts.department] ?? null) : null,
      companyId,
      current,
    };
  }

  private async search(kind: ObjectKind, modifiedProperty: string, properties: string[], request: PageRequest & { since: Date }) {
    const cursor: SearchCursor = request.cursor ? JSON.parse(request.cursor) : { from: request.since.getTime() };
    const response = await this.api.searchObjects(
      kind,
      {
        filterGroups: [{ filters: [{ propertyName: modifiedProperty, operator: 'GTE', value: String(cursor.from) }] }],
        sorts: [modifiedProperty],
        properties,
        limit: SEARCH_PAGE_SIZE,
        after: cursor.after,
      },
      `searching ${kind} modified since ${new Date(cursor.from).toISOString()}`,
    );
    const results = response.results;
    const nextAfter = response.paging?.next?.after;
    let next: SearchCursor | undefined;
    if (nextAfter !== undefined) {
      if (Number(nextAfter) + SEARCH_PAGE_SIZE <= SEARCH_CAP) {
        next = { from: cursor.from, after: nextAfter };
      } else {
        // Past the cap: start a new query from the last modified date seen (records sharing that
        // instant come again; jobs are idempotent, so that costs reads, not correctness).
        const last = Date.parse(results[results.length - 1]?.properties[modifiedProperty] ?? '');
        next = { from: Number.isFinite(last) && last > cursor.from ? last : cursor.from + 1 };
      }
    }
    return { results, next: next && JSON.stringify(next) };
  }

  /**
   * Slices of the id space for parallel list cursors, from the lowest and highest ids (two
   * searches sorted by hs_object_id). HubSpot lists in id order and takes an id as `after`.
   */
  async partitions(kind: ObjectKind, count: number): Promise<IdRange[]> {
    // One search when the object is small (its total says one cursor is enough), two otherwise.
    const last = await this.edgeId(kind, 'DESCENDING');
    if (!last || last.total < MIN_PAGES_PER_PARTITION * PAGE_SIZE * count) return [{}];
    const first = await this.edgeId(kind, 'ASCENDING');
    if (!first || last.id - first.id < BigInt(count * PAGE_SIZE)) return [{}];
    return this.slices(first.id, last.id, count);
  }

  private slices(first: bigint, last: bigint, count: number): IdRange[] {
    const step = (last - first + 1n) / BigInt(count);
    const cuts = Array.from({ length: count - 1 }, (_, i) => String(first + step * BigInt(i + 1)));
    const ranges: IdRange[] = cuts.map((to, i) => ({ from: cuts[i - 1], to }));
    ranges.push({ from: cuts.at(-1) });
    return ranges;
  }

  private async edgeId(kind: ObjectKind, direction: 'ASCENDING' | 'DESCENDING'): Promise<{ id: bigint; total: number } | undefined> {
    const response = await this.api.searchObjects(
      kind,
      { filterGroups: [], sorts: [direction === 'ASCENDING' ? 'hs_object_id' : '-hs_object_id'], properties: ['hs_object_id'], limit: 1 },
      `finding the ${direction === 'ASCENDING' ? 'first' : 'last'} ${kind} id`,
    );
    const id = response.results[0]?.id;
    return id && NUMERIC_ID.test(id) ? { id: BigInt(id), total: response.total } : undefined;
  }

  /** A list page cut at the end of its slice: records from `to` on belong to the next cursor. */
  private withinRange<T extends { id: string }>(records: T[], next: string | undefined, range: IdRange | undefined): Page<T> {
    if (!range?.to) return { records, next };
    const to = BigInt(range.to);
    const kept = records.filter((r) => !NUMERIC_ID.test(r.id) || BigInt(r.id) < to);
    const ended = kept.length < records.length || (next !== undefined && NUMERIC_ID.test(next) && BigInt(next) >= to);
    return { records: kept, next: ended ? undefined : next };
  }

  async pageCompanies(request: PageRequest): Promise<Page<CompanyRecord>> {
    if (request.since) {
      const { results, next } = await this.search('companies', 'hs_lastmodifieddate', this.companyRead, { ...request, since: request.since });
      return { records: results.map((o) => this.toCompany(o)), next };
    }
    const after = request.cursor ?? request.range?.from;
    const response = await this.api.listObjects('companies', { properties: request.inputsOnly ? this.companyInputs : this.companyRead, limit: PAGE_SIZE, after });
    return this.withinRange(response.results.map((o) => this.toCompany(o)), response.paging?.next?.after, request.range);
  }

  async pageContacts(request: PageRequest): Promise<Page<ContactRecord>> {
    if (request.since) {
      // Contacts' last-modified property is `lastmodifieddate`, not hs_lastmodifieddate.
      const { results, next } = await this.search('contacts', 'lastmodifieddate', this.contactRead, { ...request, since: request.since });
      const companies = await this.primaryCompanies(results.map((o) => o.id));
      return { records: results.map((o) => this.toContact(o, companies.get(o.id) ?? null)), next };
    }
    const after = request.cursor ?? request.range?.from;
    const response = await this.api.listObjects('contacts', { properties: request.inputsOnly ? this.contactInputs : this.contactRead, associations: ['companies'], limit: PAGE_SIZE, after });
    const records = response.results.map((o) => {
      const links = o.associations?.companies?.results ?? [];
      const primary = links.find((l) => l.type === 'contact_to_company') ?? links[0];
      return this.toContact(o, primary?.id ?? null);
    });
    return this.withinRange(records, response.paging?.next?.after, request.range);
  }

  /** contact id -> its primary company id, through the associations batch read. */
  private async primaryCompanies(contactIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!contactIds.length) return out;
    // Contacts without a company come back in `errors` (NO_ASSOCIATIONS_FOUND): they simply have none.
    const response = await this.api.readAssociations('contacts', 'companies', contactIds);
    for (const result of response.results) {
      const primary = result.to.find((t) => t.associationTypes.some((a) => a.typeId === PRIMARY_CONTACT_TO_COMPANY)) ?? result.to[0];
      if (primary) out.set(String(result.from.id), String(primary.toObjectId));
    }
    return out;
  }

  /**
   * Deals listed 100 a call, up to 1,000 per page (what one v4 associations batch read takes);
   * then, for the closed ones, their companies in that one read: the primary association (type
   * 5), else the first company listed. 1,000 deals cost 11 calls. The list also asks for the
   * companies inline (free), used only where the v4 read is not served.
   */
  async pageClosedDeals(request: DealPageRequest): Promise<Page<DealRecord>> {
    // From the start of that day (UTC), as Salesforce's CloseDate compares.
    const since = Date.parse(request.closedSince.toISOString().slice(0, 10));
    const closed: Array<{ deal: DealRecord; inline?: string }> = [];
    let after = request.cursor;
    for (let listed = 0; listed < ASSOCIATION_INPUTS; listed += PAGE_SIZE) {
      const response = await this.api.listObjects('deals', { properties: DEAL_PROPERTIES, associations: ['companies'], limit: PAGE_SIZE, after });
      for (const o of response.results) {
        // hs_is_closed / hs_is_closed_won, else the closedwon / closedlost stage; amount and closedate as HubSpot gives them.
        const deal = toDeal({ ...o.properties, id: o.id }) as DealRecord;
        if (!deal.closed || (deal.closedAt !== null && deal.closedAt < since)) continue;
        const links = o.associations?.companies?.results ?? [];
        closed.push({ deal, inline: (links.find((l) => l.type === 'deal_to_company') ?? links[0])?.id });
      }
      after = response.paging?.next?.after;
      if (!after) break;
    }
    const companies = await this.dealCompanies(closed.map((c) => c.deal.id));
    const records = closed.map(({ deal, inline }) => ({ ...deal, companyId: (companies ? companies.get(deal.id) : inline) ?? null }));
    return { records, next: after };
  }

  /** deal id -> the company it counts for; undefined when the portal serves no associations batch read. */
  private async dealCompanies(dealIds: string[]): Promise<Map<string, string> | undefined> {
    const out = new Map<string, string>();
    if (!dealIds.length) return out;
    let response;
    try {
      // Deals without a company come back in `errors` (NO_ASSOCIATIONS_FOUND): they simply have none.
      response = await this.api.readAssociations('deals', 'companies', dealIds);
    } catch (err) {
      // A portal (or proxy) without that endpoint for deals: the associations listed with the deals.
      if (err instanceof CrmError && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION')) return undefined;
      throw err;
    }
    for (const result of response.results) {
      const primary = result.to.find((t) => t.associationTypes.some((a) => a.typeId === PRIMARY_DEAL_TO_COMPANY)) ?? result.to[0];
      if (primary) out.set(String(result.from.id), String(primary.toObjectId));
    }
    return out;
  }

  async readCompanies(ids: string[]): Promise<CompanyRecord[]> {
    if (!ids.length) return [];
    // Ids HubSpot no longer has (deleted, merged) come back in `errors`: they are left out.
    // A batch read takes 100 inputs: more ids are read in several calls, at once (the limiter paces them).
    const responses = await Promise.all(chunk(ids, PAGE_SIZE).map((batch) => this.api.readObjects('companies', batch, this.companyRead)));
    return responses.flatMap((response) => response.results.map((o) => this.toCompany(o)));
  }

  companyValues(scores: CompanyScores): Properties {
    const values: Properties = companyProperties(scores);
    if (this.mirror.idealCustomerProfile) values.hs_ideal_customer_profile = scores.tier.startsWith('tier_') ? scores.tier : '';
    return Object.assign(values, this.talValues(scores.tal));
  }

  talValues(tal: boolean): Properties {
    return this.mirror.targetAccount ? { icp_tal: tal, hs_is_target_account: tal } : { icp_tal: tal };
  }

  contactValues(scores: ContactScores, current: Properties = {}): Properties {
    const values: Properties = contactProperties(scores);
    // hs_buying_role is a multi-select reps also set: add our role, never remove theirs, and
    // never write OTHER (a title we cannot read says nothing about the person's role).
    if (this.mirror.buyingRole && scores.buyingRole !== 'OTHER') {
      const roles = String(current.hs_buying_role ?? '').split(';').filter(Boolean);
      values.hs_buying_role = roles.includes(scores.buyingRole) ? roles.join(';') : [...roles, scores.buyingRole].join(';');
    }
    return values;
  }

  async update(kind: ObjectKind, updates: RecordUpdate[]): Promise<WriteResult[]> {
    if (!updates.length) return [];
    const inputs = updates.map((u) => {
      const properties: Record<string, string> = {};
      for (const key in u.values) properties[key] = toWireValue(u.values[key]);
      return { id: u.id, properties };
    });
    let response: Awaited<ReturnType<HubSpotApi['updateObjects']>>;
    try {
      response = await this.api.updateObjects(kind, inputs);
    } catch (err) {
      // A batch refused with 400 for records it names (a 2026-09 validation rule, a bad value):
      // those fail with HubSpot's message, the others go again at once, without splitting.
      const named = err instanceof CrmError && err.code === 'VALIDATION' ? new Set(err.details.recordIds ?? []) : new Set<string>();
      const rest = updates.filter((u) => !named.has(u.id));
      if (rest.length === updates.length) throw err;
      const failed = updates.filter((u) => named.has(u.id)).map((u): WriteResult => ({ id: u.id, ok: false, error: { message: (err as CrmError).message, retryable: false } }));
      return [...failed, ...(await this.update(kind, rest))];
    }
    // A 207 (numbered versions, 2026-03) or, since 2026-09, a 200 may carry per-record `errors`:
    // e.g. a portal's property validation rule (VALIDATION_ERROR), named by id with HubSpot's message.
    // Results come back in any order: match them by id.
    const done = new Set(response.results.map((r) => String(r.id)));
    const failed = new Map<string, WriteResult['error']>();
    for (const error of response.errors ?? []) {
      const ids = [...(error.context?.ids ?? []), ...(error.context?.id ?? [])];
      const retryable = !['VALIDATION_ERROR', 'OBJECT_NOT_FOUND', 'INVALID_INPUT'].includes(error.category);
      for (const id of ids) failed.set(String(id), { message: `${error.category}: ${summarizeMessage(error.message)}`, retryable });
    }
    return updates.map(({ id }) => {
      if (done.has(id)) return { id, ok: true };
      return { id, ok: false, error: failed.get(id) ?? { message: 'not in HubSpot batch response', retryable: true } };
    });
  }

  setup(options: { personas: Array<{ id: string; label: string }>; lists: boolean }) {
    return setupHubSpot(this.api, options.personas, options.lists);
  }

  async close(): Promise<void> {
    await Promise.all(this.resources.map((r) => r.stop()));
  }
}
