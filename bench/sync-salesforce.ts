/**
 * A full Salesforce sync through the real engine (queue, Redis, workers, jsforce) against the
 * sandbox: API calls against the minimum, records/s and peak RSS; then Bulk API 2.0 reads at
 * 200,000 contacts, and a full sync at 200,000 contacts (Bulk 2.0 query and ingest).
 * Run: node -r ./bin/register.js bench/sync-salesforce.ts
 */
import { crmCredentials } from '../src/config/env.schema';
import { Redis } from 'ioredis';
import { createAdapter } from '../src/crm';
import { createQueue } from '../src/queue/queues';
import { startWorkers } from '../src/queue/worker';
import { startSandbox } from '@icp-sync/crm-sandbox';
import { keys } from '../src/sync/keys';
import { RunStore, type RunSummary } from '../src/sync/run-store';
import { enqueueSync } from '../src/sync/trigger';
import { removeDeployment } from '../test/support/cleanup';
import { loadDefaultConfig, redisUrl } from '../test/support/env';

const ACCOUNTS = 10_000;
const CONTACTS = 30_000;
const BULK_CONTACTS = 200_000;
const QUERY_PAGE = 2_000;
const WRITE_BATCH = 200;
const INGEST_CALLS = 6;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function syncBench(accounts: number, contacts: number, labels: string[]): Promise<void> {
  const config = loadDefaultConfig();
  const sandbox = await startSandbox({ crm: 'salesforce', companies: accounts, contacts, dailyLimit: 10_000_000 });
  const queueName = `bench-sf-${process.pid}`;
  const credentials = crmCredentials({ SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'bench' });
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const queue = createQueue(redis, queueName);
  const runs = new RunStore(redis, keys(queueName));
  const adapter = await createAdapter('salesforce', { config: config.crm, credentials });
  await adapter.setup({ personas: config.personas.personas, lists: false });
  // The properties were just set up: the run's own check (once per configuration) is not part of the figure.
  await redis.set(keys(queueName).propertiesEnsured('salesforce'), config.modelVersion);
  const workers = startWorkers({ redis, config, credentials, name: queueName, concurrency: 8 });
  const wait = async (id: string): Promise<RunSummary> => {
    for (;;) {
      const info = await runs.get(id);
      if (info?.finishedAt) return (await runs.summary(id))!;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  try {
    for (const label of labels) {
      const started = Date.now();
      const summary = await wait(await enqueueSync(queue, { crm: 'salesforce', mode: 'full' }));
      const seconds = (Date.now() - started) / 1000;
      const read = summary.companies.read + summary.contacts.read;
      const changed = summary.companies.written + summary.contacts.written;
      // Contacts (30,000) are above bulkThreshold: their minimum is the Bulk path's (1 REST page that
      // tells the total, 1 job, 2 status checks, ceil(N/10,000) result pages); accounts read by REST.
      const bulk = summary.contacts.read > config.crm.salesforce.bulkThreshold;
      const contactReads = bulk ? 1 + 1 + 2 + Math.ceil(summary.contacts.read / 10_000) : Math.ceil(summary.contacts.read / QUERY_PAGE);
      // Writes above bulkThreshold: one ingest job (create, upload, close, 2 status checks in the sandbox, successfulResults).
      const writes = (n: number) => (n > config.crm.salesforce.bulkThreshold ? INGEST_CALLS : Math.ceil(n / WRITE_BATCH));
      const minimum = Math.ceil(summary.companies.read / QUERY_PAGE) + contactReads + writes(summary.companies.written) + writes(summary.contacts.written);
      const bulkWrites = summary.contacts.written > config.crm.salesforce.bulkThreshold;
      console.log(
        `${label.padEnd(36)} ${summary.status}: ${read} read, ${changed} written in ${seconds.toFixed(1)} s = ${Math.round(read / seconds)} records/s; ` +
          `API calls ${summary.apiCalls} (minimum ${minimum}${bulk ? ', contacts read via Bulk 2.0' : ''}${bulkWrites ? `, written via Bulk 2.0 ingest; collection writes would take ${Math.ceil(summary.contacts.written / WRITE_BATCH)}` : ''}); peak RSS ${mb(peakRss)}`,
      );
    }
  } finally {
    await workers.close();
    await adapter.close();
    await removeDeployment(queue, redis);
    redis.disconnect();
    await sandbox.close();
  }
}

async function bulkReadBench(): Promise<void> {
  const config = loadDefaultConfig();
  const sandbox = await startSandbox({ crm: 'salesforce', companies: 1_000, contacts: BULK_CONTACTS, dailyLimit: 10_000_000 });
  const credentials = crmCredentials({ SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'bench' });
  let calls = 0;
  const adapter = await createAdapter('salesforce', { config: config.crm, credentials, onApiCall: () => calls++ });
  try {
    await adapter.setup({ personas: config.personas.personas, lists: false });
    calls = 0;
    const started = Date.now();
    let read = 0;
    let cursor: string | undefined;
    do {
      const page = await adapter.pageContacts({ cursor });
      read += page.records.length;
      cursor = page.next;
    } while (cursor);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `Bulk 2.0 read of ${BULK_CONTACTS} contacts`.padEnd(36) +
        ` ${read} read in ${seconds.toFixed(1)} s = ${Math.round(read / seconds)} records/s; API calls ${calls} (REST would need ${Math.ceil(BULK_CONTACTS / QUERY_PAGE)}); peak RSS ${mb(peakRss)}`,
    );
  } finally {
    await adapter.close();
    await sandbox.close();
  }
}

syncBench(ACCOUNTS, CONTACTS, ['first full run', 'second full run (nothing changed)'])
  .then(bulkReadBench)
  .then(() => syncBench(1_000, BULK_CONTACTS, [`full run, ${BULK_CONTACTS} contacts (Bulk)`, 'second full run (nothing changed)']))
  .then(() => {
    clearInterval(sampler);
    process.exit(0);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
