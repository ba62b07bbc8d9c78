import { createHash, randomUUID, sign } from 'node:crypto';
import type { Redis } from 'ioredis';
import { OAuth2 } from 'jsforce';
import type Transport from 'jsforce/lib/transport';
import { CrmError } from '../crm.error';
import type { SalesforceAuth } from './salesforce.env';
import { tokenError } from './salesforce.errors';
import { withRetries } from './salesforce.retry';
import { accountKeys } from '../../sync/keys';

export interface SalesforceToken {
  accessToken: string;
  instanceUrl: string;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce does not say when a session ends; a cached token is dropped after this anyway. */
const TOKEN_TTL_S = 12 * 3600;
const LOCK_MS = 15_000;
const WAIT_STEP_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

const FIXES: Record<Exclude<SalesforceAuth['flow'], 'static'>, string> = {
  client_credentials:
    'check SALESFORCE_CLIENT_ID / SALESFORCE_CLIENT_SECRET (the External Client App\'s consumer key and secret), that SALESFORCE_LOGIN_URL is the org\'s My Domain URL, and that the app enables the client credentials flow with a "Run As" user.',
  refresh_token:
    'SALESFORCE_REFRESH_TOKEN is revoked or was rotated by a process without access to this Redis; authorise the External Client App (or legacy connected app) again and put the new refresh token in .env.',
  jwt: 'check SALESFORCE_CLIENT_ID, SALESFORCE_USERNAME (pre-authorised for the External Client App) and that the key matches the certificate uploaded to the app.',
};

/**
 * The access token of one Salesforce account, shared by every process on the same Redis: the
 * token in use is cached there, and when it expires one process renews it under a lock while the
 * others wait and reuse the new one. With the refresh token flow, Salesforce may rotate the refresh
 * token on use; the newest one is kept in Redis too (jsforce would keep using the spent one).
 */
export class SalesforceSession {
  private token?: SalesforceToken;
  private renewing?: { stale: string | undefined; promise: Promise<SalesforceToken> };
  private refreshToken?: string;
  private readonly prefix: string;

  constructor(
    private readonly auth: SalesforceAuth,
    private readonly transport: Transport,
    private readonly redis?: Redis,
  ) {
    if (auth.flow === 'static') {
      this.token = { accessToken: auth.accessToken, instanceUrl: auth.instanceUrl };
      this.prefix = '';
      return;
    }
    this.prefix = SalesforceSession.redisPrefix(auth);
    if (auth.flow === 'refresh_token') this.refreshToken = auth.refreshToken;
  }

  /**
   * Where the shared token and the rotated refresh token live in Redis: per account and configured
   * credential (a new SALESFORCE_REFRESH_TOKEN starts afresh); digests only, never a secret.
   */
  static redisPrefix(auth: Exclude<SalesforceAuth, { flow: 'static' }>): string {
    const credential = auth.flow === 'refresh_token' ? auth.refreshToken : auth.flow === 'jwt' ? auth.username : '';
    return accountKeys.salesforceSession(digest(auth.loginUrl, auth.clientId, credential));
  }

  get renewable(): boolean {
    return this.auth.flow !== 'static';
  }

  /** The token to use now: in memory, else the one shared in Redis, else a new one. */
  async current(): Promise<SalesforceToken> {
    if (this.token) return this.token;
    const shared = await this.shared();
    if (shared) return (this.token = shared);
    return this.renew(undefined);
  }

  /**
   * A token other than `stale` (the one Salesforce just refused). Concurrent callers, in this
   * process and others, share one renewal.
   */
  renew(stale: string | undefined): Promise<SalesforceToken> {
    if (!this.renewable) {
      return Promise.reject(new CrmError('AUTH', 'Salesforce rejected SALESFORCE_ACCESS_TOKEN (INVALID_SESSION_ID): it is expired or revoked. Put a fresh one in .env, or configure an OAuth flow (SALESFORCE_CLIENT_ID ...) so icp-sync renews it itself.', { status: 401 }));
    }
    if (this.token && this.token.accessToken !== stale) return Promise.resolve(this.token);
    if (this.renewing && this.renewing.stale === stale) return this.renewing.promise;
    const promise = this.renewShared(stale).finally(() => {
      if (this.renewing?.promise === promise) this.renewing = undefined;
    });
    this.renewing = { stale, promise };
    return promise;
  }

  private async shared(): Promise<SalesforceToken | undefined> {
    const raw = await this.redis?.get(`${this.prefix}:token`);
    return raw ? (JSON.parse(raw) as SalesforceToken) : undefined;
  }

  private async renewShared(stale: string | undefined): Promise<SalesforceToken> {
    if (!this.redis) return (this.token = await this.requestToken());
    const lock = `${this.prefix}:lock`;
    const owner = randomUUID();
    const deadline = Date.now() + LOCK_MS * 2;
    while (Date.now() < deadline) {
      const shared = await this.shared();
      if (shared && shared.accessToken !== stale) return (this.token = shared);
      if (await this.redis.set(lock, owner, 'PX', LOCK_MS, 'NX')) {
        try {
          // Another process may have renewed between our read and the lock.
          const again = await this.shared();
          if (again && again.accessToken !== stale) return (this.token = again);
          const token = await this.requestToken();
          await this.redis.set(`${this.prefix}:token`, JSON.stringify(token), 'EX', TOKEN_TTL_S);
          return (this.token = token);
        } finally {
          await this.redis.eval(RELEASE, 1, lock, owner);
        }
      }
      await sleep(WAIT_STEP_MS);
    }
    throw new CrmError('TRANSIENT', 'waited too long for another icp-sync process to renew the Salesforce session');
  }

  private oauth2(config: ConstructorParameters<typeof OAuth2>[0]): OAuth2 {
    const oauth2 = new OAuth2(config);
    oauth2._transport = this.transport;
    return oauth2;
  }

  /**
   * Token requests are retried on transient failures like any call; a refresh token is sent only
   * once unless refused unprocessed, as Salesforce may rotate it on use.
   */
  private requestToken(): Promise<SalesforceToken> {
    return withRetries(() => this.requestTokenOnce(), { idempotent: this.auth.flow !== 'refresh_token' });
  }

  private async requestTokenOnce(): Promise<SalesforceToken> {
    const auth = this.auth;
    if (auth.flow === 'static') throw new Error('unreachable');
    try {
      if (auth.flow === 'client_credentials') {
        const response = await this.oauth2({ loginUrl: auth.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret }).requestToken({ grant_type: 'client_credentials' });
        return { accessToken: response.access_token, instanceUrl: response.instance_url };
      }
      if (auth.flow === 'jwt') {
        const response = await this.oauth2({ loginUrl: auth.loginUrl }).requestToken({ grant_type: JWT_BEARER, assertion: this.assertion(auth) });
        return { accessToken: response.access_token, instanceUrl: response.instance_url };
      }
      const key = `${this.prefix}:refresh-token`;
      const refreshToken = (await this.redis?.get(key)) ?? this.refreshToken!;
      const response = await this.oauth2({ loginUrl: auth.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret }).refreshToken(refreshToken);
      if (response.refresh_token && response.refresh_token !== refreshToken) {
        // Rotated: the old one is spent. Every process must use the new one from now on.
        this.refreshToken = response.refresh_token;
        await this.redis?.set(key, response.refresh_token);
      }
      return { accessToken: response.access_token, instanceUrl: response.instance_url };
    } catch (err) {
      throw tokenError(err, auth.flow.replace('_', ' '), FIXES[auth.flow]);
    }
  }

  /** RS256 JWT bearer assertion (iss = client id, sub = username, aud = login URL), valid 3 minutes. */
  private assertion(auth: Extract<SalesforceAuth, { flow: 'jwt' }>): string {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = { iss: auth.clientId, sub: auth.username, aud: auth.loginUrl, exp: Math.floor(Date.now() / 1000) + 180 };
    const unsigned = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
    return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), auth.privateKey).toString('base64url')}`;
  }
}
