import Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';
import { Connection } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api';
import Transport from 'jsforce/lib/transport';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types';
import { CrmError } from '../crm.error';
import type { SalesforceAuth } from './salesforce.env';
import { SalesforceSession, type SalesforceToken } from './salesforce.session';
import { STATUS, toCrmError } from './salesforce.errors';
import { AttemptTimeouts, DEFAULT_RETRY, withRetries, type RetryPolicy } from './salesforce.retry';

/** A POST that creates something is never resent on a timeout: it gets all the time it needs. */
const LONG_REQUEST_TIMEOUT_MS = 120_000;
const RETRY_AFTER = Symbol('salesforce.retryAfterMs');
const LIMIT_INFO = /api-usage=(\d+)\/(\d+)/;

export interface ApiUsage {
  used: number;
  max: number;
}

/**
 * jsforce's transport without its silent retries (it retries GET/PUT/DELETE 5 times on 429/5xx
 * and network errors, invisible to our limiter and counts: the queue's backoff does that), and
 * with every response reported: status for the run stats, Sforce-Limit-Info for the reserve.
 */
class ObservedTransport extends Transport {
  constructor(private readonly observe: (status: number, headers: Record<string, string>) => void) {
    super();
  }

  /** `options.timeout` (set per attempt by the client, see AttemptTimeouts) or two minutes. */
  httpRequest(req: HttpRequest, options: HttpRequestOptions = {}) {
    const timeout = (options as { timeout?: number }).timeout ?? LONG_REQUEST_TIMEOUT_MS;
    const promise = super.httpRequest(req, { ...options, timeout, retry: { methods: [], maxRetries: 0 } } as HttpRequestOptions);
    promise.then(
      (response) => this.observe(response.statusCode, response.headers ?? {}),
      () => this.observe(0, {}),
    );
    return promise;
  }
}

/** Retry-After in seconds or as an HTTP date, in milliseconds. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface SalesforceClientOptions {
  apiVersion: string;
  /** Share of the daily API allocation never used (crm.yaml salesforce.apiReserve). */
  apiReserve: number;
  /** Parallel requests per org, across every process on the same Redis. */
  concurrency: number;
  redis?: Redis;
  /** Limiter id (shared by the processes of one org). */
  limiterId: string;
  onApiCall?: (status: number) => void;
  /** Per-request retries of transient failures (DESIGN.md, Sync semantics). */
  retry?: RetryPolicy;
  onRetry?: (what: string, err: CrmError, retry: number, delayMs: number) => void;
}

export interface RawResponse<T> {
  body: T;
  status: number;
  headers: Record<string, string>;
}

export interface CallOptions {
  /** Parse the body as text (CSV results) instead of by content type. */
  text?: boolean;
  /**
   * Whether sending the request twice does no harm. Default: every method but POST. A POST that
   * only reads (a Bulk API query job) may say so; one that creates something is resent only when
   * Salesforce refused it unprocessed.
   */
  idempotent?: boolean;
}

/**
 * jsforce's Connection behind our own rules: a shared concurrency limit, the API allocation
 * reserve, one session renewal (shared across processes) on INVALID_SESSION_ID, and CrmError for
 * anything that goes wrong.
 */
export class SalesforceClient {
  readonly transport: ObservedTransport;
  readonly conn: Connection;
  usage?: ApiUsage;
  private readonly limiter: Bottleneck;
  private readonly limiterConnection?: Bottleneck.IORedisConnection;

  readonly session: SalesforceSession;
  private readonly timeouts = new AttemptTimeouts();

  constructor(
    auth: SalesforceAuth,
    private readonly options: SalesforceClientOptions,
  ) {
    this.transport = new ObservedTransport((status, headers) => {
      const info = LIMIT_INFO.exec(headers['sforce-limit-info'] ?? '');
      if (info) this.usage = { used: Number(info[1]), max: Number(info[2]) };
      options.onApiCall?.(status);
    });
    this.session = new SalesforceSession(auth, this.transport, options.redis);
    // jsforce's refresh delegate stays off (no oauth2 client, no refreshFn): renewal is ours, once per call.
    this.conn = new Connection({ version: options.apiVersion });
    this.conn._transport = this.transport;
    this.limiterConnection = options.redis ? new Bottleneck.IORedisConnection({ client: options.redis.duplicate() }) : undefined;
    this.limiter = this.limiterConnection
      ? new Bottleneck({ id: options.limiterId, maxConcurrent: options.concurrency, datastore: 'ioredis', connection: this.limiterConnection, timeout: 5 * 60_000 })
      : new Bottleneck({ maxConcurrent: options.concurrency });
    this.limiter.on('error', () => undefined);
  }

  get apiVersion(): string {
    return this.options.apiVersion;
  }

  /** Throws DAILY_LIMIT once the org's usage reaches (1 - apiReserve) of its daily allocation. */
  private checkReserve(): void {
    if (!this.usage) return;
    const { used, max } = this.usage;
    const stopAt = Math.floor(max * (1 - this.options.apiReserve));
    if (used >= stopAt) {
      const keep = Math.round(this.options.apiReserve * 100);
      throw new CrmError('DAILY_LIMIT', `Salesforce API usage is ${used}/${max} today: stopping to keep ${keep}% of the daily API allocation (crm.yaml salesforce.apiReserve); the next run resumes.`);
    }
  }

  private url(token: SalesforceToken, url: string): string {
    if (/^https?:\/\//.test(url)) return url;
    if (url.startsWith('/services/')) return token.instanceUrl + url;
    return `${token.instanceUrl}/services/data/v${this.options.apiVersion}${url}`;
  }

  private send<T>(token: SalesforceToken, request: HttpRequest, options: CallOptions, timeoutMs: number): Promise<RawResponse<T>> {
    // The token rides on each request (conn.accessToken stays unset: concurrent calls may hold different ones).
    const api = new HttpApi(this.conn, { ...(options.text ? { responseType: 'text/plain' } : {}), timeout: timeoutMs } as ConstructorParameters<typeof HttpApi>[1]);
    const started = Date.now();
    let response: HttpResponse | undefined;
    api.on('response', (r: HttpResponse) => (response = r));
    const headers = { ...request.headers, Authorization: `Bearer ${token.accessToken}` };
    return api.request<T>({ ...request, headers, url: this.url(token, request.url) }).then(
      (body) => {
        this.timeouts.record(Date.now() - started);
        return { body, status: response?.statusCode ?? 0, headers: response?.headers ?? {} };
      },
      (err: Error & { [STATUS]?: number; [RETRY_AFTER]?: number }) => {
        // jsforce's own text would say "timeout of 10 minutes" whatever the timeout was.
        if (err?.name === 'AbortError') err.message = `no answer within ${timeoutMs / 1000} s: abandoned`;
        if (response && err && typeof err === 'object') {
          err[STATUS] = response.statusCode;
          const retryAfter = retryAfterMs(response.headers?.['retry-after']);
          if (retryAfter !== undefined) err[RETRY_AFTER] = retryAfter;
        }
        throw err;
      },
    );
  }

  /**
   * One API call. `what` names it in error messages ("reading 200 accounts"). Transient failures
   * are retried here, with backoff, a bounded number of times, before the job sees them. A refused
   * session is renewed once and the call sent again; a second refusal is AUTH.
   */
  call<T>(request: HttpRequest | string, what: string, options: CallOptions = {}): Promise<RawResponse<T>> {
    const req: HttpRequest = typeof request === 'string' ? { method: 'GET', url: request } : request;
    const idempotent = options.idempotent ?? req.method !== 'POST';
    // Only a timeout makes the next attempt's timeout longer: a 500 says nothing about latency.
    let timedOut = 0;
    return withRetries(() => this.callOnce<T>(req, what, options, idempotent ? this.timeouts.forAttempt(timedOut + 1) : LONG_REQUEST_TIMEOUT_MS), {
      idempotent,
      policy: this.options.retry ?? DEFAULT_RETRY,
      retryAfterMs: (err) => this.serverRetryAfter.get(err),
      onRetry: (err, retry, delayMs) => {
        if (this.abandoned.has(err)) timedOut += 1;
        this.options.onRetry?.(what, err, retry, delayMs);
      },
    });
  }

  private async callOnce<T>(req: HttpRequest, what: string, options: CallOptions, timeoutMs: number): Promise<RawResponse<T>> {
    const token = await this.session.current();
    try {
      return await this.limited<T>(token, req, options, timeoutMs);
    } catch (err) {
      if ((err as { errorCode?: string }).errorCode !== 'INVALID_SESSION_ID' || !this.session.renewable) throw this.crmError(err, what);
    }
    const renewed = await this.session.renew(token.accessToken);
    return this.limited<T>(renewed, req, options, timeoutMs).catch((err) => {
      throw this.crmError(err, what);
    });
  }

  /** Retry-After as the server sent it, kept beside the CrmError (whose retryAfterMs may be our own default). */
  private readonly serverRetryAfter = new WeakMap<CrmError, number>();
  /** Errors of attempts we abandoned for want of an answer. */
  private readonly abandoned = new WeakSet<CrmError>();

  private crmError(err: unknown, what: string): CrmError {
    const crmError = toCrmError(err, what);
    if ((err as Error | undefined)?.name === 'AbortError') this.abandoned.add(crmError);
    const retryAfter = (err as { [RETRY_AFTER]?: number } | undefined)?.[RETRY_AFTER];
    if (retryAfter !== undefined) this.serverRetryAfter.set(crmError, retryAfter);
    return crmError;
  }

  private limited<T>(token: SalesforceToken, req: HttpRequest, options: CallOptions, timeoutMs: number): Promise<RawResponse<T>> {
    return this.limiter.schedule<RawResponse<T>>(() => {
      this.checkReserve();
      return this.send<T>(token, req, options, timeoutMs);
    });
  }

  /** Shortcut: the parsed body of a JSON call. */
  async json<T>(request: HttpRequest | string, what: string, options: CallOptions = {}): Promise<T> {
    return (await this.call<T>(request, what, options)).body;
  }

  async close(): Promise<void> {
    await this.limiter.disconnect(false);
    await this.limiterConnection?.disconnect(false);
  }
}
