import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../config/config.error';

export const SALESFORCE_DEFAULT_API_VERSION = '62.0';
export const SALESFORCE_DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

/** How icp-sync gets its access token, from the environment (DESIGN.md "Environment"). */
export type SalesforceAuth =
  | { flow: 'static'; instanceUrl: string; accessToken: string }
  | { flow: 'client_credentials'; loginUrl: string; clientId: string; clientSecret: string }
  | { flow: 'refresh_token'; loginUrl: string; clientId: string; clientSecret?: string; refreshToken: string }
  | { flow: 'jwt'; loginUrl: string; clientId: string; username: string; privateKey: KeyObject };

export interface SalesforceEnv {
  auth: SalesforceAuth;
  apiVersion: string;
}

type Env = Record<string, string | undefined>;

const FLOWS =
  'Set SALESFORCE_INSTANCE_URL + SALESFORCE_ACCESS_TOKEN (a static token), or SALESFORCE_LOGIN_URL (your My Domain URL) + SALESFORCE_CLIENT_ID + ' +
  'SALESFORCE_CLIENT_SECRET (client credentials flow; add SALESFORCE_REFRESH_TOKEN for the refresh token flow), or ' +
  'SALESFORCE_CLIENT_ID + SALESFORCE_USERNAME + SALESFORCE_JWT_KEY_FILE (JWT bearer flow), in .env or the environment (see .env.example).';

function url(env: Env, name: string, fallback?: string): string {
  const value = env[name]?.trim() || fallback;
  if (!value) throw new ConfigError(`${name} is not set. ${FLOWS}`);
  try {
    const parsed = new URL(value);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error('not http(s)');
  } catch {
    throw new ConfigError(`${name} is not a valid URL ("${value}"): use e.g. https://mydomain.my.salesforce.com`);
  }
  return value.replace(/\/+$/, '');
}

function jwtKey(env: Env): KeyObject | undefined {
  const file = env.SALESFORCE_JWT_KEY_FILE?.trim();
  const inline = env.SALESFORCE_JWT_KEY?.trim();
  if (!file && !inline) return undefined;
  const name = file ? 'SALESFORCE_JWT_KEY_FILE' : 'SALESFORCE_JWT_KEY';
  let pem: string;
  try {
    pem = file ? readFileSync(file, 'utf8') : inline!.replace(/\\n/g, '\n');
  } catch (err) {
    throw new ConfigError(`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): point it at the PEM private key of the certificate uploaded to the External Client App.`);
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return key;
  } catch {
    // Never echo the key itself.
    throw new ConfigError(`${name} does not hold an RSA private key in PEM format: use the private key of the certificate uploaded to the External Client App.`);
  }
}

/** Reads the Salesforce settings; ConfigError naming the variable and the fix when they are incomplete. */
export function salesforceEnv(env: Env): SalesforceEnv {
  const apiVersion = env.SALESFORCE_API_VERSION?.trim() || SALESFORCE_DEFAULT_API_VERSION;
  if (!/^\d{2,3}\.0$/.test(apiVersion)) {
    throw new ConfigError(`SALESFORCE_API_VERSION "${apiVersion}" is not an API version: use e.g. ${SALESFORCE_DEFAULT_API_VERSION} (or unset it).`);
  }
  const clientId = env.SALESFORCE_CLIENT_ID?.trim();
  if (!clientId) {
    const accessToken = env.SALESFORCE_ACCESS_TOKEN?.trim();
    if (!accessToken) throw new ConfigError(`SALESFORCE_ACCESS_TOKEN is not set (and no SALESFORCE_CLIENT_ID either). ${FLOWS}`);
    return { apiVersion, auth: { flow: 'static', instanceUrl: url(env, 'SALESFORCE_INSTANCE_URL'), accessToken } };
  }
  const loginUrl = url(env, 'SALESFORCE_LOGIN_URL', SALESFORCE_DEFAULT_LOGIN_URL);
  const clientSecret = env.SALESFORCE_CLIENT_SECRET?.trim() || undefined;
  const refreshToken = env.SALESFORCE_REFRESH_TOKEN?.trim();
  if (refreshToken) return { apiVersion, auth: { flow: 'refresh_token', loginUrl, clientId, clientSecret, refreshToken } };
  const privateKey = jwtKey(env);
  if (privateKey) {
    const username = env.SALESFORCE_USERNAME?.trim();
    if (!username) throw new ConfigError('SALESFORCE_USERNAME is not set: the JWT bearer flow needs the integration user\'s username (e.g. integration@example.com).');
    return { apiVersion, auth: { flow: 'jwt', loginUrl, clientId, username, privateKey } };
  }
  if (!clientSecret) {
    throw new ConfigError(`SALESFORCE_CLIENT_SECRET is not set: SALESFORCE_CLIENT_ID alone is not enough. ${FLOWS}`);
  }
  return { apiVersion, auth: { flow: 'client_credentials', loginUrl, clientId, clientSecret } };
}
