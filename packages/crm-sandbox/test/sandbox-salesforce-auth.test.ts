import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import jsforce from 'jsforce';
import { startSalesforceSandbox, type RunningSalesforceSandbox } from '../src/salesforce/server';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

let sandbox: RunningSalesforceSandbox;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({
    companies: 10, contacts: 10, token: 'static-token', tokenTtlMs: 300, refreshToken: 'initial-refresh',
    jwtPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
});
afterAll(() => sandbox.close());

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(claims: Record<string, unknown>, alg = 'RS256', key = privateKey): string {
  const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}

async function token(params: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${sandbox.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('OAuth token endpoint', () => {
  test('client credentials through jsforce, with the real response shape and signature', async () => {
    const conn = new jsforce.Connection({ oauth2: { loginUrl: sandbox.url, clientId: 'cid', clientSecret: 'secret' }, version: '62.0' });
    const user = await conn.authorize({ grant_type: 'client_credentials' });
    expect(user.id).toMatch(/^005/);
    expect(conn.instanceUrl).toBe(sandbox.url);
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(10);

    const { status, body } = await token({ grant_type: 'client_credentials', client_id: 'cid', client_secret: 'secret' });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', instance_url: sandbox.url, id: expect.stringMatching(/\/id\/00D\w{15}\/005\w{15}$/) });
    expect(body.signature).toBe(createHmac('sha256', 'secret').update(body.id + body.issued_at).digest('base64'));
  });

  test('errors are {error, error_description} with 400', async () => {
    expect(await token({ grant_type: 'client_credentials', client_id: 'cid' })).toEqual({ status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } });
    expect(await token({ grant_type: 'password', client_id: 'cid' })).toEqual({ status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } });
  });

  test('refresh tokens rotate: the new one works once, the old one never again', async () => {
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
    const oauth2 = new jsforce.OAuth2({ loginUrl: sandbox.url, clientId: 'cid', clientSecret: 'secret' });
    const first = await oauth2.refreshToken('initial-refresh');
    expect(first.refresh_token).toBeDefined();
    expect(first.refresh_token).not.toBe('initial-refresh');
    await expect(oauth2.refreshToken('initial-refresh')).rejects.toMatchObject({ name: 'invalid_grant', message: 'expired access/refresh token' });
    const second = await oauth2.refreshToken(first.refresh_token!);
    expect(second.refresh_token).not.toBe(first.refresh_token);
  });

  test('JWT bearer: RS256 assertion with iss, sub, aud and exp; signature checked', async () => {
    const claims = { iss: 'cid', sub: 'integration@icp-sync.sandbox', aud: sandbox.url, exp: Math.floor(Date.now() / 1000) + 180 };
    const conn = new jsforce.Connection({ oauth2: { loginUrl: sandbox.url }, version: '62.0' });
    await conn.authorize({ grant_type: JWT_BEARER, assertion: jwt(claims) });
    expect((await conn.query('SELECT COUNT() FROM Contact')).totalSize).toBe(10);

    const refused = async (assertion: string) => (await token({ grant_type: JWT_BEARER, assertion })).body;
    expect(await refused(jwt({ ...claims, aud: 'https://example.com' }))).toEqual({ error: 'invalid_grant', error_description: 'audience is invalid' });
    expect(await refused(jwt({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }))).toMatchObject({ error: 'invalid_grant' });
    expect(await refused(jwt({ ...claims, iss: undefined }))).toMatchObject({ error: 'invalid_client_id' });
    expect(await refused(jwt(claims, 'HS256'))).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
    expect(await refused(jwt(claims, 'RS256', otherKey))).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
    expect(await refused('not-a-jwt')).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
  });
});

describe('sessions', () => {
  test('with --token only that token (or an issued one) is accepted', async () => {
    const wrong = new jsforce.Connection({ instanceUrl: sandbox.url, accessToken: 'other', version: '62.0' });
    await expect(wrong.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
    const right = new jsforce.Connection({ instanceUrl: sandbox.url, accessToken: 'static-token', version: '62.0' });
    expect((await right.query('SELECT Id FROM Account')).totalSize).toBe(10);
    const bare = await fetch(`${sandbox.url}/services/data/v62.0/limits`);
    expect([bare.status, await bare.json()]).toEqual([401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]]);
  });

  test('expired tokens get 401 and jsforce refreshes; the rotated refresh token comes with the refresh event', async () => {
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
    const issued = await new jsforce.OAuth2({ loginUrl: sandbox.url, clientId: 'cid', clientSecret: 'secret' }).refreshToken('initial-refresh');
    const conn = new jsforce.Connection({
      oauth2: { loginUrl: sandbox.url, clientId: 'cid', clientSecret: 'secret' },
      instanceUrl: sandbox.url, accessToken: issued.access_token, refreshToken: issued.refresh_token, version: '62.0',
    });
    const rotated: string[] = [];
    conn.on('refresh', (_accessToken: string, response: { refresh_token?: string }) => rotated.push(response.refresh_token!));
    await sleep(350);
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(10);
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).not.toBe(issued.refresh_token);
    // jsforce keeps the spent refresh token: the next expiry cannot be refreshed without the saved one.
    await sleep(350);
    await expect(conn.query('SELECT COUNT() FROM Account')).rejects.toThrow('expired access/refresh token');
  });
});
