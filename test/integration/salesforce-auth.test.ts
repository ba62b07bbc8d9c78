import { generateKeyPairSync } from 'node:crypto';
import { crmCredentials } from '../../src/config/env.schema';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import { ConfigError } from '../../src/config/config.error';
import { createAdapter } from '../../src/crm';
import type { CrmAdapter } from '../../src/crm/adapter';
import { CrmError } from '../../src/crm/crm.error';
import { salesforceEnv } from '../../src/crm/salesforce/salesforce.env';
import { SalesforceSession } from '../../src/crm/salesforce/salesforce.session';
import { startSalesforceSandbox, type RunningSalesforceSandbox } from '@icp-sync/crm-sandbox';
import { deleteMatching } from '../../src/sync/state-store';
import { loadDefaultConfig, redisUrl } from '../support/env';

const config = loadDefaultConfig();
// Sessions expire this soon after they are issued. Long enough that a burst of calls made with a
// fresh session ends before it expires again on a loaded CI machine (400 ms was not: one of 32
// calls met a second expiry).
const TTL_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let sandbox: RunningSalesforceSandbox;
let redis: Redis;
const namespace = `test-sf-auth-${process.pid}`;
/** The environment each test's adapters are created from (never process.env). */
const env: Record<string, string | undefined> = {};
const adapters: CrmAdapter[] = [];

beforeAll(async () => {
  redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  sandbox = await startSalesforceSandbox({
    companies: 20, contacts: 20, tokenTtlMs: TTL_MS, refreshToken: 'initial-refresh', token: 'static-token',
    jwtPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
  for (const name of Object.keys(env)) delete env[name];
  // Our fields exist and are granted (setup as an admin would have run it).
  setEnv({ SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'static-token' });
  await (await adapter({ redis: false })).setup({ personas: config.personas.personas, lists: false });
  for (const name of ['SALESFORCE_INSTANCE_URL', 'SALESFORCE_ACCESS_TOKEN']) delete env[name];
});
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.close()));
  await deleteMatching(redis, `b_icp-limiter:${namespace}:*`);
});
afterAll(async () => {
  await sandbox.close();
  redis.disconnect();
});

function setEnv(values: Record<string, string>): void {
  Object.assign(env, values);
}

/** A fresh adapter, as another worker process would create it (its own session, same Redis). */
async function adapter(options: { redis?: boolean; calls?: number[] } = {}): Promise<CrmAdapter> {
  const a = await createAdapter('salesforce', {
    config: config.crm, credentials: crmCredentials(env), redis: options.redis === false ? undefined : redis, namespace,
    onApiCall: (_crm, status) => options.calls?.push(status),
  });
  adapters.push(a);
  return a;
}

async function clearSession(): Promise<string> {
  const { auth } = salesforceEnv(env);
  if (auth.flow === 'static') throw new Error('not an OAuth flow');
  const prefix = SalesforceSession.redisPrefix(auth);
  await deleteMatching(redis, `${prefix}:*`);
  return prefix;
}

async function tokenCalls(): Promise<number> {
  const stats = (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as { requests: Record<string, Record<string, number>> };
  return Object.values(stats.requests['POST /services/oauth2/token'] ?? {}).reduce((a, b) => a + b, 0);
}

const oauthEnv = () => ({ SALESFORCE_LOGIN_URL: sandbox.url, SALESFORCE_CLIENT_ID: 'cid', SALESFORCE_CLIENT_SECRET: 'top-secret' });

describe('environment', () => {
  test.each([
    [{}, /no Salesforce credentials: set SALESFORCE_INSTANCE_URL \+ SALESFORCE_ACCESS_TOKEN/],
    [{ SALESFORCE_ACCESS_TOKEN: 't' }, /SALESFORCE_INSTANCE_URL is not set/],
    [{ SALESFORCE_ACCESS_TOKEN: 't', SALESFORCE_INSTANCE_URL: 'not a url' }, /SALESFORCE_INSTANCE_URL is not a valid URL/],
    [{ SALESFORCE_CLIENT_ID: 'cid' }, /SALESFORCE_CLIENT_SECRET is not set/],
    [{ SALESFORCE_CLIENT_ID: 'cid', SALESFORCE_JWT_KEY: PEM }, /SALESFORCE_USERNAME is not set/],
    [{ SALESFORCE_CLIENT_ID: 'cid', SALESFORCE_USERNAME: 'u@x.com', SALESFORCE_JWT_KEY: 'garbage' }, /SALESFORCE_JWT_KEY does not hold an RSA private key/],
    [{ SALESFORCE_CLIENT_ID: 'cid', SALESFORCE_USERNAME: 'u@x.com', SALESFORCE_JWT_KEY_FILE: '/nonexistent/key.pem' }, /SALESFORCE_JWT_KEY_FILE: cannot read/],
    [{ SALESFORCE_ACCESS_TOKEN: 't', SALESFORCE_INSTANCE_URL: 'https://x.my.salesforce.com', SALESFORCE_API_VERSION: 'v62' }, /SALESFORCE_API_VERSION "v62"/],
  ])('bad environment %# -> ConfigError', async (env, message) => {
    setEnv(env as Record<string, string>);
    const error = await Promise.resolve()
      .then(() => createAdapter('salesforce', { config: config.crm, credentials: crmCredentials(env) }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('BEGIN PRIVATE KEY');
  });
});

describe('static token', () => {
  test('works; a refused token is AUTH with a fix, and never echoed', async () => {
    setEnv({ SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'static-token' });
    expect((await (await adapter()).pageCompanies({})).records).toHaveLength(20);
    setEnv({ SALESFORCE_ACCESS_TOKEN: 'wrong-token-value' });
    const error = await (await adapter()).pageCompanies({}).catch((e) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'AUTH', message: expect.stringMatching(/SALESFORCE_ACCESS_TOKEN/) });
    expect(error.message).not.toContain('wrong-token-value');
  });
});

describe('OAuth flows', () => {
  test('client credentials: token fetched once, renewed on expiry, every response counted', async () => {
    setEnv(oauthEnv());
    await clearSession();
    const calls: number[] = [];
    const a = await adapter({ calls });
    expect((await a.pageCompanies({})).records).toHaveLength(20);
    expect(calls).toEqual([200, 200]);
    await sleep(TTL_MS + 50);
    expect((await a.pageContacts({})).records).toHaveLength(20);
    // the refused call, the token, the call again
    expect(calls.slice(2)).toEqual([401, 200, 200]);
  });

  test('a refused token request is AUTH naming the variables, without the secret', async () => {
    setEnv({ ...oauthEnv(), SALESFORCE_LOGIN_URL: `${sandbox.url}/nowhere` });
    await clearSession();
    const error = await (await adapter()).pageCompanies({}).catch((e) => e);
    expect(error).toMatchObject({ code: 'AUTH', message: expect.stringMatching(/SALESFORCE_CLIENT_ID \/ SALESFORCE_CLIENT_SECRET/) });
    expect(error.message).not.toContain('top-secret');
  });

  test('refresh token rotation: the rotated token is kept in Redis and used by a second adapter', async () => {
    setEnv({ ...oauthEnv(), SALESFORCE_REFRESH_TOKEN: 'initial-refresh' });
    const prefix = await clearSession();
    const first = await adapter();
    await first.pageCompanies({});
    const rotated = await redis.get(`${prefix}:refresh-token`);
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe('initial-refresh');

    await sleep(TTL_MS + 50);
    // A new process: env still holds the spent refresh token; Redis has the current one.
    const second = await adapter();
    expect((await second.pageContacts({})).records).toHaveLength(20);
    const again = await redis.get(`${prefix}:refresh-token`);
    expect(again).not.toBe(rotated);
    // The first adapter picks up the session the second renewed.
    expect((await first.pageCompanies({})).records).toHaveLength(20);

    // Without the shared store, a process would be stuck with the spent token.
    await sleep(TTL_MS + 50);
    const isolated = await adapter({ redis: false });
    await expect(isolated.pageCompanies({})).rejects.toMatchObject({ code: 'AUTH', message: expect.stringMatching(/SALESFORCE_REFRESH_TOKEN/) });
    await clearSession();
  });

  test('many calls refused at once, in two processes, renew the session once', async () => {
    setEnv(oauthEnv());
    await clearSession();
    const [a, b] = [await adapter(), await adapter()];
    await a.pageCompanies({});
    await b.pageCompanies({});
    expect(await tokenCalls()).toBe(1);
    await sleep(TTL_MS + 50);
    const results = await Promise.all([...Array(8)].flatMap(() => [a.readCompanies([]), a.pageCompanies({}), b.pageContacts({}), b.pageCompanies({})]));
    expect(results).toHaveLength(32);
    expect(await tokenCalls()).toBe(2);
    await clearSession();
  });

  test('JWT bearer: an RS256 assertion signed with SALESFORCE_JWT_KEY (or _FILE)', async () => {
    setEnv({ SALESFORCE_LOGIN_URL: sandbox.url, SALESFORCE_CLIENT_ID: 'cid', SALESFORCE_USERNAME: 'integration@icp-sync.sandbox', SALESFORCE_JWT_KEY: PEM.replace(/\n/g, '\\n') });
    await clearSession();
    expect((await (await adapter()).pageCompanies({})).records).toHaveLength(20);
    await clearSession();
    const file = join(mkdtempSync(join(tmpdir(), 'icp-jwt-')), 'key.pem');
    writeFileSync(file, PEM, { mode: 0o600 });
    delete env.SALESFORCE_JWT_KEY;
    setEnv({ SALESFORCE_JWT_KEY_FILE: file });
    expect((await (await adapter()).pageContacts({})).records).toHaveLength(20);
    await clearSession();
    rmSync(dirname(file), { recursive: true });
    delete env.SALESFORCE_JWT_KEY_FILE;
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    setEnv({ SALESFORCE_JWT_KEY: other });
    await expect((await adapter()).pageCompanies({})).rejects.toMatchObject({ code: 'AUTH', message: expect.stringMatching(/certificate uploaded to the app/) });
    await clearSession();
  });
});
