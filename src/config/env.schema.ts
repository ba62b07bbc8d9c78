import { z } from 'zod';
import type { CrmName } from '../crm/adapter';
import { salesforceEnv, type SalesforceEnv } from '../crm/salesforce/salesforce.env';
import { ConfigError } from './config.error';
import { formatIssues } from './issues';

export const HUBSPOT_DEFAULT_BASE_URL = 'https://api.hubapi.com';
/** REDIS_URL unset. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** ICP_SYNC_QUEUE unset: the queue, and the prefix of every key of this deployment. */
export const DEFAULT_QUEUE_NAME = 'icp-sync';
/** ICP_SYNC_LOCK_MS unset: how long a job's lock lasts (a killed worker's jobs are retried after it). */
export const DEFAULT_LOCK_MS = 30_000;
const MIN_LOCK_MS = 1000;

/** pino's levels, the values LOG_LEVEL takes. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const port = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? Number(v) : undefined))
  .pipe(z.number().int().min(0).max(65535).optional());
const lockMs = optionalText
  .pipe(z.string().regex(/^\d+$/, `a whole number of milliseconds, e.g. ${DEFAULT_LOCK_MS} (the default)`).optional())
  .transform((v) => (v === undefined ? undefined : Number(v)))
  .pipe(z.number().min(MIN_LOCK_MS, `at least ${MIN_LOCK_MS} (milliseconds; the default is ${DEFAULT_LOCK_MS})`).optional());

/** The environment icp-sync reads (DESIGN.md, Environment), as strings; `.env.example` lists them all. */
export const envSchema = z.looseObject({
  REDIS_URL: optionalText,
  ICP_CONFIG_DIR: optionalText,
  ICP_SYNC_QUEUE: optionalText,
  ICP_SYNC_LOCK_MS: lockMs,
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS).optional()),
  HUBSPOT_ACCESS_TOKEN: optionalText,
  HUBSPOT_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'a URL such as https://api.hubapi.com' }).optional()),
  HUBSPOT_CLIENT_SECRET: optionalText,
  HUBSPOT_WEBHOOK_KEY: optionalText,
  ICP_SYNC_HTTP_PORT: port,
  ICP_SYNC_HTTP_HOST: optionalText,
  ICP_SYNC_API_TOKEN: optionalText,
});

export interface HubSpotCredentials {
  accessToken: string;
  baseUrl: string;
}

/** What each CRM adapter needs to connect; a CRM without them is absent, with the reason in `missing`. */
export interface CrmCredentials {
  hubspot?: HubSpotCredentials;
  salesforce?: SalesforceEnv;
  /** Why a CRM has no credentials, in words that say what to set. */
  missing: Partial<Record<CrmName, string>>;
}

const SALESFORCE_VARS = /^SALESFORCE_(ACCESS_TOKEN|INSTANCE_URL|CLIENT_ID|CLIENT_SECRET|REFRESH_TOKEN|LOGIN_URL|USERNAME|JWT_KEY|JWT_KEY_FILE)$/;

export const HUBSPOT_MISSING =
  'HUBSPOT_ACCESS_TOKEN is not set: create a HubSpot Service Key (Settings > Integrations > Service Keys) or use a legacy private app token, and put it in .env or the environment.';

/**
 * The credentials in an environment. A CRM none of whose variables is set is simply absent; one
 * that is set up incompletely (a client id without its secret, a bad URL) is a ConfigError.
 */
export function crmCredentials(env: Record<string, string | undefined>): CrmCredentials {
  const parsed = parseEnvVars(env);
  const credentials: CrmCredentials = { missing: {} };
  if (parsed.HUBSPOT_ACCESS_TOKEN) {
    credentials.hubspot = { accessToken: parsed.HUBSPOT_ACCESS_TOKEN, baseUrl: (parsed.HUBSPOT_BASE_URL ?? HUBSPOT_DEFAULT_BASE_URL).replace(/\/+$/, '') };
  } else {
    credentials.missing.hubspot = HUBSPOT_MISSING;
  }
  if (Object.keys(env).some((name) => SALESFORCE_VARS.test(name) && env[name]?.trim())) {
    credentials.salesforce = salesforceEnv(env);
  } else {
    credentials.missing.salesforce =
      'no Salesforce credentials: set SALESFORCE_INSTANCE_URL + SALESFORCE_ACCESS_TOKEN, or SALESFORCE_LOGIN_URL + SALESFORCE_CLIENT_ID + SALESFORCE_CLIENT_SECRET (see .env.example).';
  }
  return credentials;
}

function parseWith<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigError(formatIssues('environment', result.error.issues, env));
  return result.data;
}

const parseEnvVars = (env: Record<string, string | undefined>) => parseWith(envSchema, env);

/** What a command that uses the queue needs of the environment, defaults applied. */
export interface QueueEnv {
  /** REDIS_URL */
  redisUrl: string;
  /** ICP_SYNC_QUEUE */
  queue: string;
  /** ICP_SYNC_LOCK_MS */
  lockMs: number;
}

const queueEnvSchema = envSchema.pick({ REDIS_URL: true, ICP_SYNC_QUEUE: true, ICP_SYNC_LOCK_MS: true });

function queueEnv(parsed: z.output<typeof queueEnvSchema>): QueueEnv {
  return { redisUrl: parsed.REDIS_URL ?? DEFAULT_REDIS_URL, queue: parsed.ICP_SYNC_QUEUE ?? DEFAULT_QUEUE_NAME, lockMs: parsed.ICP_SYNC_LOCK_MS ?? DEFAULT_LOCK_MS };
}

/** The queue's variables alone: for commands that need no credentials (`runs`, `demo`), whatever else the environment holds. */
export function parseQueueEnv(env: Record<string, string | undefined>): QueueEnv {
  return queueEnv(parseWith(queueEnvSchema, env));
}

/** LOG_LEVEL alone (undefined when unset): every command's logger level, set once by the CLI. */
export function parseLogLevel(env: Record<string, string | undefined>): LogLevel | undefined {
  return parseWith(envSchema.pick({ LOG_LEVEL: true }), env).LOG_LEVEL;
}

/** The environment, parsed once at the edge (the CLI) and passed down. */
export interface AppEnv extends QueueEnv {
  configDir?: string;
  /** LOG_LEVEL, when set. */
  logLevel?: LogLevel;
  httpPort?: number;
  httpHost?: string;
  apiToken?: string;
  hubspotClientSecret?: string;
  hubspotWebhookKey?: string;
  credentials: CrmCredentials;
}

export function parseEnv(env: Record<string, string | undefined>): AppEnv {
  const parsed = parseEnvVars(env);
  return {
    ...queueEnv(parsed),
    configDir: parsed.ICP_CONFIG_DIR,
    logLevel: parsed.LOG_LEVEL,
    httpPort: parsed.ICP_SYNC_HTTP_PORT,
    httpHost: parsed.ICP_SYNC_HTTP_HOST,
    apiToken: parsed.ICP_SYNC_API_TOKEN,
    hubspotClientSecret: parsed.HUBSPOT_CLIENT_SECRET,
    hubspotWebhookKey: parsed.HUBSPOT_WEBHOOK_KEY,
    credentials: crmCredentials(env),
  };
}

/** The credentials of `crm`, or a ConfigError (exit 2) that says what to set. */
export function requireCredentials(credentials: CrmCredentials, crm: CrmName): void {
  if (!credentials[crm]) throw new ConfigError(credentials.missing[crm] ?? `no ${crm} credentials`);
}
