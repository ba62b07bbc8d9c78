import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { deleteMatching } from '../../src/sync/state-store';

/** Removes what a test or bench deployment left on the shared Redis: its jobs, its keys, its limiters; closes the queue. */
export async function removeDeployment(queue: Queue, redis: Redis): Promise<void> {
  await queue.obliterate({ force: true }).catch(() => undefined);
  await deleteMatching(redis, `icp:${queue.name}:*`);
  await deleteMatching(redis, `b_icp-limiter:${queue.name}:*`);
  await queue.close();
}
