import { DelayedError, RateLimitError, UnrecoverableError, WaitingChildrenError, Worker, type Job, type Queue } from 'bullmq';
import { ConfigError } from '../config/config.error';
import { CrmError } from '../crm/crm.error';
import { EngineError } from '../sync/engine.error';

/** True when BullMQ will not try this job again after the current attempt fails. */
export function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Maps an error to what the queue should do: a rate limit pauses the whole queue for Retry-After
 * (the attempt is not spent); auth, validation and the daily limit fail at once; anything else
 * is rethrown for exponential backoff. `onFinal` runs when the job will not be retried.
 */
export async function handleJobError(error: unknown, job: Job, queue: Queue, onFinal: (message: string, code?: string) => Promise<void>): Promise<never> {
  // The queue's own signals (a step job waiting or delayed) are not failures.
  if (error instanceof DelayedError || error instanceof WaitingChildrenError || error instanceof RateLimitError) throw error;
  if (error instanceof EngineError && !error.retryable) {
    await onFinal(error.message, error.code);
    throw new UnrecoverableError(error.message);
  }
  // Missing or incomplete credentials or settings: no retry will find them.
  if (error instanceof ConfigError) {
    await onFinal(error.message, 'CONFIG');
    throw new UnrecoverableError(error.message);
  }
  if (error instanceof CrmError) {
    if (error.code === 'RATE_LIMITED') {
      await queue.rateLimit(error.details.retryAfterMs ?? 10_000);
      throw Worker.RateLimitError();
    }
    if (error.code !== 'TRANSIENT') {
      await onFinal(error.message, error.code);
      throw new UnrecoverableError(error.message);
    }
  }
  if (error instanceof UnrecoverableError || isLastAttempt(job)) {
    await onFinal(error instanceof Error ? error.message : String(error));
  }
  throw error;
}
