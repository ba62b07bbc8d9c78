import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { connectProducer } from '../queue/connection';
import { createQueue, queueName } from '../queue/queues';
import { keys } from '../sync/keys';
import { RunStore } from '../sync/run-store';

export interface QueueSession {
  redis: Redis;
  queue: Queue;
  runs: RunStore;
}

/** A producer-side connection for one CLI command: fails fast when Redis is away, always closed. */
export async function withQueue<T>(fn: (session: QueueSession) => Promise<T>, name = queueName()): Promise<T> {
  const redis = await connectProducer();
  try {
    const queue = createQueue(redis, name);
    try {
      return await fn({ redis, queue, runs: new RunStore(redis, keys(queue.name)) });
    } finally {
      await queue.close();
    }
  } finally {
    redis.disconnect();
  }
}
