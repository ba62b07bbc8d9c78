/**
 * Worker memory on a large Salesforce org: one `icp-sync worker` process does a full sync of
 * 200,000 contacts (Bulk API 2.0 query and ingest) against the sandbox in this process; prints the
 * worker's peak RSS (VmHWM), the run's figures and the ingest jobs it used.
 * Run: node -r ./bin/register.js bench/salesforce-bulk-memory.ts [contacts]
 */
import { crmCredentials } from '../src/config/env.schema';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { startSandbox } from '@icp-sync/crm-sandbox';
import { createAdapter } from '../src/crm';
import { createQueue } from '../src/queue/queues';
import { keys } from '../src/sync/keys';
import { RunStore, type RunSummary } from '../src/sync/run-store';
import { enqueueSync } from '../src/sync/trigger';
import { configDir, spawnWorker, stopWorker } from '../test/support/worker-process';
import { removeDeployment } from '../test/support/cleanup';
import { loadDefaultConfig, redisUrl } from '../test/support/env';

const CONTACTS = Number(process.argv[2] ?? 200_000);

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

async function main(): Promise<void> {
  const config = loadDefaultConfig();
  const sandbox = await startSandbox({ crm: 'salesforce', companies: 1_000, contacts: CONTACTS, dailyLimit: 10_000_000 });
  const queueName = `bench-sfmem-${process.pid}`;
  const env = { SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'bench', ICP_SYNC_QUEUE: queueName };
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const queue = createQueue(redis, queueName);
  const runs = new RunStore(redis, keys(queueName));
  const adapter = await createAdapter('salesforce', { config: config.crm, credentials: crmCredentials(env) });
  await adapter.setup({ personas: config.personas.personas, lists: false });
  await adapter.close();
  const dir = configDir('');
  const worker = spawnWorker({ ...env, ICP_CONFIG_DIR: dir.dir }, 8);
  try {
    while ((await queue.getWorkersCount()) < 1) await new Promise((r) => setTimeout(r, 100));
    for (const label of ['first full run', 'second full run (nothing changed)']) {
      const id = await enqueueSync(queue, { crm: 'salesforce', mode: 'full' });
      let summary: RunSummary | undefined;
      // When the worker's memory peaks: the run's phase at its highest resident size.
      let peak = { mb: 0, phase: '' };
      while (!(summary = await runs.summary(id))?.finishedAt) {
        const mb = rssMb(worker.pid!);
        if (mb > peak.mb) peak = { mb, phase: summary?.phase ?? 'queued' };
        await new Promise((r) => setTimeout(r, 100));
      }
      const stats = (await sandbox.stats()) as { requests: Record<string, Record<string, number>> };
      const ingest = Object.values(stats.requests['POST /services/data/:version/jobs/ingest'] ?? {}).reduce((n, c) => n + c, 0);
      console.log(
        `${label}: ${summary.status}, ${summary.contacts.read} contacts read, ${summary.contacts.written} written, ${summary.contacts.failed} failed in ${(summary.durationMs! / 1000).toFixed(1)} s; ` +
          `API calls ${summary.apiCalls}, ingest jobs created so far ${ingest}; worker peak RSS ${peakRssMb(worker.pid!)} MB (sampled: ${peak.mb} MB during ${peak.phase})`,
      );
    }
  } finally {
    await stopWorker(worker);
    dir.remove();
    await removeDeployment(queue, redis);
    redis.disconnect();
    await sandbox.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
