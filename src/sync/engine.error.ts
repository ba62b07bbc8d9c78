/**
 * A condition of the sync engine itself (not something a CRM said: that is a CrmError).
 * - NOTHING_TO_RESCORE: a re-score before any full run gave the engine its state;
 * - MODEL_MISSING: a run's configuration is not in Redis any more (or never was);
 * - RETRY_PENDING: some records of a batch are to be tried again (retryable);
 * - NO_BULK: a bulk write step for a CRM without bulk writes.
 */
export type EngineErrorCode = 'NOTHING_TO_RESCORE' | 'MODEL_MISSING' | 'RETRY_PENDING' | 'NO_BULK';

export class EngineError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
    this.retryable = code === 'RETRY_PENDING';
  }
}
