import { CrmError } from '../crm.error';

/** What jsforce throws for an API error: HttpApiError (name = errorCode) or an OAuth error (name = error). */
interface JsforceError {
  name?: string;
  errorCode?: string;
  message?: string;
  code?: string;
  data?: unknown;
}

/** Set on errors thrown from our transport when the HTTP status is known. */
export const STATUS = Symbol('salesforce.status');

/** How long to wait when the org's concurrent long-running request limit is hit. */
export const CONCURRENCY_RETRY_MS = 5_000;

export const SETUP_HINT =
  'run `icp-sync setup --crm salesforce` (fields are invisible until the permission set is assigned)';

const NETWORK = /ECONNRESET|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EPIPE|ENETUNREACH|EHOSTUNREACH|UND_ERR|socket hang up|aborted|network|fetch failed/i;

function errorCodeOf(e: JsforceError): string {
  return e.errorCode ?? e.name ?? '';
}

/** Turns whatever jsforce threw into a CrmError that says what to do about it. */
export function toCrmError(err: unknown, what: string): CrmError {
  if (err instanceof CrmError) return err;
  const e = (err ?? {}) as JsforceError & { [STATUS]?: number };
  const code = errorCodeOf(e);
  const message = e.message ?? String(err);
  const status = e[STATUS];
  const details = status ? { status } : {};

  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    if (/ConcurrentPerOrgLongTxn|Concurrent/i.test(message)) {
      return new CrmError('RATE_LIMITED', `Salesforce concurrent request limit hit while ${what}: ${message}`, { ...details, retryAfterMs: CONCURRENCY_RETRY_MS });
    }
    return new CrmError('DAILY_LIMIT', `Salesforce's daily API allocation is used up (while ${what}: ${message}); the run stops and the next run resumes. Raise the allocation or run less often.`, details);
  }
  if (code === 'INVALID_SESSION_ID') {
    return new CrmError('AUTH', `Salesforce rejected the session while ${what} (INVALID_SESSION_ID): the access token is expired or revoked. Set SALESFORCE_CLIENT_ID/SALESFORCE_CLIENT_SECRET (with SALESFORCE_REFRESH_TOKEN or a JWT key) so icp-sync can renew it, or put a fresh SALESFORCE_ACCESS_TOKEN in .env.`, details);
  }
  if (['INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED', 'FUNCTIONALITY_NOT_ENABLED'].includes(code)) {
    return new CrmError('AUTH', `Salesforce refused ${what} (${code}): ${message}. Give the integration user the "API Enabled" and "Customize Application" permissions (Setup > Users).`, details);
  }
  if (code === 'INVALID_FIELD' || /No such column/i.test(message)) {
    // The SOQL error repeats the whole query: keep the sentence that names the field.
    const column = /No such column '([^']+)' on entity '([^']+)'/.exec(message);
    const short = column ? `no field ${column[1]} on ${column[2]}` : message;
    return new CrmError('SETUP', `Salesforce does not know a field while ${what} (INVALID_FIELD: ${short}). If it is an ICP field, ${SETUP_HINT}; else fix the field mapping in config/crm.yaml.`, details);
  }
  if (code === 'INVALID_QUERY_LOCATOR') {
    return new CrmError('NOT_FOUND', `Salesforce no longer has the query cursor while ${what} (INVALID_QUERY_LOCATOR: expired after about 15 minutes idle, or more than 10 open cursors)`, details);
  }
  if (code === 'NOT_FOUND' || code === 'ENTITY_IS_DELETED' || status === 404) {
    return new CrmError('NOT_FOUND', `Salesforce found nothing while ${what}: ${message}`, details);
  }
  if (code === 'UNABLE_TO_LOCK_ROW' || code === 'REQUEST_TIMEOUT' || code === 'SERVER_UNAVAILABLE' || code === 'UNKNOWN_EXCEPTION' || (status !== undefined && status >= 500)) {
    return new CrmError('TRANSIENT', `Salesforce error while ${what} (${code || status}): ${message}`, details);
  }
  if (status === undefined && (NETWORK.test(message) || NETWORK.test(e.code ?? '') || e.name === 'FetchError' || e.name === 'AbortError')) {
    return new CrmError('TRANSIENT', `Salesforce could not be reached while ${what}: ${message}`);
  }
  if (/^ERROR_HTTP_5\d\d$/.test(code)) return new CrmError('TRANSIENT', `Salesforce error while ${what} (${code}): ${message}`, details);
  return new CrmError('VALIDATION', `Salesforce rejected ${what} (${code || 'error'}): ${message}`, details);
}

/** OAuth token endpoint errors ({error, error_description}) become AUTH, except outages. */
export function tokenError(err: unknown, flow: string, fix: string): CrmError {
  const e = (err ?? {}) as JsforceError & { [STATUS]?: number };
  const status = e[STATUS];
  if ((status !== undefined && status >= 500) || /^ERROR_HTTP_5/.test(e.name ?? '') || (status === undefined && (e.name === 'FetchError' || NETWORK.test(e.message ?? '')))) {
    return new CrmError('TRANSIENT', `Salesforce's token endpoint failed during the ${flow} flow: ${e.message ?? String(err)}`);
  }
  return new CrmError('AUTH', `Salesforce refused the ${flow} token request (${e.name ?? 'error'}: ${e.message ?? 'no description'}): ${fix}`, status ? { status } : {});
}
