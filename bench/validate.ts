/**
 * `validate --crm` on 10,000 companies + 20,000 contacts + 20,000 deals against each sandbox: the
 * same path as the CLI (adapters, Redis-shared limiter at crm.yaml's default budget, then the
 * report, the suggestion and the HTML page). Prints time and API calls per CRM.
 * Run: node -r ./bin/register.js bench/validate.ts [hubspot|salesforce]
 */
import { startSandbox } from '@icp-sync/crm-sandbox';
import { crmCredentials } from '../src/config/env.schema';
import type { CrmName } from '../src/crm/adapter';
import { readCrm } from '../src/commands/validate.command';
import { renderReportHtml } from '../src/validate/html';
import { runValidation } from '../src/validate/run';
import { closedWindow } from '../src/validate/window';
import { loadDefaultConfig, redisUrl } from '../test/support/env';

const COMPANIES = 10_000;
const CONTACTS = 20_000;
const DEALS = 20_000;

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function bench(crm: CrmName): Promise<void> {
  // HubSpot's 10-second budget is emulated as a real portal enforces it (crm.yaml default: 100).
  const sandbox = await startSandbox({ crm, companies: COMPANIES, contacts: CONTACTS, deals: DEALS, seed: 42, rateLimit: crm === 'hubspot' ? '100/10' : undefined });
  const queue = `bench-validate-${process.pid}`;
  const credentials = crmCredentials(crm === 'hubspot' ? { HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'bench' } : { SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'bench' });
  const config = loadDefaultConfig();
  try {
    let calls = 0;
    const window = closedWindow(new Date(), 24);
    const started = process.hrtime.bigint();
    const data = await readCrm(config, { redisUrl: redisUrl(), queue, credentials }, crm, window, () => (calls += 1));
    const read = seconds(started);
    const computing = process.hrtime.bigint();
    const run = runValidation({ current: config, suggest: true, data, window });
    const compute = seconds(computing);
    const rendering = process.hrtime.bigint();
    const html = renderReportHtml(run);
    const render = seconds(rendering);
    const stats = (await sandbox.stats()) as { apiCalls?: number; rateLimited?: number; requests: Record<string, Record<string, number>> };
    const served = stats.apiCalls ?? Object.values(stats.requests).reduce((s, byStatus) => s + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    const r = run.report;
    console.log(`${crm}: ${data.companies.length} companies, ${CONTACTS} contacts, ${data.deals.length} closed deals read since ${r.window.from.slice(0, 10)} (${r.deals.closed} in the window, ${r.deals.won} won)`);
    console.log(`  API calls ${calls} (sandbox served ${served}, 429s ${stats.rateLimited ?? 0}); read ${read.toFixed(1)} s, report + suggestion ${compute.toFixed(2)} s, HTML ${render.toFixed(2)} s (${Math.round(html.length / 1024)} KiB), total ${(read + compute + render).toFixed(1)} s`);
    console.log(`  tier_1 lift ${r.tiers[0].lift?.toFixed(2)} -> ${r.candidate?.tiers[0].lift?.toFixed(2)}; TAL share of wins ${r.tal[0].shareOfWins?.toFixed(3)} -> ${r.candidate?.tal[0].shareOfWins?.toFixed(3)}`);
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const only = process.argv[2] as CrmName | undefined;
  for (const crm of only ? [only] : (['hubspot', 'salesforce'] as CrmName[])) await bench(crm);
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (sandbox and CLI in one process)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
