import { crmCredentials, type CrmCredentials, type QueueEnv } from '../config/env.schema';
import type { Config } from '../config/load';
import { createAdapter } from '../crm';
import type { CrmName } from '../crm/adapter';
import { propertyDefinitions } from '../crm/properties';
import { logger, logLevelChosen } from '../log';
import { startSandbox } from '@icp-sync/crm-sandbox';
import { keys } from '../sync/keys';
import { deleteMatching } from '../sync/state-store';
import { enqueueSync } from '../sync/trigger';
import { followRun } from './follow-run';
import { withQueue, type QueueSession } from './queue-session';
import { retrySetup } from './setup.command';
import { formatSummary } from './summary';
import { readCrmData } from '../validate/crm-data';
import { runValidation } from '../validate/run';
import { formatComparison } from '../validate/text';
import { closedWindow } from '../validate/window';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** Credentials for the sandbox alone, whatever the user's .env holds. */
function sandboxCredentials(crm: CrmName, url: string): CrmCredentials {
  return crmCredentials(crm === 'hubspot' ? { HUBSPOT_BASE_URL: url, HUBSPOT_ACCESS_TOKEN: 'demo-token' } : { SALESFORCE_INSTANCE_URL: url, SALESFORCE_ACCESS_TOKEN: 'demo-token' });
}

/**
 * `icp-sync demo`: the whole product on the embedded default — a seeded CRM sandbox, the real
 * queue on Redis, property setup, one full sync, the summary and what was written. No credentials.
 */
export async function demoCommand(config: Config, env: QueueEnv, options: { crm: CrmName; companies: number; contacts: number; seed: number }): Promise<number> {
  // The demo speaks to a person: only warnings and errors as JSON logs, unless asked otherwise.
  if (!logLevelChosen()) logger.level = 'warn';
  // Its own queue (removed at the end), on the deployment's Redis.
  return withQueue({ ...env, queue: `icp-sync-demo-${process.pid}` }, (session) => demo(session, config, options));
}

async function demo(session: QueueSession, config: Config, options: { crm: CrmName; companies: number; contacts: number; seed: number }): Promise<number> {
  const { crm } = options;
  const { redis, queue } = session;
  const name = crm === 'hubspot' ? 'HubSpot' : 'Salesforce';
  // HubSpot's budget is emulated as in a real portal; Salesforce has no such per-second limit.
  const sandbox = await startSandbox({ crm, companies: options.companies, contacts: options.contacts, seed: options.seed, rateLimit: crm === 'hubspot' ? '100/10' : undefined });
  const queueName = queue.name;
  const credentials = sandboxCredentials(crm, sandbox.url);
  const adapter = await createAdapter(crm, { config: config.crm, credentials, redis });
  const field = (property: string) => (crm === 'hubspot' ? property : propertyDefinitions([]).find((d) => d.name === property)!.salesforce);
  try {
    out(`${name} sandbox at ${sandbox.url}: ${options.companies} companies, ${options.contacts} contacts (seed ${options.seed})`);
    const setup = await retrySetup(() => adapter.setup({ personas: config.personas.personas, lists: true }));
    out(`setup: ${setup.created.length} properties, fields or permissions created; lists: ${setup.lists.map((l) => `"${l}"`).join(', ')}`);
    out(`model version ${config.modelVersion}; full sync through queue "${queueName}"...`);
    const runId = await enqueueSync(queue, { crm, mode: 'full', model: config }, redis);
    const summary = await followRun(session, runId, config, credentials);
    out();
    out(formatSummary(summary));

    const score = field('icp_fit_score');
    const companies = (await adapter.pageCompanies({})).records
      .filter((c) => c.current[score] !== null)
      .sort((a, b) => Number(b.current[score]) - Number(a.current[score]));
    const v = (c: { current: Record<string, unknown> }, property: string) => c.current[field(property)];
    out(`\nExample companies, as written back to ${name}:`);
    for (const c of [...companies.slice(0, 3), ...companies.slice(-2)]) {
      out(`  ${String(c.fields.name)} (${c.id}): score ${v(c, 'icp_fit_score')}, ${v(c, 'icp_tier')}, TAL ${v(c, 'icp_tal')}, persona coverage ${v(c, 'icp_persona_coverage')}%`);
      out(`    ${v(c, 'icp_fit_reasons')}`);
    }
    out('\nExample contacts:');
    for (const c of (await adapter.pageContacts({})).records.slice(0, 8)) {
      out(`  ${JSON.stringify(c.jobTitle)} -> ${v(c, 'icp_persona')} (${v(c, 'icp_seniority')}, ${v(c, 'icp_function')}, ${v(c, 'icp_buying_role')})`);
    }
    // The ending: the same adapter reads the sandbox's closed deals and backtests the ICP on them.
    const window = closedWindow(new Date(), 24);
    const data = await readCrmData(adapter, config.personas, new Date(window.from));
    const validation = runValidation({ current: config, suggest: true, data, window });
    out(`\n${formatComparison(validation.report)}`);
    out(`  (the sandbox's deals follow a seeded model in which the collaboration stack decides and headcount does not matter: README, "Sandbox deals")`);
    out(`\nNext: \`icp-sync validate --crm ${crm} --suggest icp.suggested.yaml --html report.html\` on your own deals, and`);
    out(`\`icp-sync sync --crm ${crm} --wait\` against your own ${name} (see README, "${name} setup").`);
    return summary.status === 'completed' ? 0 : 1;
  } finally {
    await adapter.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await deleteMatching(redis, `${keys(queueName).prefix}:*`).catch(() => undefined);
    await sandbox.close();
  }
}
