import { AsyncLocalStorage } from 'node:async_hooks';

/** The run a piece of work belongs to, so API calls made deep in an SDK are counted on it. */
export const runScope = new AsyncLocalStorage<{ runId: string }>();
