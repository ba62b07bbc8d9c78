/**
 * A full Salesforce sync of 2,000 accounts + 6,000 contacts through the real engine (queue, Redis,
 * in-process workers, jsforce) against the sandbox, fault-free and then with 5 % 500s, 5 % 429s
 * (REQUEST_LIMIT_EXCEEDED) and 2 % timeouts (the sandbox holds the request 30 s, then 504): the
 * run time of each, the API calls, and whether every value written matches the fault-free run's.
 * Run: node -r ./bin/register.js bench/salesforce-faults.ts
 */
import { Redis } from 'ioredis';
// The job table, as bin/icp-sync.js loads it: src/ never imports jobs/.
import '../jobs';
import { retrySetup } from '../src/commands/setup.command';
import { crmCredentials } from '../src/config/env.schema';
import { createAdapter } from '../src/crm';
import type { CrmAdapter } from '../src/crm/adapter';
import { createQueue } from '../src/queue/queues';
import { startWorkers } from '../src/queue/worker';
import { startSandbox } from '@icp-sync/crm-sandbox';
import { keys } from '../src/sync/keys';
import { RunStore, type RunSummary } from '../src/sync/run-store';
import { enqueueSync } from '../src/sync/trigger';
import { removeDeployment } from '../test/support/cleanup';
import { loadDefaultConfig, redisUrl } from '../test/support/env';

const ACCOUNTS = 2_000;
const CONTACTS = 6_000;
const FAULTS = process.argv[2] ?? '500=0.05,429=0.05,timeout=0.02';
/** Fields that differ between two correct runs. */
const VOLATILE = new Set(['ICP_Scored_At__c']);

async function snapshot(adapter: CrmAdapter): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const kind of ['companies', 'contacts'] as const) {
    let cursor: string | undefined;
    do {
      const page = kind === 'companies' ? await adapter.pageCompanies({ cursor }) : await adapter.pageContacts({ cursor });
      for (const r of page.records) {
        const icp = Object.entries(r.current).filter(([k]) => /^ICP_/.test(k) && !VOLATILE.has(k));
        out.set(`${kind}:${r.id}`, JSON.stringify(icp.sort()));
      }
      cursor = page.next;
    } while (cursor);
  }
  return out;
}

async function run(faults: string | undefined): Promise<{ seconds: number; summary: RunSummary; values: Map<string, string>; stats: Record<string, unknown> }> {
  const config = loadDefaultConfig();
  const sandbox = await startSandbox({ crm: 'salesforce', companies: ACCOUNTS, contacts: CONTACTS, dailyLimit: 10_000_000, faults });
  const queueName = `bench-sf-faults-${process.pid}-${faults ? 'f' : 'ok'}`;
  const credentials = crmCredentials({ SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'bench' });
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const queue = createQueue(redis, queueName);
  const runs = new RunStore(redis, keys(queueName));
  const adapter = await createAdapter('salesforce', { config: config.crm, credentials });
  // Setup under the same faults, as `icp-sync setup` runs it; not part of the run's time.
  await retrySetup(() => adapter.setup({ personas: config.personas.personas, lists: false }));
  await redis.set(keys(queueName).propertiesEnsured('salesforce'), config.modelVersion);
  const workers = startWorkers({ redis, config, credentials, name: queueName, concurrency: 8 });
  try {
    const started = Date.now();
    const runId = await enqueueSync(queue, { crm: 'salesforce', mode: 'full' });
    let summary: RunSummary;
    for (;;) {
      const info = await runs.get(runId);
      if (info?.finishedAt) {
        summary = (await runs.summary(runId))!;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    const stats = await sandbox.stats();
    return { seconds, summary, values: await snapshot(adapter), stats };
  } finally {
    await workers.close();
    await adapter.close();
    await removeDeployment(queue, redis);
    redis.disconnect();
    await sandbox.close();
  }
}

/** The sandbox's answers by HTTP status (403 = REQUEST_LIMIT_EXCEEDED, 500, 504 = timeout fault). */
function statuses(stats: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const byStatus of Object.values(stats.requests as Record<string, Record<string, number>>)) {
    for (const [status, n] of Object.entries(byStatus)) out[status] = (out[status] ?? 0) + n;
  }
  return out;
}

async function main(): Promise<void> {
  const clean = await run(undefined);
  console.log(`fault-free: ${clean.summary.status} in ${clean.seconds.toFixed(1)} s, API calls ${clean.summary.apiCalls}, written ${clean.summary.companies.written} + ${clean.summary.contacts.written}`);
  const faulty = await run(FAULTS);
  let wrong = 0;
  for (const [key, value] of clean.values) if (faulty.values.get(key) !== value) wrong += 1;
  console.log(
    `faults ${FAULTS}: ${faulty.summary.status} in ${faulty.seconds.toFixed(1)} s (${(faulty.seconds / clean.seconds).toFixed(2)}x), API calls ${faulty.summary.apiCalls}, ` +
      `written ${faulty.summary.companies.written} + ${faulty.summary.contacts.written}, failed ${faulty.summary.companies.failed} + ${faulty.summary.contacts.failed}; ` +
      `answers by status ${JSON.stringify(statuses(faulty.stats))}; values different from the fault-free run: ${wrong} of ${clean.values.size}`,
  );
  process.exit(faulty.summary.status === 'completed' && wrong === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
