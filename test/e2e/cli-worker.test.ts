import { createServer, type Server } from 'node:net';
import { Redis } from 'ioredis';
import { liveWorkers } from '../../src/queue/heartbeat';
import { keys } from '../../src/sync/keys';
import { deleteMatching } from '../../src/sync/state-store';
import { cli } from '../support/processes';
import { configDir } from '../support/worker-process';
import { redisUrl } from '../support/env';


describe('a worker that cannot start exits non-zero, never half-started', () => {
  const queue = `test-worker-start-${process.pid}-${Date.now().toString(36)}`;
  afterAll(async () => {
    const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    await deleteMatching(redis, `icp:${queue}:*`);
    await deleteMatching(redis, `bull:${queue}:*`);
    redis.disconnect();
  });

  it('its HTTP port in use: exit 2 naming the port and the fix, and it never took a job', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    try {
      const seen: number[] = [];
      const watch = setInterval(() => void liveWorkers(redis, keys(queue)).then((n) => seen.push(n)), 50);
      const { code, stderr } = await cli(['worker', '--no-schedules', '--port', String(port)], { ICP_SYNC_QUEUE: queue });
      clearInterval(watch);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`HTTP port ${port} is in use.*--port N or ICP_SYNC_HTTP_PORT`));
      // No heartbeat: it never served the queue.
      expect(seen.every((n) => n === 0)).toBe(true);
    } finally {
      blocker.close();
      redis.disconnect();
    }
  });

  it('--concurrency 0 and a bad cron or time zone in crm.yaml: exit 2 before anything starts', async () => {
    const zero = await cli(['worker', '--concurrency', '0'], { ICP_SYNC_QUEUE: queue });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--concurrency.*at least 1/);
    const config = configDir('schedules:\n  full: { pattern: "0 25 * * *", tz: Europe/Pariss }\n');
    try {
      const bad = await cli(['worker', '--config', config.dir, '--port', '0'], { ICP_SYNC_QUEUE: queue });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/crm\.yaml: schedules\.full\.pattern: not a valid cron pattern/);
      expect(bad.stderr).toMatch(/crm\.yaml: schedules\.full\.tz: not a known IANA time zone/);
    } finally {
      config.remove();
    }
  });
});
