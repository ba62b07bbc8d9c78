/**
 * HubSpot sync through the real engine, with `icp-sync worker` processes on the real Redis and the
 * sandbox over HTTP: API calls against the minimum, records/s without a rate limit, the request
 * rate held under a 100/10 s budget with 1 and 3 workers, peak RSS per worker.
 * Run: node -r ./bin/register.js bench/sync-hubspot.ts [companies] [contacts]
 */
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config/load';
import { createAdapter } from '../src/crm';
import { redisUrl } from '../src/queue/connection';
import { createQueue } from '../src/queue/queues';
import { startSandbox } from '@icp-sync/crm-sandbox';
import { keys } from '../src/sync/keys';
import { RunStore, type RunSummary } from '../src/sync/run-store';
import { deleteMatching } from '../src/sync/state-store';
import { enqueueSync } from '../src/sync/trigger';
import { configDir, spawnWorker, stopWorker } from '../test/support/worker-process';

const COMPANIES = Number(process.argv[2] ?? 10_000);
const CONTACTS = Number(process.argv[3] ?? 30_000);
const BATCH = 100;
const config = loadConfig();

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

interface Scenario {
  label: string;
  workers: number;
  budget: { max: number; intervalSeconds: number };
  /** The account's real limit, enforced by the sandbox. */
  sandboxLimit?: string;
  runs: Array<'full' | 'rerun'>;
}

async function scenario(s: Scenario): Promise<void> {
  const sandbox = await startSandbox({ crm: 'hubspot', companies: COMPANIES, contacts: CONTACTS, rateLimit: s.sandboxLimit });
  const queueName = `bench-hs-${process.pid}-${s.workers}-${Date.now().toString(36)}`;
  const env = { HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'bench-token', ICP_SYNC_QUEUE: queueName };
  Object.assign(process.env, env);
  const dir = configDir(`hubspot:\n  rateLimit: { max: ${s.budget.max}, intervalSeconds: ${s.budget.intervalSeconds} }\n`);
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const queue = createQueue(redis, queueName);
  const runs = new RunStore(redis, keys(queueName));
  const adapter = await createAdapter('hubspot', { config: config.crm });
  await adapter.setup({ personas: config.personas.personas, lists: false });
  await adapter.close();
  const children: ChildProcess[] = Array.from({ length: s.workers }, () => spawnWorker({ ...env, ICP_CONFIG_DIR: dir.dir }));
  try {
    while ((await queue.getWorkersCount()) < s.workers) await new Promise((r) => setTimeout(r, 100));
    for (const kind of s.runs) {
      const id = await enqueueSync(queue, { crm: 'hubspot', mode: 'full' });
      let summary: RunSummary | undefined;
      while (!(summary = await runs.summary(id))?.finishedAt) await new Promise((r) => setTimeout(r, 200));
      const seconds = summary.durationMs! / 1000;
      const records = summary.companies.read + summary.contacts.read;
      const changed = summary.companies.changed + summary.contacts.changed;
      const minimum = Math.ceil(COMPANIES / BATCH) + Math.ceil(CONTACTS / BATCH) + Math.ceil(summary.companies.changed / BATCH) + Math.ceil(summary.contacts.changed / BATCH);
      const budgetPerSecond = s.budget.max / s.budget.intervalSeconds;
      const rate = summary.apiCalls / seconds;
      console.log(
        [
          `${s.label} — ${kind === 'full' ? 'first full run' : 're-run, nothing changed'}:`,
          `  ${records} records read, ${changed} changed, ${summary.companies.written + summary.contacts.written} written, ${summary.companies.failed + summary.contacts.failed} failed, status ${summary.status}`,
          `  ${seconds.toFixed(1)} s, ${Math.round(records / seconds)} records/s`,
          `  API calls ${summary.apiCalls} vs minimum ${minimum} (${(summary.apiCalls / minimum).toFixed(3)}x), ${((1000 * summary.apiCalls) / records).toFixed(1)} per 1,000 records, 429s ${summary.rateLimited}`,
          s.sandboxLimit ? `  request rate ${rate.toFixed(2)}/s = ${((100 * rate) / budgetPerSecond).toFixed(1)} % of the ${s.budget.max}/${s.budget.intervalSeconds} s budget` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
    console.log(`  peak RSS per worker process: ${children.map((c) => `${peakRssMb(c.pid!)} MB`).join(', ')}; bench process (sandbox + producer) ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB now\n`);
  } finally {
    await Promise.all(children.map((c) => stopWorker(c)));
    dir.remove();
    await queue.obliterate({ force: true });
    await deleteMatching(redis, `icp:${queueName}:*`);
    await deleteMatching(redis, `b_icp-limiter:${queueName}:*`);
    await queue.close();
    redis.disconnect();
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  console.log(`HubSpot sync bench: ${COMPANIES} companies, ${CONTACTS} contacts, batches of ${BATCH}\n`);
  await scenario({ label: 'no rate limit, 1 worker process', workers: 1, budget: { max: 1_000_000, intervalSeconds: 10 }, runs: ['full', 'rerun'] });
  await scenario({ label: '100/10 s budget, 1 worker process', workers: 1, budget: { max: 100, intervalSeconds: 10 }, sandboxLimit: '100/10', runs: ['full'] });
  await scenario({ label: '100/10 s budget, 3 worker processes', workers: 3, budget: { max: 100, intervalSeconds: 10 }, sandboxLimit: '100/10', runs: ['full'] });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
