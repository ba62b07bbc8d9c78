import { createHash } from 'node:crypto';
import { logger } from '../../log';
import type { CrmAdapter } from '../adapter';
import type { AdapterOptions } from '../index';
import { SalesforceAdapter } from './salesforce.adapter';
import { SalesforceClient } from './salesforce.client';
import { requireCredentials } from '../../config/env.schema';
import { accountKeys } from '../../sync/keys';

/** The Salesforce adapter with the given credentials; ConfigError when they are missing. */
export function salesforceAdapter(options: AdapterOptions): CrmAdapter {
  requireCredentials(options.credentials, 'salesforce');
  const { auth, apiVersion } = options.credentials.salesforce!;
  const config = options.config.salesforce;
  const org = auth.flow === 'static' ? auth.instanceUrl : `${auth.loginUrl}\n${auth.clientId}`;
  // A digest, never a credential: limiter keys are visible in Redis.
  const account = createHash('sha256').update(org).digest('hex').slice(0, 16);
  const client = new SalesforceClient(auth, {
    apiVersion,
    apiReserve: config.apiReserve,
    concurrency: config.concurrency,
    redis: options.redis,
    limiterId: accountKeys.limiter(options.namespace ?? 'default', 'salesforce', account),
    onApiCall: (status) => options.onApiCall?.('salesforce', status),
    onRetry: (what, err, retry, delayMs) => logger.debug({ crm: 'salesforce', what, err: err.message, retry, delayMs: Math.round(delayMs) }, 'transient failure: retrying the request'),
  });
  return new SalesforceAdapter(client, config);
}
