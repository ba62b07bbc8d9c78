/**
 * HubSpot full sync under transient faults, and under a budget smaller than crm.yaml's, through
 * the real engine (in-process workers, real Redis, sandbox over HTTP at the default API version):
 * fault-free time vs faulty time, job attempts spent, 429s with the budget learned from headers.
 * Run: node -r ./bin/register.js bench/sync-hubspot-faults.ts [companies] [contacts] [faults] [timeout hold ms]
 */
import '../jobs';
import { compileIcp } from '../src/scoring/icp';
import { allCompanies } from '../test/support/records';
import { SyncHarness } from '../test/support/sync-harness';

const COMPANIES = Number(process.argv[2] ?? 2_000);
const CONTACTS = Number(process.argv[3] ?? 6_000);
const FAULTS = process.argv[4] ?? '500=0.05,429=0.05,timeout=0.02';
/** How long the sandbox holds a `timeout` fault before its 504. */
const TIMEOUT_FAULT_MS = Number(process.argv[5] ?? 3_000);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'faults,budget').split(',');

interface Outcome {
  seconds: number;
  status: string;
  written: number;
  failed: number;
  apiCalls: number;
  rateLimited: number;
  faults: Record<string, number>;
  attemptsSpent: number;
  wrongValues: number;
}

async function run(label: string, sandbox: { rateLimit: string; faults?: string }): Promise<Outcome> {
  const h = new SyncHarness('hubspot');
  await h.start({ companies: COMPANIES, contacts: CONTACTS, rateLimit: sandbox.rateLimit, faults: sandbox.faults, timeoutFaultMs: TIMEOUT_FAULT_MS, seed: 42 }, undefined, false);
  try {
    const adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: false });
    h.startWorkers();
    const before = (await h.sandboxStats()) as { apiCalls: number; faults: Record<string, number> };
    const started = Date.now();
    const summary = await h.sync({ mode: 'full' }).then((s) => s);
    const seconds = (Date.now() - started) / 1000;
    const stats = (await h.sandboxStats()) as { apiCalls: number; rateLimited: number; faults: Record<string, number> };
    const jobs = await h.queue.getJobs(['completed', 'failed']);
    const score = compileIcp(h.config.icp);
    const wrongValues = (await allCompanies(adapter)).filter((c) => Number(c.current.icp_fit_score) !== score(c.fields).score).length;
    await adapter.close();
    const faults = Object.fromEntries(Object.entries(stats.faults).map(([k, n]) => [k, n - (before.faults[k] ?? 0)]));
    const outcome: Outcome = {
      seconds,
      status: summary.status,
      written: summary.companies.written + summary.contacts.written,
      failed: summary.companies.failed + summary.contacts.failed,
      apiCalls: stats.apiCalls - before.apiCalls,
      rateLimited: summary.rateLimited,
      faults,
      // attemptsMade is 1 for a job that completed at its first attempt
      attemptsSpent: jobs.reduce((sum, j) => sum + Math.max(0, j.attemptsMade - 1), 0),
      wrongValues,
    };
    console.log(
      `${label}: ${seconds.toFixed(1)} s, status ${outcome.status}, ${outcome.written} written, ${outcome.failed} failed, ${outcome.wrongValues} wrong scores; ` +
        `${outcome.apiCalls} API calls, ${outcome.rateLimited} 429s, faults served ${JSON.stringify(faults)}, job attempts spent on errors ${outcome.attemptsSpent}`,
    );
    return outcome;
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  console.log(`HubSpot faults bench: ${COMPANIES} companies + ${CONTACTS} contacts, crm.yaml defaults (100/10 s), API version 2026-09, 4 in-process workers\n`);
  if (SCENARIOS.includes('faults')) {
    const clean = await run('fault-free, portal 100/10 s', { rateLimit: '100/10' });
    const faulty = await run(`faults ${FAULTS} (timeouts answer 504 after ${TIMEOUT_FAULT_MS / 1000} s), portal 100/10 s`, { rateLimit: '100/10', faults: FAULTS });
    console.log(`  -> faulty / fault-free time: ${(faulty.seconds / clean.seconds).toFixed(2)}x (target <= 2x)\n`);
  }
  if (SCENARIOS.includes('budget')) await run('budget learned: crm.yaml 100/10 s, portal allows 30/10 s', { rateLimit: '30/10' });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
