import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { QueueEnv } from '../config/env.schema';
import { connectProducer } from '../queue/connection';
import { createQueue } from '../queue/queues';
import { keys } from '../sync/keys';
import { RunStore } from '../sync/run-store';

export interface QueueSession {
  redis: Redis;
  queue: Queue;
  runs: RunStore;
  /** Where the session connected and which queue it uses (`queue.name`), as parsed at the edge. */
  env: QueueEnv;
}

/** A producer-side connection for one CLI command on `env.queue`: fails fast when Redis is away, always closed. */
export async function withQueue<T>(env: QueueEnv, fn: (session: QueueSession) => Promise<T>): Promise<T> {
  const redis = await connectProducer(env.redisUrl);
  try {
    const queue = createQueue(redis, env.queue);
    try {
      return await fn({ redis, queue, runs: new RunStore(redis, keys(queue.name)), env });
    } finally {
      await queue.close();
    }
  } finally {
    redis.disconnect();
  }
}
