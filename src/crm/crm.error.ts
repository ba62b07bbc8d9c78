export type CrmErrorCode = 'RATE_LIMITED' | 'DAILY_LIMIT' | 'TRANSIENT' | 'AUTH' | 'SETUP' | 'VALIDATION' | 'NOT_FOUND';

/**
 * The one error type that leaves an adapter. Processors map codes to queue actions: RATE_LIMITED
 * waits (retryAfterMs) without spending an attempt, TRANSIENT retries with backoff, DAILY_LIMIT
 * stops the run cleanly; AUTH (credentials, scopes) and SETUP (a property or field missing in the
 * CRM) stop the run with a message that says how to fix it; VALIDATION rejects one request.
 */
export class CrmError extends Error {
  constructor(
    readonly code: CrmErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; recordId?: string; recordIds?: string[] } = {},
  ) {
    super(message);
    this.name = 'CrmError';
  }

  get retryable(): boolean {
    return this.code === 'RATE_LIMITED' || this.code === 'TRANSIENT';
  }
}
