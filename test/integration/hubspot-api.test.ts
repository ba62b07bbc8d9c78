import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { HubSpotApi, type RetryPolicy } from '../../src/crm/hubspot/hubspot.api';
import { CrmError } from '../../src/crm/crm.error';
import { createRequestLimiter, type RequestLimiter } from '../../src/queue/limiter';
import { deleteMatching } from '../../src/sync/state-store';
import { redisUrl } from '../support/env';

/** One scripted answer of the fake endpoint: status, headers, body, or no answer at all. */
interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
}

/**
 * The request layer against a small HTTP server answering from a script (real SDK transport,
 * real sockets), for what the sandbox cannot be told to do on cue.
 */
describe('HubSpotApi: per-request retries, budgets from headers', () => {
  let app: FastifyInstance;
  let url: string;
  let script: Answer[] = [];
  let hits: number[] = [];

  beforeAll(async () => {
    app = Fastify({ forceCloseConnections: true });
    app.all('/*', async (_request, reply) => {
      hits.push(Date.now());
      const answer = script.shift() ?? { status: 200, body: { results: [] } };
      if (answer.hang) return new Promise(() => undefined);
      return reply.code(answer.status ?? 200).headers(answer.headers ?? {}).send(answer.body ?? { results: [] });
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    script = [];
    hits = [];
  });

  const api = (options: { retry?: Partial<RetryPolicy>; limiter?: RequestLimiter; dailyReserve?: number } = {}) =>
    new HubSpotApi({ accessToken: 'test-token', basePath: url, apiVersion: '2026-09', retry: { baseDelayMs: 10, ...options.retry }, limiter: options.limiter, dailyReserve: options.dailyReserve });
  const list = (a: HubSpotApi) => a.listObjects('companies', { properties: ['name'], limit: 1 });
  const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (err: CrmError) => err);

  it('a 429 with Retry-After waits that long, then the same request succeeds', async () => {
    script = [{ status: 429, headers: { 'retry-after': '1' }, body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', correlationId: 'c' } }];
    const page = await list(api());
    expect(page.results).toEqual([]);
    expect(hits).toHaveLength(2);
    expect(hits[1] - hits[0]).toBeGreaterThanOrEqual(950);
  });

  it('5xx and 504 answers are retried a bounded number of times, then reach the job as TRANSIENT', async () => {
    script = [{ status: 500 }, { status: 502 }, { status: 504 }, { status: 503 }];
    const error = await failure(list(api({ retry: { attempts: 4 } })));
    expect(error).toBeInstanceOf(CrmError);
    expect(error.code).toBe('TRANSIENT');
    expect(hits).toHaveLength(4);
    // exponential: each wait at least half the doubled base (jitter)
    expect(hits[3] - hits[2]).toBeGreaterThanOrEqual(20);
  });

  it('a request that does not answer in time is abandoned and retried', async () => {
    script = [{ hang: true }, { hang: true }];
    const started = Date.now();
    const page = await list(api({ retry: { firstTimeoutMs: 200, timeoutMs: 1000 } }));
    expect(page.results).toEqual([]);
    expect(hits).toHaveLength(3);
    // the second attempt waited twice as long as the first: 200 + 400 ms
    expect(Date.now() - started).toBeGreaterThanOrEqual(580);
  });

  it('a 400 is not retried', async () => {
    script = [{ status: 400, body: { status: 'error', category: 'VALIDATION_ERROR', message: 'Property values were not valid', correlationId: 'c' } }];
    const error = await failure(list(api()));
    expect(error.code).toBe('VALIDATION');
    expect(hits).toHaveLength(1);
  });

  it('paces on X-HubSpot-RateLimit-Max / -Interval-Milliseconds, never above the configured ceiling', async () => {
    const limiter = createRequestLimiter({ id: `test-api-${process.pid}-ceiling`, max: 100, intervalMs: 10_000 });
    try {
      script = [{ headers: { 'x-hubspot-ratelimit-max': '30', 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '29' } }];
      await list(api({ limiter }));
      expect(limiter.budget).toEqual({ max: 30, intervalMs: 10_000 });
      script = [{ headers: { 'x-hubspot-ratelimit-max': '250', 'x-hubspot-ratelimit-interval-milliseconds': '10000' } }];
      await list(api({ limiter }));
      expect(limiter.budget).toEqual({ max: 100, intervalMs: 10_000 });
    } finally {
      await limiter.stop();
    }
  });

  it('stops before sending once the daily limit is down to dailyReserve, without calling HubSpot again', async () => {
    const a = api({ dailyReserve: 0.1 });
    script = [{ headers: { 'x-hubspot-ratelimit-daily': '1000', 'x-hubspot-ratelimit-daily-remaining': '101' } }, { headers: { 'x-hubspot-ratelimit-daily': '1000', 'x-hubspot-ratelimit-daily-remaining': '100' } }];
    await list(a);
    await list(a);
    const error = await failure(list(a));
    expect(error.code).toBe('DAILY_LIMIT');
    expect(error.message).toMatch(/100 of 1000 calls left.*dailyReserve/);
    expect(hits).toHaveLength(2);
  });
});

describe('the shared limiter learns across processes', () => {
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const id = `icp-limiter:test-learn-${process.pid}-${Date.now().toString(36)}`;
  afterAll(async () => {
    await deleteMatching(redis, `b_${id}*`);
    redis.disconnect();
  });

  it('a large budget hands out several slots per turn on the shared clock, and no window holds more than the budget', async () => {
    const a = createRequestLimiter({ id: `${id}-turns`, max: 500, intervalMs: 1000, redis });
    const b = createRequestLimiter({ id: `${id}-turns`, max: 500, intervalMs: 1000, redis });
    try {
      const times: number[] = [];
      const started = Date.now();
      await Promise.all(Array.from({ length: 700 }, (_, i) => (i % 2 ? a : b).acquire().then(() => times.push(Date.now()))));
      // 500 per second with headroom: 700 requests need about 1.4 s, whichever process sends them.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1300);
      times.sort((x, y) => x - y);
      const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
      expect(busiest).toBeLessThanOrEqual(500);
      expect(busiest).toBeGreaterThan(250);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a budget one limiter learns paces another one on the same Redis and id', async () => {
    const a = createRequestLimiter({ id, max: 1000, intervalMs: 1000, redis });
    const b = createRequestLimiter({ id, max: 1000, intervalMs: 1000, redis });
    try {
      await a.acquire();
      await a.learn({ max: 10, intervalMs: 1000 });
      const started = Date.now();
      for (let i = 0; i < 6; i++) await b.acquire();
      // 10 per second (with headroom): 6 requests need about half a second, not 6 ms
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
