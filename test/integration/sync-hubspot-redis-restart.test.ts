import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crmConfigSchema } from '../../src/config/crm.schema';
import { enqueueSync } from '../../src/sync/trigger';
import { SyncHarness } from '../support/sync-harness';
import { freePort, startRedis } from '../support/processes';
import { until } from '../support/records';

test('Redis restarting mid-run delays the run, never breaks it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'icp-redis-'));
  const port = await freePort();
  let redis = startRedis(port, dir);
  const h = new SyncHarness('hubspot', undefined, `redis://127.0.0.1:${port}`);
  h.config = { ...h.config, crm: crmConfigSchema.parse({ hubspot: { rateLimit: { max: 1000, intervalSeconds: 10 } } }) };
  try {
    await until(async () => (await h.redis.ping()) === 'PONG');
    await h.start({ companies: 200, contacts: 600, latencyMs: 100 });
    const adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: false });
    await adapter.close();

    const runId = await enqueueSync(h.queue, { crm: 'hubspot', mode: 'full' });
    await until(async () => ((await h.runs.summary(runId))?.contacts.read ?? 0) >= 100);
    redis.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    redis = startRedis(port, dir);

    const summary = await h.waitFor(runId, 120_000);
    expect(summary).toMatchObject({ status: 'completed' });
    expect(summary.companies).toMatchObject({ read: 200, written: 200, failed: 0 });
    expect(summary.contacts).toMatchObject({ read: 600, written: 600, failed: 0 });
  } finally {
    await h.close().catch(() => undefined);
    redis.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
