import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CrmCredentials } from '../config/env.schema';
import type { Config } from '../config/load';
import type { CrmAdapter, CrmName } from '../crm/adapter';
import { createAdapter } from '../crm';
import { logger, type Logger } from '../log';
import { metrics } from '../metrics';
import { keys, type Keys } from './keys';
import { compileModel, ModelStore, type Model } from './model';
import { RunStore } from './run-store';
import { RunScopes } from './run-scope';

/** What every job processor of a process shares: connections, compiled config, adapters. */
export interface SyncContext {
  redis: Redis;
  queue: Queue;
  keys: Keys;
  runs: RunStore;
  config: Config;
  /** This process's own configuration, compiled: scheduled runs and runs started here use it. */
  model: Model;
  /** Every run's configuration by version, whoever started it. */
  models: ModelStore;
  logger: Logger;
  /** The CRM credentials of this process (a run for a CRM without them fails at once, naming what to set). */
  credentials: CrmCredentials;
  /** The runs whose jobs are active, per CRM (the processor enters them): API calls are counted on them. */
  scopes: RunScopes;
  adapter(crm: CrmName): Promise<CrmAdapter>;
  close(): Promise<void>;
}

export function createSyncContext(options: { redis: Redis; queue: Queue; config: Config; credentials: CrmCredentials; logger?: Logger }): SyncContext {
  const { redis, queue, config } = options;
  const k = keys(queue.name);
  const runs = new RunStore(redis, k);
  const model = compileModel(config);
  const adapters = new Map<CrmName, Promise<CrmAdapter>>();
  const scopes = new RunScopes();

  const onApiCall = (crm: CrmName, status: number) => {
    metrics.apiCalls.inc({ crm, status: String(status) });
    if (status === 429) metrics.rateLimited.inc({ crm });
    const runId = scopes.current(crm);
    if (runId) runs.countApiCall(runId, status);
  };

  return {
    redis,
    queue,
    keys: k,
    runs,
    config,
    model,
    models: new ModelStore(redis, k, model),
    logger: options.logger ?? logger,
    credentials: options.credentials,
    scopes,
    adapter(crm) {
      let adapter = adapters.get(crm);
      if (!adapter) {
        adapter = createAdapter(crm, { config: config.crm, credentials: options.credentials, redis, namespace: queue.name, onApiCall });
        adapters.set(crm, adapter);
        adapter.catch(() => adapters.delete(crm));
      }
      return adapter;
    },
    async close() {
      await runs.flushApiCalls().catch(() => undefined);
      const all = await Promise.allSettled(adapters.values());
      await Promise.all(all.map((a) => (a.status === 'fulfilled' ? a.value.close() : undefined)));
    },
  };
}
