import type { Config } from '../config/load';
import type { CrmName } from '../crm/adapter';
import { createAdapter } from '../crm';
import { CrmError } from '../crm/crm.error';
import { logger } from '../log';
import { connectProducer } from '../queue/connection';

const SETUP_ATTEMPTS = 5;

/** Setup runs outside the queue: a rate limit is waited out here, then the (idempotent) setup runs again. */
export async function retryRateLimited<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof CrmError) || err.code !== 'RATE_LIMITED' || attempt >= SETUP_ATTEMPTS) throw err;
      const wait = err.details.retryAfterMs ?? 10_000;
      logger.warn({ waitMs: wait, attempt }, 'rate limited during setup; waiting');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Creates our properties (and list views): idempotent, a second run reports nothing to do. */
export async function setupCommand(config: Config, options: { crm: CrmName; lists?: boolean }): Promise<number> {
  // Redis holds the shared request budget and Salesforce's rotated refresh token.
  const redis = await connectProducer();
  const adapter = await createAdapter(options.crm, { config: config.crm, redis });
  try {
    const report = await retryRateLimited(() => adapter.setup({ personas: config.personas.personas, lists: Boolean(options.lists) }));
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
