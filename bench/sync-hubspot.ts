/**
 * HubSpot sync through the real engine, with `icp-sync worker` processes on the real Redis and the
 * sandbox over HTTP at real latency: share of the request budget used, 429s, API calls against
 * the minimum, worker CPU per record, peak RSS, and the Redis bytes a run keeps and leaves.
 * Run: node -r ./bin/register.js bench/sync-hubspot.ts [companies] [contacts] [latencyMs]
 * (BENCH_SCENARIO=1,3 runs some scenarios only; BENCH_WORKER_NODE_ARGS='--cpu-prof' profiles the workers;
 * BENCH_WORKER_STDOUT=file keeps what the workers print, e.g. with BENCH_WORKER_NODE_ARGS='--trace-gc')
 */
import { crmCredentials } from '../src/config/env.schema';
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
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

const COMPANIES = Number(process.argv[2] ?? 20_000);
const CONTACTS = Number(process.argv[3] ?? 60_000);
const LATENCY_MS = Number(process.argv[4] ?? 150);
const BATCH = 100;
const CLOCK_TICKS = 100;
const config = loadDefaultConfig();

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Bytes Redis holds under a pattern (MEMORY USAGE of every key, every element counted), by key family. */
async function redisBytes(redis: Redis, pattern: string): Promise<{ total: number; families: Record<string, number> }> {
  const families: Record<string, number> = {};
  let total = 0;
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      const bytes = Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) || 0;
      const family = key.replace(/run-[^:]+/g, '<run>').replace(/:g:[^:]+/, ':g:<gen>').replace(/:company:\d+$/, ':company:<id>');
      families[family] = (families[family] ?? 0) + bytes;
      total += bytes;
    }
  } while (cursor !== '0');
  return { total, families };
}

interface Scenario {
  label: string;
  workers: number;
  budget: { max: number; intervalSeconds: number };
  /** The account's real limit, enforced by the sandbox. */
  sandboxLimit?: string;
  latencyMs: number;
  runs: Array<'full' | 'rerun'>;
}

async function scenario(s: Scenario): Promise<void> {
  const sandbox = await startSandbox({ crm: 'hubspot', companies: COMPANIES, contacts: CONTACTS, rateLimit: s.sandboxLimit, latencyMs: s.latencyMs });
  const queueName = `bench-hs-${process.pid}-${s.workers}-${Date.now().toString(36)}`;
  const env = { HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'bench-token', ICP_SYNC_QUEUE: queueName };
  const dir = configDir(`hubspot:\n  rateLimit: { max: ${s.budget.max}, intervalSeconds: ${s.budget.intervalSeconds} }\n`);
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const queue = createQueue(redis, queueName);
  const runs = new RunStore(redis, keys(queueName));
  const adapter = await createAdapter('hubspot', { config: config.crm, credentials: crmCredentials(env) });
  await adapter.setup({ personas: config.personas.personas, lists: false });
  await adapter.close();
  const children: ChildProcess[] = Array.from({ length: s.workers }, () => spawnWorker({ ...env, ICP_CONFIG_DIR: dir.dir }, 8, process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean), process.env.BENCH_WORKER_STDOUT));
  try {
    while ((await queue.getWorkersCount()) < s.workers) await new Promise((r) => setTimeout(r, 100));
    for (const kind of s.runs) {
      const cpuBefore = children.reduce((sum, c) => sum + cpuSeconds(c.pid!), 0);
      const id = await enqueueSync(queue, { crm: 'hubspot', mode: 'full' });
      let summary: RunSummary | undefined;
      // Requests the sandbox accepted over time (budget scenarios): the steady rate, apart from the run's start and end.
      const timeline: Array<[number, number]> = [];
      const startedAt = Date.now();
      const acceptedNow = async () => {
        const stats = (await sandbox.stats()) as { apiCalls: number; rateLimited: number };
        return stats.apiCalls - stats.rateLimited;
      };
      const before = s.sandboxLimit ? await acceptedNow() : 0;
      while (!(summary = await runs.summary(id))?.finishedAt) {
        if (s.sandboxLimit) timeline.push([(Date.now() - startedAt) / 1000, (await acceptedNow()) - before]);
        await new Promise((r) => setTimeout(r, 200));
      }
      const cpu = children.reduce((sum, c) => sum + cpuSeconds(c.pid!), 0) - cpuBefore;
      const seconds = summary.durationMs! / 1000;
      const records = summary.companies.read + summary.contacts.read;
      const changed = summary.companies.changed + summary.contacts.changed;
      const minimum = Math.ceil(COMPANIES / BATCH) + Math.ceil(CONTACTS / BATCH) + Math.ceil(summary.companies.changed / BATCH) + Math.ceil(summary.contacts.changed / BATCH);
      const budgetPerSecond = s.budget.max / s.budget.intervalSeconds;
      const accepted = summary.apiCalls - summary.rateLimited;
      const left = await redisBytes(redis, `icp:${queueName}:*`);
      const state = Object.entries(left.families).filter(([family]) => family.includes(':g:')).reduce((sum, [, n]) => sum + n, 0);
      console.log(
        [
          `${s.label} — ${kind === 'full' ? 'first full run' : 're-run, nothing changed'}:`,
          `  ${records} records read, ${changed} changed, ${summary.companies.written + summary.contacts.written} written, ${summary.companies.failed + summary.contacts.failed} failed, status ${summary.status}`,
          `  ${seconds.toFixed(1)} s wall, ${Math.round(records / seconds)} records/s`,
          `  API calls ${summary.apiCalls} vs minimum ${minimum} (${(summary.apiCalls / minimum).toFixed(3)}x), 429s ${summary.rateLimited}`,
          s.sandboxLimit ? `  budget used ${((100 * accepted) / (budgetPerSecond * seconds)).toFixed(1)} % (${accepted} accepted requests in ${seconds.toFixed(1)} s at ${budgetPerSecond}/s)` : '',
          `  worker CPU ${cpu.toFixed(1)} s = ${Math.round(records / Math.max(cpu, 0.01))} records per CPU-second`,
          `  Redis after the run: ${(left.total / 1e6).toFixed(2)} MB under the queue's prefix; state kept between runs ${(state / 1e6).toFixed(2)} MB = ${(state / records).toFixed(1)} bytes/record`,
          `    ${Object.entries(left.families)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 6)
            .map(([family, bytes]) => `${family.replace(`icp:${queueName}:`, '')} ${(bytes / 1e3).toFixed(0)} kB`)
            .join(', ')}`,
        ]
          .filter(Boolean)
          .join('\n'),
      );
      if (s.sandboxLimit && kind === 'full') {
        const minimumAt = minimum / budgetPerSecond;
        const calls = (100_000 / BATCH) * 2 + (500_000 / BATCH) * 2;
        const projected = calls / budgetPerSecond;
        console.log(`  physical limit for this run ${minimumAt.toFixed(0)} s; projected 100,000 + 500,000 at this share: ${((projected * (seconds / minimumAt)) / 60).toFixed(1)} min (limit ${(projected / 60).toFixed(1)} min)`);
        const steady = steadyRate(timeline);
        if (steady) {
          // The run's start (setup check, id slices) and end (TAL, summary) happen once, whatever its size.
          const once = seconds - accepted / steady;
          console.log(`  steady ${steady.toFixed(1)} requests/s (${((100 * steady) / budgetPerSecond).toFixed(1)} % of the budget) between 10 % and 90 % of the run's requests, ${once.toFixed(1)} s for its start and end: 100,000 + 500,000 projected ${((once + calls / steady) / 60).toFixed(1)} min`);
        }
      }
    }
    console.log(`  peak RSS per worker process: ${children.map((c) => `${peakRssMb(c.pid!)} MB`).join(', ')}\n`);
  } finally {
    await Promise.all(children.map((c) => stopWorker(c)));
    dir.remove();
    await removeDeployment(queue, redis);
    redis.disconnect();
    await sandbox.close();
  }
}

/** Requests per second between the samples where 10 % and 90 % of the run's requests were made. */
function steadyRate(timeline: Array<[number, number]>): number | undefined {
  const total = timeline.at(-1)?.[1] ?? 0;
  const at = (share: number) => timeline.find(([, n]) => n >= share * total);
  const [a, b] = [at(0.1), at(0.9)];
  return a && b && b[0] > a[0] ? (b[1] - a[1]) / (b[0] - a[0]) : undefined;
}

async function main(): Promise<void> {
  const only = process.env.BENCH_SCENARIO;
  console.log(`HubSpot sync bench: ${COMPANIES} companies, ${CONTACTS} contacts, ${LATENCY_MS} ms per request\n`);
  const scenarios: Scenario[] = [
    { label: 'no rate limit, no latency, 1 worker process', workers: 1, budget: { max: 1_000_000, intervalSeconds: 10 }, latencyMs: 0, runs: ['full', 'rerun'] },
    { label: `190/10 s budget, ${LATENCY_MS} ms latency, 1 worker process`, workers: 1, budget: { max: 190, intervalSeconds: 10 }, sandboxLimit: '190/10', latencyMs: LATENCY_MS, runs: ['full'] },
    { label: `190/10 s budget, ${LATENCY_MS} ms latency, 3 worker processes`, workers: 3, budget: { max: 190, intervalSeconds: 10 }, sandboxLimit: '190/10', latencyMs: LATENCY_MS, runs: ['full'] },
  ];
  for (const [i, s] of scenarios.entries()) if (!only || only.split(',').includes(String(i + 1))) await scenario(s);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
