import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CrmConfig } from '../config/crm.schema';
import { requireCredentials, type CrmCredentials } from '../config/env.schema';
import { createRequestLimiter, type RequestLimiter } from '../queue/limiter';
import { accountKeys } from '../sync/keys';
import type { CrmAdapter, CrmName } from './adapter';
import type { RetryPolicy } from './hubspot/hubspot.api';

export interface AdapterOptions {
  config: CrmConfig;
  /** From the environment, parsed once at the edge (config/env.schema.ts). */
  credentials: CrmCredentials;
  /** Shares the request budget with every process on this Redis; in-process when absent. */
  redis?: Redis;
  /** Namespaces the shared limiter (tests run isolated budgets). */
  namespace?: string;
  onApiCall?: (crm: CrmName, status: number) => void;
  /** HubSpot's per-request retry policy (tests and benches shorten the timeout). */
  hubspotRetry?: Partial<RetryPolicy>;
}

function accountKey(...parts: string[]): string {
  // A digest, never the token itself: limiter keys are visible in Redis.
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

async function hubspotAdapter(options: AdapterOptions): Promise<CrmAdapter> {
  requireCredentials(options.credentials, 'hubspot');
  // Each CRM's SDK is loaded only by the processes that talk to it (memory: a Salesforce worker never holds the HubSpot client).
  const [{ HubSpotAdapter }, { HubSpotApi }] = await Promise.all([import('./hubspot/hubspot.adapter'), import('./hubspot/hubspot.api')]);
  const { accessToken, baseUrl: basePath } = options.credentials.hubspot!;
  const { rateLimit, searchPerSecond, apiVersion, dailyReserve } = options.config.hubspot;
  const account = accountKey(basePath, accessToken);
  const namespace = options.namespace ?? 'default';
  const limiters: RequestLimiter[] = [
    createRequestLimiter({ id: accountKeys.limiter(namespace, 'hubspot', account), max: rateLimit.max, intervalMs: rateLimit.intervalSeconds * 1000, redis: options.redis }),
    createRequestLimiter({ id: accountKeys.searchLimiter(namespace, account), max: searchPerSecond, intervalMs: 1000, redis: options.redis }),
  ];
  const api = new HubSpotApi({
    accessToken,
    basePath,
    apiVersion,
    dailyReserve,
    limiter: limiters[0],
    searchLimiter: limiters[1],
    onApiCall: (status) => options.onApiCall?.('hubspot', status),
    retry: options.hubspotRetry,
  });
  return new HubSpotAdapter(api, options.config.hubspot, limiters);
}

/** The adapter for a CRM with the given credentials; ConfigError (no retry, exit 2) when they are missing. */
export async function createAdapter(crm: CrmName, options: AdapterOptions): Promise<CrmAdapter> {
  if (crm === 'hubspot') return hubspotAdapter(options);
  const { salesforceAdapter } = await import('./salesforce');
  return salesforceAdapter(options);
}
