import { Client } from '@hubspot/api-client';
import type { RequestLimiter } from '../../queue/limiter';

export interface HubSpotClientOptions {
  accessToken: string;
  basePath: string;
  /** The account's shared request budget. */
  limiter?: RequestLimiter;
  /** The search endpoints' own budget (5 per second per account). */
  searchLimiter?: RequestLimiter;
  onApiCall?: (status: number) => void;
}

interface RequestContext {
  getUrl(): string;
}
interface ResponseContext {
  httpStatusCode: number;
}

/** Per-call options of the SDK's generated APIs (their last parameter). */
export interface CallOptions {
  middleware: Array<{ pre(context: unknown): Promise<unknown>; post(context: unknown): Promise<unknown> }>;
  middlewareMergeStrategy: 'append';
}

export interface HubSpotConnection {
  client: Client;
  /**
   * Pass to every SDK call. In SDK 13.5.0 the generated APIs ignore middleware given to the Client
   * and apply only per-call middleware, so our limiter and call counting ride on each call.
   */
  call: CallOptions;
}

/**
 * The SDK client, with our shared limiter in front of every request and a count of each response.
 * The SDK's own limiter and retries stay off: they are per process, and its 429 retry ignores
 * Retry-After.
 */
export function createHubSpotClient(options: HubSpotClientOptions): HubSpotConnection {
  const client = new Client({ accessToken: options.accessToken, basePath: options.basePath.replace(/\/+$/, ''), numberOfApiCallRetries: 0 });
  const call: CallOptions = {
    middlewareMergeStrategy: 'append',
    middleware: [
      {
        pre: async (context) => {
          const url = (context as RequestContext).getUrl();
          if (options.searchLimiter && /\/search(\?|$)/.test(url)) await options.searchLimiter.acquire();
          await options.limiter?.acquire();
          return context;
        },
        post: async (context) => {
          options.onApiCall?.((context as ResponseContext).httpStatusCode);
          return context;
        },
      },
    ],
  };
  return { client, call };
}
