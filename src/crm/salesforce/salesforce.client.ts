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

/** A request that hangs this long is abandoned (jsforce's own default is 30 minutes). */
const REQUEST_TIMEOUT_MS = 120_000;
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

  httpRequest(req: HttpRequest, options: HttpRequestOptions = {}) {
    const promise = super.httpRequest(req, { ...options, timeout: REQUEST_TIMEOUT_MS, retry: { methods: [], maxRetries: 0 } } as HttpRequestOptions);
    promise.then(
      (response) => this.observe(response.statusCode, response.headers ?? {}),
      () => this.observe(0, {}),
    );
    return promise;
  }
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
}

export interface RawResponse<T> {
  body: T;
  status: number;
  headers: Record<string, string>;
}

export interface CallOptions {
  /** Parse the body as text (CSV results) instead of by content type. */
  text?: boolean;
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

  private send<T>(token: SalesforceToken, request: HttpRequest, options: CallOptions): Promise<RawResponse<T>> {
    // The token rides on each request (conn.accessToken stays unset: concurrent calls may hold different ones).
    const api = new HttpApi(this.conn, options.text ? { responseType: 'text/plain' } : {});
    let response: HttpResponse | undefined;
    api.on('response', (r: HttpResponse) => (response = r));
    const headers = { ...request.headers, Authorization: `Bearer ${token.accessToken}` };
    return api.request<T>({ ...request, headers, url: this.url(token, request.url) }).then(
      (body) => ({ body, status: response?.statusCode ?? 0, headers: response?.headers ?? {} }),
      (err: Error & { [STATUS]?: number }) => {
        if (response && err && typeof err === 'object') err[STATUS] = response.statusCode;
        throw err;
      },
    );
  }

  /**
   * One API call. `what` names it in error messages ("reading 200 accounts"). A refused session
   * is renewed once and the call sent again; a second refusal is AUTH.
   */
  async call<T>(request: HttpRequest | string, what: string, options: CallOptions = {}): Promise<RawResponse<T>> {
    const req: HttpRequest = typeof request === 'string' ? { method: 'GET', url: request } : request;
    const token = await this.session.current();
    try {
      return await this.limited<T>(token, req, options);
    } catch (err) {
      if ((err as { errorCode?: string }).errorCode !== 'INVALID_SESSION_ID' || !this.session.renewable) throw toCrmError(err, what);
    }
    const renewed = await this.session.renew(token.accessToken);
    return this.limited<T>(renewed, req, options).catch((err) => {
      throw toCrmError(err, what);
    });
  }

  private limited<T>(token: SalesforceToken, req: HttpRequest, options: CallOptions): Promise<RawResponse<T>> {
    return this.limiter.schedule<RawResponse<T>>(() => {
      this.checkReserve();
      return this.send<T>(token, req, options);
    });
  }

  /** Shortcut: the parsed body of a JSON call. */
  async json<T>(request: HttpRequest | string, what: string): Promise<T> {
    return (await this.call<T>(request, what)).body;
  }

  async close(): Promise<void> {
    await this.limiter.disconnect(false);
    await this.limiterConnection?.disconnect(false);
  }
}
