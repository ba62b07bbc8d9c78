import { CrmError } from '../crm.error';

/** How transient failures of one Salesforce request are retried before they reach the job. */
export interface RetryPolicy {
  /** Sends of one request, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out here: the error goes to the queue. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 300, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether Salesforce certainly did not act on the request: it refused it (concurrency limit,
 * 429, 503) or the connection never opened. Only then is a non-idempotent request sent again.
 */
export function refusedUnprocessed(err: CrmError): boolean {
  const status = err.details.status;
  return err.code === 'RATE_LIMITED' || status === 429 || status === 503 || /ECONNREFUSED/.test(err.message);
}

/** Full-jitter exponential backoff; a Retry-After the server gave wins when it is longer. */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs?: number, random = Math.random): number {
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = backoff / 2 + random() * (backoff / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Sends `send` until it succeeds, a bounded number of times: 5xx, timeouts, connection resets and
 * rate limits are retried with backoff (honouring Retry-After); anything else, or the last failure,
 * is thrown as is and counts against the job's attempts. A request that is not idempotent (a POST
 * that creates something, e.g. a Bulk API job) is sent again only when Salesforce refused it
 * unprocessed: a timed-out create may have succeeded, and a second one would leave a duplicate.
 */
export async function withRetries<T>(
  send: () => Promise<T>,
  options: {
    idempotent: boolean;
    policy?: RetryPolicy;
    /** The wait the server asked for (Retry-After), when it gave one. */
    retryAfterMs?: (err: CrmError) => number | undefined;
    onRetry?: (err: CrmError, retry: number, delayMs: number) => void;
  },
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!(err instanceof CrmError) || !err.retryable || attempt >= policy.attempts) throw err;
      if (!options.idempotent && !refusedUnprocessed(err)) throw err;
      const retryAfter = options.retryAfterMs?.(err);
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) throw err;
      const delay = retryDelay(policy, attempt, retryAfter);
      options.onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}

/**
 * How long one attempt of an idempotent request may take before it is abandoned and sent again.
 * A fixed timeout is either too long (a hung request holds its batch for minutes) or too short
 * for a slow org, so it follows the latencies seen: a multiple of the recent 95th percentile, at
 * least `minMs`, doubling with each attempt (a request that is slow for real gets the time it
 * needs on the next one), at most `maxMs`. Before enough samples, `initialMs`.
 */
export class AttemptTimeouts {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(
    private readonly options = { factor: 5, minMs: 500, initialMs: 20_000, maxMs: 120_000, window: 200, minSamples: 5 },
  ) {}

  record(latencyMs: number): void {
    if (this.samples.length < this.options.window) this.samples.push(latencyMs);
    else this.samples[this.next] = latencyMs;
    this.next = (this.next + 1) % this.options.window;
  }

  forAttempt(attempt: number): number {
    const { factor, minMs, initialMs, maxMs, minSamples } = this.options;
    let base = initialMs;
    if (this.samples.length >= minSamples) {
      const sorted = [...this.samples].sort((a, b) => a - b);
      base = Math.max(minMs, factor * sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]);
    }
    return Math.min(maxMs, base * 2 ** (attempt - 1));
  }
}
