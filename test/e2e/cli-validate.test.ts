import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { createDataset, startSandbox, type RunningSandbox } from '@icp-sync/crm-sandbox';
import { Redis } from 'ioredis';
import { icpConfigSchema } from '../../src/config/icp.schema';
import { deleteMatching } from '../../src/sync/state-store';
import { cli, ROOT } from '../support/processes';
import { all } from '../support/records';
import { crmConfigSchema } from '../../src/config/crm.schema';
import { crmCredentials } from '../../src/config/env.schema';
import { createAdapter } from '../../src/crm';
import type { CrmAdapter, CrmName } from '../../src/crm/adapter';
import { redisUrl } from '../support/env';

const COMPANIES = 400;
const CONTACTS = 1000;
const SEED = 11;

/** What the seed says, computed here from the dataset alone: closed deals of the last 24 months. */
function expectedDeals() {
  const dataset = createDataset({ seed: SEED, companies: COMPANIES, contacts: CONTACTS });
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear() - 2, now.getUTCMonth(), now.getUTCDate())).toISOString().slice(0, 10);
  const closed = Array.from({ length: dataset.deals }, (_, i) => dataset.deal(i)).filter((d) => d.closed && new Date(d.closeAt).toISOString().slice(0, 10) >= from);
  return {
    closed: closed.length,
    won: closed.filter((d) => d.won).length,
    lost: closed.filter((d) => !d.won).length,
    unattributed: closed.filter((d) => d.companyIndex === null).length,
  };
}

describe.each<CrmName>(['hubspot', 'salesforce'])('icp-sync validate --crm %s (sandbox over HTTP, separate CLI process)', (crm) => {
  const queue = `test-validate-${crm}-${process.pid}`;
  let sandbox: RunningSandbox;
  let env: Record<string, string>;
  let dir: string;
  let report: any;

  beforeAll(async () => {
    sandbox = await startSandbox({ crm, companies: COMPANIES, contacts: CONTACTS, seed: SEED });
    env =
      crm === 'hubspot'
        ? { HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'pat-validate', ICP_SYNC_QUEUE: queue }
        : { SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'sf-validate', ICP_SYNC_QUEUE: queue };
    dir = mkdtempSync(path.join(os.tmpdir(), `icp-validate-${crm}-`));
    const result = await cli(['validate', '--crm', crm, '--json', '--suggest', path.join(dir, 'suggested.yaml')], env);
    expect(result.stderr).toMatch(/wrote the suggested icp.yaml/);
    expect(result.code).toBe(0);
    report = JSON.parse(result.stdout);
  }, 120_000);

  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
    // The shared request budget validate took part in (the limiter of this test's queue name).
    const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    await deleteMatching(redis, `b_icp-limiter:${queue}:*`);
    redis.disconnect();
  });

  it('counts the closed deals of the window as the seed holds them', () => {
    expect(report.deals).toEqual(expectedDeals());
    expect(report.overall.closed).toBe(report.deals.closed - report.deals.unattributed);
    expect(report.warnings.join('\n')).not.toMatch(/directional only/);
  });

  it('adds up: every company in one tier, one TAL group and one bucket per criterion', () => {
    const sum = (groups: Array<{ accounts: number; closed: number; won: number }>, key: 'accounts' | 'closed' | 'won') => groups.reduce((s, g) => s + g[key], 0);
    for (const key of ['accounts', 'closed', 'won'] as const) {
      expect(sum(report.tiers, key)).toBe(report.overall[key]);
      expect(sum(report.tal, key)).toBe(report.overall[key]);
      for (const c of report.criteria) expect(sum([c.full, c.partial, c.none, c.unknown], key)).toBe(report.overall[key]);
    }
    expect(report.overall.accounts).toBe(COMPANIES);
    expect(report.tal[0].accounts).toBeLessThanOrEqual(250);
    expect(report.tiers.map((t: { tier: string }) => t.tier)).toEqual(['tier_1', 'tier_2', 'tier_3', 'no_fit', 'insufficient_data']);
    expect(report.personas.map((p: { id: string }) => p.id)).toEqual(['hr_leader', 'recruiting_champion', 'it_leader', 'finance_leader']);
  });

  it('finds what the seeded deals say: the stack matters most, headcount not; the suggestion lifts tier_1', () => {
    const weight = (id: string) => report.criteria.find((c: { id: string }) => c.id === id);
    expect(weight('collaboration_stack').suggestedWeight).toBeGreaterThan(weight('collaboration_stack').weight * 3);
    expect(weight('headcount').suggestedWeight).toBeLessThan(weight('headcount').weight / 2);
    expect(report.candidate.tiers[0].lift).toBeGreaterThan(report.tiers[0].lift);
    expect(report.candidate.tal[0].shareOfWins).toBeGreaterThan(report.tal[0].shareOfWins);
    const suggested = icpConfigSchema.parse(YAML.parse(readFileSync(path.join(dir, 'suggested.yaml'), 'utf8')));
    expect(suggested.criteria.map((c) => c.weight)).toEqual(report.criteria.map((c: { suggestedWeight: number }) => c.suggestedWeight));
    expect(suggested.tiers).not.toEqual({ tier_1: 80, tier_2: 60, tier_3: 40 });
  });

  it('backtests a --candidate folder side by side, and exports give the same figures offline', async () => {
    const candidateDir = path.join(dir, 'candidate');
    mkdirSync(candidateDir);
    copyFileSync(path.join(dir, 'suggested.yaml'), path.join(candidateDir, 'icp.yaml'));
    const withCandidate = await cli(['validate', '--crm', crm, '--json', '--candidate', candidateDir], env);
    expect(withCandidate.code).toBe(0);
    const both = JSON.parse(withCandidate.stdout);
    expect(both.candidate.tiers).toEqual(report.candidate.tiers);
    expect(both.candidate.modelVersion).toBe(report.candidate.modelVersion);

    // The same CRM data as exports: companies as JSON lines, deals and contacts as CSV.
    const credentials = crmCredentials(crm === 'hubspot' ? { HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'pat-validate' } : { SALESFORCE_INSTANCE_URL: sandbox.url, SALESFORCE_ACCESS_TOKEN: 'sf-validate' });
    const adapter: CrmAdapter = await createAdapter(crm, { config: crmConfigSchema.parse({}), credentials });
    try {
      const companies = await all((cursor) => adapter.pageCompanies({ cursor, inputsOnly: true }));
      const contacts = await all((cursor) => adapter.pageContacts({ cursor, inputsOnly: true }));
      const deals = await all((cursor) => adapter.pageClosedDeals({ cursor, closedSince: new Date(Date.now() - 800 * 86_400_000) }));
      const csv = (value: unknown) => (value === null || value === undefined ? '' : `"${String(value).replace(/"/g, '""')}"`);
      writeFileSync(path.join(dir, 'companies.jsonl'), companies.map((c) => JSON.stringify(c.fields)).join('\n'));
      writeFileSync(path.join(dir, 'contacts.csv'), ['companyId,jobTitle', ...contacts.map((c) => `${csv(c.companyId)},${csv(c.jobTitle)}`)].join('\n'));
      writeFileSync(
        path.join(dir, 'deals.csv'),
        ['id,companyId,closed,won,amount,closeDate', ...deals.map((d) => [d.id, d.companyId, d.closed, d.won, d.amount, new Date(d.closedAt!).toISOString()].map(csv).join(','))].join('\n'),
      );
    } finally {
      await adapter.close();
    }
    const offline = await cli(['validate', '--companies', path.join(dir, 'companies.jsonl'), '--deals', path.join(dir, 'deals.csv'), '--contacts', path.join(dir, 'contacts.csv'), '--json', '--candidate', candidateDir]);
    expect(offline.stderr).toBe('');
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout)).toEqual(both);
  }, 120_000);
});

describe('icp-sync validate usage', () => {
  it.each([
    [[], /needs --crm hubspot\|salesforce, or --companies FILE --deals FILE/],
    [['--companies', 'x.csv'], /needs both --companies FILE and --deals FILE/],
    [['--crm', 'hubspot', '--deals', 'x.csv'], /either a CRM .* or exports/],
    [['--companies', 'a', '--deals', 'b', '--months', '0'], /--months/],
  ])('%j exits 2', async (args, message) => {
    const { code, stderr } = await cli(['validate', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('a bad candidate config exits 2 and names the file and path', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'icp-validate-bad-'));
    try {
      writeFileSync(path.join(dir, 'icp.yaml'), 'criteria:\n  - id: x\n    field: employees\n    weight: -1\n    match: { range: { min: 1 } }\n');
      writeFileSync(path.join(dir, 'c.csv'), 'id\n1\n');
      const { code, stderr } = await cli(['validate', '--companies', path.join(dir, 'c.csv'), '--deals', path.join(dir, 'c.csv'), '--candidate', dir]);
      expect(code).toBe(2);
      expect(stderr).toContain(path.join(dir, 'icp.yaml'));
      expect(stderr).toMatch(/criteria\[0\]\.weight/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('icp-sync demo ending', () => {
  it('ends with "your ICP vs what your deals say", the suggestion lifting tier_1 and the TAL share of wins', async () => {
    const { code, stdout } = await cli(['demo', '--companies', '300', '--contacts', '600']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Your ICP vs what your deals say \(\d+ closed deals/);
    const figures = (label: string) => {
      const match = new RegExp(`${label}\\s+([\\d.]+)(?:x| %)\\s+([\\d.]+)`).exec(stdout);
      expect(match).not.toBeNull();
      return [Number(match![1]), Number(match![2])];
    };
    const [liftBefore, liftAfter] = figures('tier_1 lift');
    expect(liftAfter).toBeGreaterThan(liftBefore);
    const [shareBefore, shareAfter] = figures('TAL share of wins');
    expect(shareAfter).toBeGreaterThan(shareBefore);
  }, 120_000);
});

describe('validate shares the request budget of the deployment', () => {
  it('two validate processes against a tight HubSpot budget cause no 429', async () => {
    const queue = `test-validate-budget-${process.pid}`;
    const sandbox = await startSandbox({ crm: 'hubspot', companies: 300, contacts: 300, deals: 600, seed: 5, rateLimit: '10/1' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'icp-validate-budget-'));
    try {
      for (const file of ['icp.yaml', 'personas.yaml']) writeFileSync(path.join(dir, file), readFileSync(path.join(ROOT, 'config', file)));
      writeFileSync(path.join(dir, 'crm.yaml'), 'hubspot:\n  rateLimit: { max: 10, intervalSeconds: 1 }\n');
      const env = { HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'pat-budget', ICP_SYNC_QUEUE: queue };
      const runs = await Promise.all([1, 2].map(() => cli(['validate', '--crm', 'hubspot', '--config', dir, '--json'], env)));
      for (const run of runs) expect(run.code).toBe(0);
      expect(JSON.parse(runs[0].stdout).deals).toEqual(JSON.parse(runs[1].stdout).deals);
      const stats = (await sandbox.stats()) as { apiCalls: number; rateLimited: number };
      // 3 company pages, 3 contact pages, 6 deal pages and 1 associations read, each.
      expect(stats.apiCalls).toBe(2 * 13);
      expect(stats.rateLimited).toBe(0);
    } finally {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
      const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
      await deleteMatching(redis, `b_icp-limiter:${queue}:*`);
      redis.disconnect();
    }
  }, 60_000);
});
