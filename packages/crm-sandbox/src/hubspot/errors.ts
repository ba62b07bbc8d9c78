import { randomUUID } from 'node:crypto';

/** HubSpot's error body: `{status, message, correlationId, category, ...}`. */
export interface ErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: { message: string; code?: string; context?: Record<string, string[]> }[];
  [extra: string]: unknown;
}

/** Thrown by route handlers; the server's error handler turns it into HubSpot's error response. */
export class HubSpotError extends Error {
  constructor(
    readonly statusCode: number,
    readonly category: string,
    message: string,
    readonly extra: Partial<ErrorBody> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { status: 'error', message: this.message, correlationId: randomUUID(), category: this.category, ...this.extra };
  }
}

export const validationError = (message: string, extra?: Partial<ErrorBody>) => new HubSpotError(400, 'VALIDATION_ERROR', message, extra);
export const notFound = (message = 'resource not found') => new HubSpotError(404, 'OBJECT_NOT_FOUND', message);
export const conflict = (message: string) => new HubSpotError(409, 'OBJECT_ALREADY_EXISTS', message);

/** A failed input inside a 207 batch response (the SDK's StandardError). */
export interface BatchError {
  status: 'error';
  category: string;
  subCategory?: string;
  message: string;
  context: Record<string, string[]>;
  errors?: { message: string; code?: string; context?: Record<string, string[]> }[];
}

export function rateLimitBody(policyName: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY'): ErrorBody {
  const message = {
    TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
    SECONDLY: 'You have reached your secondly limit.',
    DAILY: 'You have reached your daily limit.',
  }[policyName];
  return { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName };
}
