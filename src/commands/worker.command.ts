import type { AppEnv, CrmCredentials } from '../config/env.schema';
import type { Config } from '../config/load';
import { CRM_NAMES, type CrmName } from '../crm/adapter';
import { logger } from '../log';
import { assertRedis, createRedis } from '../queue/connection';
import { upsertSchedules } from '../queue/schedules';
import { onShutdown } from '../queue/shutdown';
import { startWorkers } from '../queue/worker';
import { UsageError } from '../io/usage.error';

/** The CRMs this deployment has credentials for: they get schedules. */
export function configuredCrms(credentials: CrmCredentials): CrmName[] {
  return CRM_NAMES.filter((crm) => credentials[crm]);
}

/** `icp-sync worker`: job processors, schedules and the HTTP server, until SIGTERM/SIGINT. */
export async function workerCommand(config: Config, env: AppEnv, options: { concurrency: number; schedules: boolean; port: number }): Promise<number> {
  const redis = createRedis('worker', env.redisUrl);
  redis.on('error', (err) => logger.warn({ err: err.message }, 'Redis connection error; retrying'));
  await assertRedis(redis, env.redisUrl);
  // Nothing is taken from the queue until the HTTP server listens and the schedules are in place:
  // a worker that cannot start stops whole, never half-started.
  const workers = startWorkers({
    redis,
    config,
    credentials: env.credentials,
    name: env.queue,
    lockMs: env.lockMs,
    concurrency: options.concurrency,
    ownsRedis: true,
    autorun: false,
  });
  const { startHttpServer } = await import('../http/server');
  let http: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    http = await startHttpServer({
      ctx: workers.ctx,
      port: options.port,
      apiToken: env.apiToken,
      hubspotClientSecret: env.hubspotClientSecret,
      hubspotWebhookKey: env.hubspotWebhookKey,
    });
  } catch (err) {
    await workers.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new UsageError(`the worker's HTTP port ${options.port} is ${code === 'EADDRINUSE' ? 'in use by another process' : 'not allowed'}: pick another with --port N or ICP_SYNC_HTTP_PORT`);
    }
    throw err;
  }
  try {
    const crms = configuredCrms(env.credentials);
    if (!crms.length) logger.warn('no CRM credentials in the environment (HUBSPOT_ACCESS_TOKEN, SALESFORCE_*): no schedules');
    if (options.schedules) {
      const active = await upsertSchedules(workers.ctx.queue, config.crm, crms);
      logger.info({ schedules: active }, 'schedules upserted');
    }
  } catch (err) {
    await http.close();
    await workers.close();
    throw err;
  }
  workers.run();
  logger.info({ url: http.url, concurrency: options.concurrency, queue: workers.ctx.queue.name, modelVersion: config.modelVersion }, 'worker started');
  await onShutdown(async () => {
    await http.close();
    await workers.close();
  });
  return 0;
}
