import { Redis } from 'ioredis';
import { crmCredentials, type CrmCredentials } from '../../src/config/env.schema';
import type { Config } from '../../src/config/load';
import { createAdapter } from '../../src/crm';
import type { CrmAdapter, CrmName } from '../../src/crm/adapter';
import { createQueue } from '../../src/queue/queues';
import { startWorkers, type Workers } from '../../src/queue/worker';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '@icp-sync/crm-sandbox';
import { keys } from '../../src/sync/keys';
import { RunStore, type RunSummary } from '../../src/sync/run-store';
import { enqueueSync, requestRescore, type SyncRequest } from '../../src/sync/trigger';
import { removeDeployment } from './cleanup';
import { loadDefaultConfig, redisUrl } from './env';

/** Env the CLI and the adapters read, pointed at one sandbox and one queue. */
export function harnessEnv(crm: CrmName, sandboxUrl: string, queue: string): Record<string, string> {
  return crm === 'hubspot'
    ? { HUBSPOT_BASE_URL: sandboxUrl, HUBSPOT_ACCESS_TOKEN: 'test-token', ICP_SYNC_QUEUE: queue }
    : { SALESFORCE_INSTANCE_URL: sandboxUrl, SALESFORCE_ACCESS_TOKEN: 'test-token', ICP_SYNC_QUEUE: queue };
}

export function uniqueQueue(label: string): string {
  return `test-${label}-${process.pid}-${Date.now().toString(36)}`;
}

/**
 * One sandbox, one unique queue on the real Redis, and in-process workers running the real job
 * code; `close` removes everything it created.
 */
export class SyncHarness {
  readonly redis: Redis;
  readonly queue;
  readonly runs;
  workers?: Workers;
  sandbox!: RunningSandbox;
  config: Config = loadDefaultConfig();
  /** The sandbox's credentials, as the CLI would parse them from its environment. */
  credentials: CrmCredentials = crmCredentials({});

  constructor(readonly crm: CrmName, readonly queueName = uniqueQueue(crm), url = redisUrl()) {
    this.redis = new Redis(url, { maxRetriesPerRequest: null });
    this.queue = createQueue(this.redis, queueName);
    this.queue.on('error', () => undefined);
    this.runs = new RunStore(this.redis, keys(queueName));
  }

  /** Starts the sandbox and, unless `inProcessWorkers` is false, workers in this process. */
  async start(sandbox: Omit<SandboxOptions, 'crm'> = {}, config?: Config, inProcessWorkers = true): Promise<this> {
    this.sandbox = await startSandbox({ crm: this.crm, companies: 120, contacts: 360, ...sandbox });
    this.credentials = crmCredentials(harnessEnv(this.crm, this.sandbox.url, this.queueName));
    if (config) this.config = config;
    if (inProcessWorkers) this.startWorkers();
    return this;
  }

  startWorkers(config = this.config, concurrency = 4): Workers {
    this.workers = startWorkers({ redis: this.redis, config, credentials: this.credentials, name: this.queueName, concurrency });
    return this.workers;
  }

  async restartWorkers(config: Config): Promise<void> {
    await this.workers?.close();
    this.config = config;
    this.startWorkers(config);
  }

  adapter(): Promise<CrmAdapter> {
    return createAdapter(this.crm, { config: this.config.crm, credentials: this.credentials });
  }

  async waitFor(runId: string, timeoutMs = 120_000): Promise<RunSummary> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const info = await this.runs.get(runId);
      if (info?.finishedAt) return (await this.runs.summary(runId))!;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`run ${runId} did not finish in ${timeoutMs} ms: ${JSON.stringify(await this.runs.summary(runId))}`);
  }

  async sync(request: Omit<SyncRequest, 'crm'>): Promise<RunSummary> {
    return this.waitFor(await enqueueSync(this.queue, { crm: this.crm, ...request }));
  }

  async rescore(companyIds?: string[]): Promise<RunSummary> {
    return this.waitFor(await requestRescore(this.queue, this.redis, this.crm, companyIds));
  }

  async sandboxStats(): Promise<Record<string, any>> {
    return this.sandbox.stats();
  }

  async close(): Promise<void> {
    await this.workers?.close();
    await removeDeployment(this.queue, this.redis);
    this.redis.disconnect();
    await this.sandbox?.close();
  }
}
