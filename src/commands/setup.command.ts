import type { Config } from '../config/load';
import type { CrmName } from '../crm/adapter';
import { createAdapter } from '../crm';

/** Creates our properties (and list views): idempotent, a second run reports nothing to do. */
export async function setupCommand(config: Config, options: { crm: CrmName; lists?: boolean }): Promise<number> {
  const adapter = await createAdapter(options.crm, { config: config.crm });
  try {
    const report = await adapter.setup({ personas: config.personas.personas, lists: Boolean(options.lists) });
    const lines = [
      ...report.created.map((name) => `created ${name}`),
      ...report.updated.map((name) => `updated ${name} (new options)`),
      ...report.lists.map((name) => `created list "${name}"`),
    ];
    process.stdout.write(`${lines.length ? lines.join('\n') : `${options.crm}: everything is already set up, nothing written`}\n`);
    return 0;
  } finally {
    await adapter.close();
  }
}
