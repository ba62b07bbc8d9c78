import { Client } from '@hubspot/api-client';
import type { HubSpotApiVersion } from '../../config/crm.schema';
import { logger } from '../../log';
import type { RequestLimiter } from '../../queue/limiter';
import { CrmError } from '../crm.error';
import { toCrmError } from './hubspot.errors';

/** The CRM objects icp-sync reads or writes (deals: read by `validate`). */
export type HubSpotObjectType = 'companies' | 'contacts' | 'deals';

export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

/** A failed input of a batch call (`errors[]`: on a 207, or on a 200 since 2026-09). */
export interface HubSpotBatchError {
  status?: string;
  category: string;
  subCategory?: unknown;
  message: string;
  context?: Record<string, string[]>;
  errors?: Array<{ message: string; code?: string; context?: Record<string, string[]> }>;
}

export interface BatchResponse<T> {
  status: string;
  results: T[];
  errors?: HubSpotBatchError[];
  numErrors?: number;
}

export interface Paged<T> {
  results: T[];
  paging?: { next?: { after: string } };
}

export interface SearchRequest {
  filterGroups: Array<{ filters: Array<{ propertyName: string; operator: string; value?: string }> }>;
  /** Property names, "-name" for descending (the dated specs type sorts as strings). */
  sorts: string[];
  properties: string[];
  limit: number;
  after?: string;
}

export interface AssociationResult {
  from: { id: string };
  to: Array<{ toObjectId: string | number; associationTypes: Array<{ category: string; typeId: number; label?: string | null }> }>;
}

export interface HubSpotProperty {
  name: string;
  type: string;
  options: Array<{ label: string; value: string; displayOrder?: number; hidden: boolean }>;
}

export interface HubSpotApiOptions {
  accessToken: string;
  basePath: string;
  apiVersion: HubSpotApiVersion;
  /** The account's shared request budget; learns HubSpot's own from every response. */
  limiter?: RequestLimiter;
  /** The search endpoints' own budget (5 per second per account). */
  searchLimiter?: RequestLimiter;
  /** Share of the portal's daily limit left untouched: DAILY_LIMIT before sending past it. */
  dailyReserve?: number;
  onApiCall?: (status: number) => void;
  retry?: Partial<RetryPolicy>;
}

export interface RetryPolicy {
  /** Tries per request, the first included, before the error reaches the job. */
  attempts: number;
  /** Backoff of the first retry of a 5xx / timeout; doubles each time, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A first attempt that has not answered by then is abandoned and retried; each retry waits
   * twice as long, up to timeoutMs. HubSpot's CRM calls answer in a second or two: a hung one
   * costs seconds, not the half minute of a gateway timeout, and a slow one still gets through.
   */
  firstTimeoutMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 300, maxDelayMs: 10_000, firstTimeoutMs: 5_000, timeoutMs: 30_000 };

interface RequestOptions {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  qs?: Array<[string, string]>;
  body?: unknown;
  /** What the request does, for error messages ("listing companies"). */
  what: string;
  search?: boolean;
}

interface Failure {
  error: CrmError;
  /** Retry-After, when HubSpot sent one. */
  retryAfterMs?: number;
  /** A 429's policyName: TEN_SECONDLY_ROLLING, SECONDLY (search), DAILY. */
  policy?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Between half and all of `ms`: retries of many workers do not come back in step. */
const jitter = (ms: number) => Math.round(ms / 2 + Math.random() * (ms / 2));

function headerNumber(headers: { get(name: string): string | null }, name: string): number | undefined {
  const raw = headers.get(name);
  const value = raw === null ? NaN : Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Every HubSpot call goes through here: paths built from `apiVersion` (the date-based
 * `/crm/objects/2026-09/...` or the legacy numbered ones), the shared limiter before each attempt,
 * HubSpot's budget headers read from each response, and transient failures (5xx, timeouts,
 * connection errors, 429) retried per request with backoff before they reach the job. The SDK
 * carries auth and transport (its generic `apiRequest`); its own retries stay off (process-wide,
 * and blind to Retry-After).
 */
export class HubSpotApi {
  readonly version: HubSpotApiVersion;
  private readonly client: Client;
  private readonly retry: RetryPolicy;
  private daily?: { max: number; remaining: number };
  /** Requests sent and not answered yet: the last Daily-Remaining may not count them. */
  private inFlight = 0;

  constructor(private readonly options: HubSpotApiOptions) {
    this.version = options.apiVersion;
    this.client = new Client({ accessToken: options.accessToken, basePath: options.basePath.replace(/\/+$/, ''), numberOfApiCallRetries: 0 });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  // Paths. The dated versions put the version after the API's name; v3 keeps v4 associations.
  objectsPath(type: HubSpotObjectType): string {
    return this.version === 'v3' ? `/crm/v3/objects/${type}` : `/crm/objects/${this.version}/${type}`;
  }

  associationsPath(from: HubSpotObjectType, to: HubSpotObjectType): string {
    return this.version === 'v3' ? `/crm/v4/associations/${from}/${to}` : `/crm/associations/${this.version}/${from}/${to}`;
  }

  propertiesPath(type: HubSpotObjectType): string {
    return this.version === 'v3' ? `/crm/v3/properties/${type}` : `/crm/properties/${this.version}/${type}`;
  }

  listsPath(): string {
    return this.version === 'v3' ? '/crm/v3/lists' : `/crm/lists/${this.version}`;
  }

  // Objects.
  listObjects(type: HubSpotObjectType, request: { properties: string[]; associations?: HubSpotObjectType[]; limit: number; after?: string }): Promise<Paged<HubSpotObject>> {
    const qs: Array<[string, string]> = [['limit', String(request.limit)], ...request.properties.map((p): [string, string] => ['properties', p])];
    for (const to of request.associations ?? []) qs.push(['associations', to]);
    if (request.after !== undefined) qs.push(['after', request.after]);
    return this.request({ method: 'GET', path: this.objectsPath(type), qs, what: `listing ${type}` });
  }

  searchObjects(type: HubSpotObjectType, search: SearchRequest, what: string): Promise<Paged<HubSpotObject> & { total: number }> {
    // Every field is required by the dated specs; `after` "0" is the first page.
    const body = { filterGroups: search.filterGroups, sorts: search.sorts, properties: search.properties, limit: search.limit, after: search.after ?? '0' };
    return this.request({ method: 'POST', path: `${this.objectsPath(type)}/search`, body, what, search: true });
  }

  readObjects(type: HubSpotObjectType, ids: string[], properties: string[]): Promise<BatchResponse<HubSpotObject>> {
    const body = { inputs: ids.map((id) => ({ id })), properties, propertiesWithHistory: [] };
    return this.request({ method: 'POST', path: `${this.objectsPath(type)}/batch/read`, body, what: `reading ${ids.length} ${type} by id` });
  }

  updateObjects(type: HubSpotObjectType, inputs: Array<{ id: string; properties: Record<string, string> }>): Promise<BatchResponse<HubSpotObject>> {
    return this.request({ method: 'POST', path: `${this.objectsPath(type)}/batch/update`, body: { inputs }, what: `updating ${inputs.length} ${type}` });
  }

  /** The records associated with each of `ids` (up to 1,000), e.g. a contact's companies, a deal's companies. */
  readAssociations(from: HubSpotObjectType, to: HubSpotObjectType, ids: string[]): Promise<BatchResponse<AssociationResult>> {
    const body = { inputs: ids.map((id) => ({ id })) };
    return this.request({ method: 'POST', path: `${this.associationsPath(from, to)}/batch/read`, body, what: `reading ${from}-to-${to} associations` });
  }

  // Properties and groups.
  getProperties(type: HubSpotObjectType): Promise<{ results: HubSpotProperty[] }> {
    return this.request({ method: 'GET', path: this.propertiesPath(type), what: `reading the ${type} properties` });
  }

  createProperty(type: HubSpotObjectType, property: Record<string, unknown> & { name: string }): Promise<HubSpotProperty> {
    return this.request({ method: 'POST', path: this.propertiesPath(type), body: property, what: `creating the ${type} property ${property.name}` });
  }

  updateProperty(type: HubSpotObjectType, name: string, changes: Record<string, unknown>): Promise<HubSpotProperty> {
    return this.request({ method: 'PATCH', path: `${this.propertiesPath(type)}/${encodeURIComponent(name)}`, body: changes, what: `updating ${type}.${name}` });
  }

  getPropertyGroups(type: HubSpotObjectType): Promise<{ results: Array<{ name: string }> }> {
    return this.request({ method: 'GET', path: `${this.propertiesPath(type)}/groups`, what: `reading the ${type} property groups` });
  }

  createPropertyGroup(type: HubSpotObjectType, group: { name: string; label: string; displayOrder: number }): Promise<unknown> {
    return this.request({ method: 'POST', path: `${this.propertiesPath(type)}/groups`, body: group, what: `creating the ${type} property group ${group.name}` });
  }

  // Lists.
  /** The list of that name, or null when there is none. */
  async findList(objectTypeId: string, name: string): Promise<{ list: { listId: string; name: string } } | null> {
    const path = `${this.listsPath()}/object-type-id/${encodeURIComponent(objectTypeId)}/name/${encodeURIComponent(name)}`;
    return this.request<{ list: { listId: string; name: string } }>({ method: 'GET', path, what: `looking up the list "${name}"` }).catch((err: CrmError) => {
      if (err.code === 'NOT_FOUND') return null;
      throw err;
    });
  }

  createList(list: Record<string, unknown> & { name: string }): Promise<{ list: { listId: string } }> {
    return this.request({ method: 'POST', path: this.listsPath(), body: list, what: `creating the list "${list.name}"` });
  }

  /** One call, retried per request on transient failures; throws CrmError. */
  async request<T>(options: RequestOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (options.search) await this.options.searchLimiter?.acquire();
      await this.options.limiter?.acquire();
      this.checkDailyReserve(options.what);
      this.inFlight++;
      const timeoutMs = Math.min(this.retry.timeoutMs, this.retry.firstTimeoutMs * 2 ** (attempt - 1));
      const outcome = await this.send(options, timeoutMs).finally(() => this.inFlight--);
      if ('value' in outcome) return outcome.value as T;
      const { error } = outcome;
      if (!error.retryable || attempt >= this.retry.attempts) throw error;
      await sleep(this.delay(outcome, attempt));
    }
  }

  private async send(options: RequestOptions, timeoutMs: number): Promise<{ value: unknown } | Failure> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    });
    let response: Awaited<ReturnType<Client['apiRequest']>>;
    try {
      // The SDK stringifies `qs` with URLSearchParams: pairs give repeated keys (form, explode).
      const request = this.client.apiRequest({ method: options.method, path: options.path, qs: options.qs as never, body: options.body });
      response = await Promise.race([request, timeout]);
    } catch (err) {
      this.options.onApiCall?.(0);
      return { error: toCrmError(err, options.what) };
    } finally {
      clearTimeout(timer);
    }
    this.options.onApiCall?.(response.status);
    await this.learn(response.headers);
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text for the error message
    }
    if (response.ok) return { value: body };
    const headers = Object.fromEntries(response.headers.entries());
    const retryAfter = headerNumber(response.headers, 'retry-after');
    const policy = (body as { policyName?: unknown } | undefined)?.policyName;
    return {
      error: toCrmError({ code: response.status, body, headers }, options.what),
      retryAfterMs: retryAfter !== undefined ? retryAfter * 1000 : undefined,
      policy: typeof policy === 'string' ? policy : undefined,
    };
  }

  /**
   * 429: Retry-After when HubSpot sends one; else the search limit's second, or a slot of the
   * 10-second window doubling up to the whole window. 5xx and timeouts: exponential from baseDelayMs.
   */
  private delay({ error, retryAfterMs, policy }: Failure, attempt: number): number {
    if (error.code === 'RATE_LIMITED') {
      if (retryAfterMs !== undefined) return retryAfterMs;
      if (policy === 'SECONDLY') return jitter(2000);
      const budget = this.options.limiter?.budget ?? { max: 100, intervalMs: 10_000 };
      const slot = Math.max(100, budget.intervalMs / budget.max);
      return jitter(Math.min(budget.intervalMs, slot * 2 ** attempt));
    }
    return jitter(Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1)));
  }

  /** HubSpot's budgets, from its headers: the app's 10-second one paces the limiter, the portal's daily one is watched. */
  private async learn(headers: { get(name: string): string | null }): Promise<void> {
    const max = headerNumber(headers, 'x-hubspot-ratelimit-max');
    const intervalMs = headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds');
    const limiter = this.options.limiter;
    if (limiter && max !== undefined && intervalMs !== undefined) {
      const before = limiter.budget;
      await limiter.learn({ max, intervalMs });
      const after = limiter.budget;
      if (after.max !== before.max || after.intervalMs !== before.intervalMs) {
        const capped = after.max !== max || after.intervalMs !== intervalMs;
        const why = capped ? `HubSpot allows ${max} per ${intervalMs / 1000} s, crm.yaml hubspot.rateLimit caps it` : "as HubSpot's headers say";
        logger.info({ crm: 'hubspot', budget: after, said: { max, intervalMs } }, `HubSpot budget: pacing at ${after.max} requests per ${after.intervalMs / 1000} s (${why})`);
      }
    }
    const daily = headerNumber(headers, 'x-hubspot-ratelimit-daily');
    const remaining = headerNumber(headers, 'x-hubspot-ratelimit-daily-remaining');
    if (daily !== undefined && remaining !== undefined) this.daily = { max: daily, remaining };
  }

  private checkDailyReserve(what: string): void {
    if (!this.daily) return;
    const reserve = this.options.dailyReserve ?? 0;
    const keep = Math.floor(this.daily.max * reserve);
    if (this.daily.remaining - this.inFlight > keep) return;
    throw new CrmError(
      'DAILY_LIMIT',
      `HubSpot's daily API limit is nearly used: ${this.daily.remaining} of ${this.daily.max} calls left today, and icp-sync leaves ${Math.round(reserve * 100)} % (crm.yaml hubspot.dailyReserve) to the portal's other apps; stopped before ${what}. The next run resumes from the last successful one.`,
    );
  }
}
