import { Redis } from 'ioredis';

// REDIS_URL is parsed with the rest of the environment (config/env.schema) and the URL passed in.
export { DEFAULT_REDIS_URL } from '../config/env.schema';

/** Redis URL without its password, for messages. */
export function safeRedisUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/**
 * Workers wait for Redis through restarts (maxRetriesPerRequest null, as BullMQ requires);
 * the CLI's producer side fails fast so a missing Redis is reported, not waited for.
 */
export function createRedis(role: 'worker' | 'producer', url: string): Redis {
  return role === 'worker'
    ? new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true })
    : new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: (times) => (times > 3 ? null : 200 * times) });
}

export class RedisUnavailableError extends Error {
  constructor(url: string, cause: string) {
    super(
      `Redis is not reachable at ${safeRedisUrl(url)} (${cause}).\n` +
        'Start it with `docker compose up -d redis`, or `redis-server --daemonize yes`, or point REDIS_URL at yours.',
    );
    this.name = 'RedisUnavailableError';
  }
}

export async function assertRedis(redis: Redis, url: string): Promise<void> {
  try {
    await redis.ping();
  } catch (err) {
    throw new RedisUnavailableError(url, (err as Error).message);
  }
}

/**
 * A connection that answered once (the CLI's producer, checked fast) made to wait through Redis
 * restarts from now on, as the workers do: `sync --wait` follows its run across a restart.
 */
export function rideThroughRestarts(redis: Redis): void {
  redis.options.maxRetriesPerRequest = null;
  redis.options.retryStrategy = (times) => Math.min(200 * times, 2000);
}

/** The CLI's connection: answers now or fails with how to start Redis; closed again on failure. */
export async function connectProducer(url: string): Promise<Redis> {
  const redis = createRedis('producer', url);
  // Errors surface through assertRedis and the commands' own calls, not as unhandled events.
  redis.on('error', () => undefined);
  try {
    await assertRedis(redis, url);
    return redis;
  } catch (err) {
    redis.disconnect();
    throw err;
  }
}
