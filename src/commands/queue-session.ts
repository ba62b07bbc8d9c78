import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { assertRedis, createRedis } from '../queue/connection';
import { createQueue } from '../queue/queues';
import { keys } from '../sync/keys';
import { RunStore } from '../sync/run-store';

export interface QueueSession {
  redis: Redis;
  queue: Queue;
  runs: RunStore;
}

/** A producer-side connection for one CLI command: fails fast when Redis is away, always closed. */
export async function withQueue<T>(fn: (session: QueueSession) => Promise<T>): Promise<T> {
  const redis = createRedis('producer');
  redis.on('error', () => undefined);
  try {
    await assertRedis(redis);
    const queue = createQueue(redis);
    try {
      return await fn({ redis, queue, runs: new RunStore(redis, keys(queue.name)) });
    } finally {
      await queue.close();
    }
  } finally {
    redis.disconnect();
  }
}
