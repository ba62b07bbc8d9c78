import { createHmac } from 'node:crypto';
import { crmCredentials } from '../../src/config/env.schema';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { startHttpServer, type HttpServer } from '../../src/http/server';
import { startWorkers } from '../../src/queue/worker';
import { keys } from '../../src/sync/keys';
import { until } from '../support/records';
import { createQueue, JOB } from '../../src/queue/queues';
import { createSyncContext, type SyncContext } from '../../src/sync/context';
import { deleteMatching } from '../../src/sync/state-store';
import { loadDefaultConfig, redisUrl } from '../support/env';

const TOKEN = 'test-api-token-0123456789';
const SECRET = 'test-hubspot-client-secret';
const KEY = 'test-workflow-key-5f0c9a';
const name = `test-http-${process.pid}-${Date.now()}`;

let redis: Redis;
let queue: Queue;
let ctx: SyncContext;
let server: HttpServer;
let bare: HttpServer; // no token, no secret
let keyed: HttpServer; // HUBSPOT_WEBHOOK_KEY only (a Service Key portal)
let both: HttpServer; // key and client secret
const logLines: string[] = [];

beforeAll(async () => {
  redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  queue = createQueue(redis, name);
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  ctx = createSyncContext({ redis, queue, config: loadDefaultConfig(), credentials: crmCredentials({ HUBSPOT_ACCESS_TOKEN: 'pat-http-test' }), logger });
  server = await startHttpServer({ ctx, port: 0, host: '127.0.0.1', apiToken: TOKEN, hubspotClientSecret: SECRET });
  bare = await startHttpServer({ ctx, port: 0, host: '127.0.0.1' });
  keyed = await startHttpServer({ ctx, port: 0, host: '127.0.0.1', hubspotWebhookKey: KEY });
  both = await startHttpServer({ ctx, port: 0, host: '127.0.0.1', hubspotWebhookKey: KEY, hubspotClientSecret: SECRET });
});

afterAll(async () => {
  await server?.close();
  await bare?.close();
  await keyed?.close();
  await both?.close();
  await queue.obliterate({ force: true });
  await deleteMatching(redis, `icp:${name}:*`);
  await ctx.close();
  await queue.close();
  await redis.quit();
});

const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });

async function rescore(body: unknown, authorization?: string, base = server.url) {
  const { body: text, ...headers } = json(body);
  const res = await fetch(`${base}/rescore`, {
    method: 'POST',
    headers: { ...headers, ...(authorization ? { authorization } : {}) },
    body: text,
  });
  return { status: res.status, body: await res.json() };
}

describe('POST /rescore', () => {
  it('answers 503 when no ICP_SYNC_API_TOKEN is configured, even with a token', async () => {
    const res = await rescore({ crm: 'hubspot' }, `Bearer ${TOKEN}`, bare.url);
    expect(res).toEqual({ status: 503, body: { error: expect.stringContaining('ICP_SYNC_API_TOKEN') } });
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer not-the-token'],
    ['a token prefix', `Bearer ${TOKEN.slice(0, -1)}`],
    ['another scheme', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`],
  ])('answers 401 with %s', async (_case, authorization) => {
    const res = await rescore({ crm: 'hubspot' }, authorization);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/bearer token/);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
  });

  it('answers 401 before reading the body', async () => {
    const res = await fetch(`${server.url}/rescore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).toBe(401);
  });

  it.each([
    ['an unknown CRM', { crm: 'pipedrive' }, /crm: expected one of "hubspot", "salesforce"/],
    ['no CRM', {}, /crm:/],
    ['companyIds not a list', { crm: 'hubspot', companyIds: '123' }, /companyIds: expected array/],
    ['a non-string id', { crm: 'hubspot', companyIds: [123] }, /companyIds\[0\]: expected string/],
    ['an empty id list', { crm: 'hubspot', companyIds: [] }, /companyIds/],
    ['a misspelt key', { crm: 'hubspot', companyIDs: ['1'] }, /companyIDs: unknown key/],
  ])('answers 400 naming the field for %s', async (_case, body, message) => {
    const res = await rescore(body, `Bearer ${TOKEN}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it('answers 400 on a body that is not JSON', async () => {
    const res = await fetch(`${server.url}/rescore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/JSON/);
  });

  it('queues the given companies for a debounced rescore run: 202 {runId}', async () => {
    const res = await rescore({ crm: 'hubspot', companyIds: ['101', '102'] }, `bearer ${TOKEN}`);
    expect(res).toEqual({ status: 202, body: { runId: expect.any(String) } });
    expect(await redis.smembers(ctx.keys.rescorePending('hubspot'))).toEqual(expect.arrayContaining(['101', '102']));
    const job = await queue.getJob(res.body.runId);
    expect(job?.name).toBe(JOB.syncRun);
    expect(job?.data).toMatchObject({ crm: 'hubspot', mode: 'rescore' });
  });

  it('without ids, enqueues a forced full run', async () => {
    const res = await rescore({ crm: 'hubspot' }, `Bearer ${TOKEN}`);
    expect(res.status).toBe(202);
    const job = await queue.getJob(res.body.runId);
    expect(job?.data).toMatchObject({ crm: 'hubspot', mode: 'full', force: true });
  });

  it('a CRM this worker has no credentials for: 409 naming what to set, nothing queued', async () => {
    const before = await queue.count();
    const res = await rescore({ crm: 'salesforce' }, `Bearer ${TOKEN}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/no salesforce credentials.*SALESFORCE_INSTANCE_URL \+ SALESFORCE_ACCESS_TOKEN/);
    expect(await queue.count()).toBe(before);
  });
});

/** Signs as HubSpot does (v3), independently of the module under test. */
function hubspotHeaders(uri: string, body: string, options: { secret?: string; timestamp?: number } = {}) {
  const timestamp = String(options.timestamp ?? Date.now());
  const signature = createHmac('sha256', options.secret ?? SECRET).update(`POST${uri}${body}${timestamp}`).digest('base64');
  return { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp };
}

async function hook(body: string, headers: Record<string, string>, path = '/hooks/hubspot', base = server.url) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
  return { status: res.status, body: await res.json() };
}

describe('POST /hooks/hubspot', () => {
  const companyRecord = (id: number) =>
    JSON.stringify({ objectId: id, objectType: 'COMPANY', portalId: 62515, properties: { name: { value: 'Acmé' }, hs_object_id: { value: String(id) } } });

  it('answers 503 when neither HUBSPOT_WEBHOOK_KEY nor HUBSPOT_CLIENT_SECRET is configured, whatever the request carries', async () => {
    const body = companyRecord(1);
    const attempts: Array<Record<string, string>> = [hubspotHeaders(`${bare.url}/hooks/hubspot`, body), { 'content-type': 'application/json', 'x-icp-sync-key': KEY }, { 'content-type': 'application/json' }];
    for (const headers of attempts) {
      const res = await hook(body, headers, '/hooks/hubspot', bare.url);
      expect(res).toEqual({ status: 503, body: { error: expect.stringMatching(/HUBSPOT_WEBHOOK_KEY.*HUBSPOT_CLIENT_SECRET/) } });
    }
    expect(await redis.sismember(ctx.keys.rescorePending('hubspot'), '1')).toBe(0);
  });

  describe('with HubSpot\'s "API key" authentication (X-ICP-Sync-Key, HUBSPOT_WEBHOOK_KEY)', () => {
    const keyHeaders = (key: string) => ({ 'content-type': 'application/json', 'x-icp-sync-key': key });

    it('the right key: 202 and the company waits for its rescore run', async () => {
      const body = companyRecord(301);
      const res = await hook(body, keyHeaders(KEY), '/hooks/hubspot', keyed.url);
      expect(res).toEqual({ status: 202, body: { runId: expect.any(String), companyIds: ['301'] } });
      expect(await redis.sismember(ctx.keys.rescorePending('hubspot'), '301')).toBe(1);
    });

    it.each([
      ['a wrong key', keyHeaders('not-the-key')],
      ['the key with a character more', keyHeaders(`${KEY}x`)],
      ['no key', { 'content-type': 'application/json' } as Record<string, string>],
      ['a v3 signature only, with no client secret configured', hubspotHeaders('http://x/hooks/hubspot', companyRecord(302))],
    ] as Array<[string, Record<string, string>]>)('%s: 401, nothing enqueued', async (_label, headers) => {
      const body = companyRecord(302);
      const res = await hook(body, headers, '/hooks/hubspot', keyed.url);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatch(/X-ICP-Sync-Key/);
      expect(await redis.sismember(ctx.keys.rescorePending('hubspot'), '302')).toBe(0);
    });

    it('with both configured, a key or a signature is accepted, and a wrong key is not rescued by the secret', async () => {
      const keyBody = companyRecord(303);
      expect((await hook(keyBody, keyHeaders(KEY), '/hooks/hubspot', both.url)).status).toBe(202);
      const signedBody = companyRecord(304);
      expect((await hook(signedBody, hubspotHeaders(`${both.url}/hooks/hubspot`, signedBody), '/hooks/hubspot', both.url)).status).toBe(202);
      const wrong = companyRecord(305);
      expect((await hook(wrong, { ...hubspotHeaders(`${both.url}/hooks/hubspot`, wrong), 'x-icp-sync-key': 'wrong' }, '/hooks/hubspot', both.url)).status).toBe(401);
      expect(await redis.sismember(ctx.keys.rescorePending('hubspot'), '305')).toBe(0);
    });
  });

  it('accepts a correctly signed company record: 202 {runId} and the company waits for the rescore run', async () => {
    const body = companyRecord(201);
    const res = await hook(body, hubspotHeaders(`${server.url}/hooks/hubspot`, body));
    expect(res).toEqual({ status: 202, body: { runId: expect.any(String), companyIds: ['201'] } });
    expect(await redis.sismember(ctx.keys.rescorePending('hubspot'), '201')).toBe(1);
    expect((await queue.getJob(res.body.runId))?.data).toMatchObject({ crm: 'hubspot', mode: 'rescore' });
  });

  it('refuses the same signed request a second time (replay): 400', async () => {
    const body = companyRecord(202);
    const headers = hubspotHeaders(`${server.url}/hooks/hubspot`, body);
    expect((await hook(body, headers)).status).toBe(202);
    const again = await hook(body, headers);
    expect(again).toEqual({ status: 400, body: { error: expect.stringMatching(/replay/) } });
  });

  it('refuses a correctly signed request older than 5 minutes: 400 stale', async () => {
    const body = companyRecord(203);
    const res = await hook(body, hubspotHeaders(`${server.url}/hooks/hubspot`, body, { timestamp: Date.now() - 6 * 60_000 }));
    expect(res).toEqual({ status: 400, body: { error: expect.stringMatching(/stale.*5 minutes/) } });
  });

  it.each([
    ['another secret', (body: string) => hubspotHeaders(`${server.url}/hooks/hubspot`, body, { secret: 'wrong' })],
    ['another URL', (body: string) => hubspotHeaders(`${server.url}/hooks/other`, body)],
    ['a tampered body', (body: string) => hubspotHeaders(`${server.url}/hooks/hubspot`, body.replace('204', '205'))],
    ['no signature', () => ({ 'content-type': 'application/json', 'x-hubspot-request-timestamp': String(Date.now()) })],
    ['no timestamp', (body: string) => {
      const { 'x-hubspot-request-timestamp': _ts, ...headers } = hubspotHeaders(`${server.url}/hooks/hubspot`, body);
      return headers;
    }],
  ])('answers 401 to a request signed with %s', async (_case, headersFor) => {
    const body = companyRecord(204);
    const res = await hook(body, headersFor(body));
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/X-HubSpot/);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(await redis.sismember(ctx.keys.rescorePending('hubspot'), '204')).toBe(0);
  });

  it('checks the URL HubSpot called behind a proxy (X-Forwarded-Proto/-Host), query escapes decoded', async () => {
    const body = JSON.stringify({ properties: { hs_object_id: { value: '206' } } });
    const path = '/hooks/hubspot?source=wf%3A12&tag=%28icp%29';
    const signedUri = 'https://icp.example.com/hooks/hubspot?source=wf:12&tag=(icp)';
    const headers = { ...hubspotHeaders(signedUri, body), 'x-forwarded-proto': 'https', 'x-forwarded-host': 'icp.example.com' };
    const res = await hook(body, headers, path);
    expect(res).toEqual({ status: 202, body: { runId: expect.any(String), companyIds: ['206'] } });
  });

  it('takes an array of events; a contact re-scores its associated company, one without is ignored with a note', async () => {
    const body = JSON.stringify([
      { objectId: '207', objectType: 'COMPANY' },
      { objectId: 9001, objectType: 'CONTACT', properties: { associatedcompanyid: { value: '208' } } },
      { objectId: 9002, objectType: 'CONTACT', properties: { email: { value: 'a@b.c' } } },
    ]);
    const res = await hook(body, hubspotHeaders(`${server.url}/hooks/hubspot`, body));
    expect(res).toEqual({
      status: 202,
      body: { runId: expect.any(String), companyIds: ['207', '208'], notes: [expect.stringContaining('company 208'), expect.stringContaining('contact 9002 ignored')] },
    });
  });

  it('answers 202 without a run when every record is ignored', async () => {
    const body = JSON.stringify({ objectId: 9003, objectType: 'CONTACT', properties: {} });
    const res = await hook(body, hubspotHeaders(`${server.url}/hooks/hubspot`, body));
    expect(res).toEqual({ status: 202, body: { runId: null, companyIds: [], notes: [expect.stringContaining('ignored')] } });
  });

  it.each([
    ['no company id', JSON.stringify({ properties: { name: { value: 'Acme' } } }), /no company id/],
    ['a body that is not JSON', '{"objectId":', /not valid JSON/],
    ['a JSON scalar', '42', /JSON object/],
  ])('answers 400 to a signed payload with %s', async (_case, body, message) => {
    const res = await hook(body, hubspotHeaders(`${server.url}/hooks/hubspot`, body));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });
});

describe('GET /healthz', () => {
  it('answers 200 with Redis up and the worker count', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', redis: 'up', workers: 0 });
  });

  it("counts this deployment's workers only: not another database's on the same server, same queue name", async () => {
    const otherDb = new Redis(`${redisUrl().replace(/\/\d+$/, '')}/13`, { maxRetriesPerRequest: null });
    const other = startWorkers({ redis: otherDb, config: loadDefaultConfig(), credentials: ctx.credentials, name: queue.name, logger: ctx.logger, ownsRedis: true });
    try {
      await until(async () => (await otherDb.zcard(keys(queue.name).workers)) === 1);
      expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ workers: 0 });
      const mine = startWorkers({ redis, config: loadDefaultConfig(), credentials: ctx.credentials, name: queue.name, logger: ctx.logger });
      await until(async () => (await (await fetch(`${server.url}/healthz`)).json()).workers === 1);
      await mine.close();
      expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ workers: 0 });
    } finally {
      await other.close();
    }
  });

  it('answers 503 redis:"down" within about a second when Redis does not answer', async () => {
    // Nothing listens on port 1; a worker-style connection queues commands instead of failing.
    const dead = new Redis({ host: '127.0.0.1', port: 1, maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => 1000 });
    dead.on('error', () => undefined);
    const down = await startHttpServer({ ctx: { ...ctx, redis: dead }, port: 0, host: '127.0.0.1' });
    try {
      const started = Date.now();
      const res = await fetch(`${down.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'error', redis: 'down' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await down.close();
      dead.disconnect();
    }
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text with the queue depth refreshed from the queue', async () => {
    const counts = await queue.getJobCounts('waiting', 'delayed');
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('# TYPE icp_sync_queue_jobs gauge');
    expect(text).toContain(`icp_sync_queue_jobs{state="waiting"} ${counts.waiting}`);
    expect(text).toContain(`icp_sync_queue_jobs{state="delayed"} ${counts.delayed}`);
    expect(text).toMatch(/icp_sync_queue_jobs\{state="waiting-children"\} \d+/);
    expect(text).toContain('icp_sync_process_cpu_user_seconds_total');
    expect(counts.waiting + counts.delayed).toBeGreaterThan(0);
  });
});

it('answers 404 as JSON on an unknown route', async () => {
  const res = await fetch(`${server.url}/nope?x=1`);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: 'no route GET /nope' });
});

it('never logs the token, the client secret or a signature', () => {
  const logs = logLines.join('');
  expect(logs).toContain('rescore requested');
  expect(logs).toContain('HubSpot webhook refused');
  expect(logs).not.toContain(TOKEN);
  expect(logs).not.toContain(SECRET);
  expect(logs).not.toMatch(/x-hubspot-signature|authorization/i);
});
