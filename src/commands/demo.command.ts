import type { Config } from '../config/load';
import { createAdapter } from '../crm';
import { assertRedis, createRedis } from '../queue/connection';
import { createQueue } from '../queue/queues';
import { startSandbox } from '../sandbox';
import { keys } from '../sync/keys';
import { deleteMatching } from '../sync/state-store';
import { enqueueSync } from '../sync/trigger';
import { followRun } from './follow-run';
import { RunStore } from '../sync/run-store';
import { retryRateLimited } from './setup.command';
import { formatSummary } from './summary';

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `icp-sync demo`: the whole product on the embedded default — a seeded HubSpot sandbox, the real
 * queue on Redis, property setup, one full sync, the summary and what was written. No credentials.
 */
export async function demoCommand(config: Config, options: { companies: number; contacts: number; seed: number }): Promise<number> {
  const redis = createRedis('producer');
  redis.on('error', () => undefined);
  await assertRedis(redis);
  const sandbox = await startSandbox({ crm: 'hubspot', companies: options.companies, contacts: options.contacts, seed: options.seed, rateLimit: '100/10' });
  const queueName = `icp-sync-demo-${process.pid}`;
  Object.assign(process.env, { HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'demo-token', ICP_SYNC_QUEUE: queueName });
  const queue = createQueue(redis, queueName);
  const adapter = await createAdapter('hubspot', { config: config.crm });
  try {
    out(`HubSpot sandbox at ${sandbox.url}: ${options.companies} companies, ${options.contacts} contacts (seed ${options.seed})`);
    const setup = await retryRateLimited(() => adapter.setup({ personas: config.personas.personas, lists: true }));
    out(`setup: ${setup.created.length} properties/groups created, lists: ${setup.lists.map((l) => `"${l}"`).join(', ')}`);
    out(`model version ${config.modelVersion}; full sync through queue "${queueName}"...`);
    const runId = await enqueueSync(queue, { crm: 'hubspot', mode: 'full' });
    const summary = await followRun({ redis, queue, runs: new RunStore(redis, keys(queueName)) }, runId, config);
    out();
    out(formatSummary(summary));

    const companies = (await adapter.pageCompanies({})).records
      .filter((c) => c.current.icp_fit_score !== null)
      .sort((a, b) => Number(b.current.icp_fit_score) - Number(a.current.icp_fit_score));
    out('\nExample companies, as written back to HubSpot:');
    for (const c of [...companies.slice(0, 3), ...companies.slice(-2)]) {
      out(`  ${String(c.fields.name)} (${c.id}): score ${c.current.icp_fit_score}, ${c.current.icp_tier}, TAL ${c.current.icp_tal}, persona coverage ${c.current.icp_persona_coverage}%`);
      out(`    ${c.current.icp_fit_reasons}`);
    }
    out('\nExample contacts:');
    for (const c of (await adapter.pageContacts({})).records.slice(0, 8)) {
      out(`  ${JSON.stringify(c.jobTitle)} -> ${c.current.icp_persona} (${c.current.icp_seniority}, ${c.current.icp_function}, ${c.current.icp_buying_role})`);
    }
    out('\nNext: `icp-sync sync --crm hubspot --wait` against your portal (see README, "HubSpot setup").');
    return summary.status === 'completed' ? 0 : 1;
  } finally {
    await adapter.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await deleteMatching(redis, `${keys(queueName).prefix}:*`).catch(() => undefined);
    await queue.close();
    redis.disconnect();
    await sandbox.close();
  }
}
