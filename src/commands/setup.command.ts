import { requireCredentials, type AppEnv } from '../config/env.schema';
import type { Config } from '../config/load';
import type { CrmName } from '../crm/adapter';
import { createAdapter } from '../crm';
import { CrmError } from '../crm/crm.error';
import { logger } from '../log';
import { connectProducer } from '../queue/connection';

const SETUP_ATTEMPTS = 8;

/**
 * Setup runs outside the queue: a rate limit or a transient failure the adapter's own retries did
 * not get past is waited out here, then the whole (idempotent) setup runs again. It reads what
 * exists before creating anything, so a create that timed out but succeeded is not made twice.
 */
export async function retrySetup<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof CrmError) || !err.retryable || attempt >= SETUP_ATTEMPTS) throw err;
      const wait = err.details.retryAfterMs ?? (err.code === 'RATE_LIMITED' ? 10_000 : 1000 * 2 ** (attempt - 1));
      logger.warn({ waitMs: wait, attempt, err: err.message }, `${err.code === 'RATE_LIMITED' ? 'rate limited' : 'transient failure'} during setup; waiting`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Creates our properties (and list views): idempotent, a second run reports nothing to do. */
export async function setupCommand(config: Config, env: AppEnv, options: { crm: CrmName; lists?: boolean }): Promise<number> {
  requireCredentials(env.credentials, options.crm);
  // Redis holds the shared request budget and Salesforce's rotated refresh token.
  const redis = await connectProducer(env.redisUrl);
  const adapter = await createAdapter(options.crm, { config: config.crm, credentials: env.credentials, redis });
  try {
    const report = await retrySetup(() => adapter.setup({ personas: config.personas.personas, lists: Boolean(options.lists) }));
    const lines = [
      ...report.created.map((name) => `created ${name}`),
      ...report.updated.map((name) => `updated ${name} (new options)`),
      ...report.lists.map((name) => `created list "${name}"`),
    ];
    process.stdout.write(`${lines.length ? lines.join('\n') : `${options.crm}: everything is already set up, nothing written`}\n`);
    return 0;
  } finally {
    await adapter.close();
    redis.disconnect();
  }
}
