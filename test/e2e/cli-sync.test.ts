import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { cli, ROOT, sandboxProcess } from '../support/processes';
import { removeDeployment } from '../support/cleanup';
import { redisUrl } from '../support/env';


describe('icp-sync setup / sync / rescore / runs against `icp-sync sandbox` (separate processes)', () => {
  const queue = `test-e2e-${process.pid}-${Date.now().toString(36)}`;
  let sandbox: { child: ChildProcess; url: string };
  let env: Record<string, string>;

  beforeAll(async () => {
    sandbox = await sandboxProcess(['--crm', 'hubspot', '--companies', '50', '--contacts', '120', '--token', 'pat-e2e']);
    env = { HUBSPOT_BASE_URL: sandbox.url, HUBSPOT_ACCESS_TOKEN: 'pat-e2e', ICP_SYNC_QUEUE: queue };
  });
  afterAll(async () => {
    sandbox.child.kill();
    const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    await removeDeployment(new Queue(queue, { connection: redis }), redis);
    redis.disconnect();
  });

  it('a wrong token stops setup with exit 2 and says what to fix', async () => {
    const { code, stderr } = await cli(['setup', '--crm', 'hubspot'], { ...env, HUBSPOT_ACCESS_TOKEN: 'pat-wrong' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/HUBSPOT_ACCESS_TOKEN/);
    expect(stderr).not.toMatch(/pat-wrong/);
  });

  it('missing credentials fail at once with exit 2, naming the variable; nothing is queued', async () => {
    const started = Date.now();
    const { code, stderr } = await cli(['sync', '--crm', 'hubspot', '--wait'], { ...env, HUBSPOT_ACCESS_TOKEN: '' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/HUBSPOT_ACCESS_TOKEN is not set/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const sf = await cli(['rescore', '--crm', 'salesforce', '--all'], env);
    expect(sf.code).toBe(2);
    expect(sf.stderr).toMatch(/no Salesforce credentials: set SALESFORCE_INSTANCE_URL/);
  });

  it('a wrong token on sync --wait: the run fails, exit 2 (bad config), the token never printed', async () => {
    // Its own queue: the run list of the tests below stays theirs.
    const own = `${queue}-wrong-token`;
    try {
      const { code, stdout, stderr } = await cli(['sync', '--crm', 'hubspot', '--full', '--wait'], { ...env, ICP_SYNC_QUEUE: own, HUBSPOT_ACCESS_TOKEN: 'pat-wrong' });
      expect(code).toBe(2);
      expect(stdout + stderr).toMatch(/HUBSPOT_ACCESS_TOKEN/);
      expect(stdout + stderr).not.toMatch(/pat-wrong/);
    } finally {
      const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
      await removeDeployment(new Queue(own, { connection: redis }), redis);
      redis.disconnect();
    }
  });

  it('setup is idempotent', async () => {
    const first = await cli(['setup', '--crm', 'hubspot', '--lists'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/created companies.icp_tier/);
    expect(first.stdout).toMatch(/created list "ICP: Tier 1"/);
    const second = await cli(['setup', '--crm', 'hubspot', '--lists'], env);
    expect(second).toMatchObject({ code: 0, stdout: 'hubspot: everything is already set up, nothing written\n' });
  });

  it('sync --wait processes the run in-process when no worker runs and prints the summary', async () => {
    const { code, stdout } = await cli(['sync', '--crm', 'hubspot', '--full', '--wait'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\(hubspot, full\): completed/);
    expect(stdout).toMatch(/^companies\s+50\s+50\s+50\s+0\s+0$/m);
    expect(stdout).toMatch(/^contacts\s+120\s+120\s+120\s+0\s+0$/m);
  });

  it('sync --dry-run prints nothing to change on a synced portal; --json gives the summary', async () => {
    const { code, stdout } = await cli(['sync', '--crm', 'hubspot', '--full', '--dry-run', '--json'], env);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(summary).toMatchObject({ dryRun: true, status: 'completed', companies: { changed: 0 } });
  });

  it('rescore --company --wait rewrites the company; runs lists the runs', async () => {
    const rescore = await cli(['rescore', '--crm', 'hubspot', '--company', '18000000001', '--wait'], env);
    expect(rescore.code).toBe(0);
    expect(rescore.stdout).toMatch(/\(hubspot, rescore, forced\): completed/);
    expect(rescore.stdout).toMatch(/^companies\s+1\s+1\s+1\s+0\s+0$/m);
    const runs = await cli(['runs', '--json'], env);
    expect(runs.stdout.trim().split('\n').map((l) => JSON.parse(l).mode)).toEqual(['rescore', 'full', 'full']);
  });

  it('the same commands on Salesforce: setup, full sync, nothing to write the second time', async () => {
    const sf = await sandboxProcess(['--crm', 'salesforce', '--companies', '40', '--contacts', '90']);
    try {
      const sfEnv = { SALESFORCE_INSTANCE_URL: sf.url, SALESFORCE_ACCESS_TOKEN: 'e2e', ICP_SYNC_QUEUE: queue };
      expect((await cli(['setup', '--crm', 'salesforce', '--lists'], sfEnv)).code).toBe(0);
      const first = await cli(['sync', '--crm', 'salesforce', '--full', '--wait', '--json'], sfEnv);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout.trim().split('\n').pop()!)).toMatchObject({ status: 'completed', companies: { written: 40 }, contacts: { written: 90 } });
      const second = await cli(['sync', '--crm', 'salesforce', '--wait', '--json'], sfEnv);
      expect(JSON.parse(second.stdout.trim().split('\n').pop()!)).toMatchObject({ status: 'completed', companies: { written: 0 }, contacts: { written: 0 } });
    } finally {
      sf.child.kill();
    }
  });

  it('sync --dry-run after an ICP change prints the before/after of each change and writes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'icp-e2e-config-'));
    try {
      cpSync(path.join(ROOT, 'config'), dir, { recursive: true });
      const icp = readFileSync(path.join(dir, 'icp.yaml'), 'utf8').replace('tiers: { tier_1: 80, tier_2: 60, tier_3: 40 }', 'tiers: { tier_1: 95, tier_2: 60, tier_3: 40 }');
      writeFileSync(path.join(dir, 'icp.yaml'), icp);
      const { code, stdout } = await cli(['sync', '--crm', 'hubspot', '--dry-run', '--config', dir], env);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^companies \d+$/m);
      expect(stdout).toMatch(/^  icp_tier: "tier_1" -> "tier_2"$/m);
      expect(stdout).toMatch(/^  icp_model_version: "?[0-9a-f]{12}"? -> "?[0-9a-f]{12}"?$/m);
      expect(stdout).toMatch(/\(hubspot, full, dry run\): completed/);
      const after = await cli(['sync', '--crm', 'hubspot', '--full', '--dry-run', '--json'], env);
      expect(JSON.parse(after.stdout.trim().split('\n').pop()!).companies.changed).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no Redis: says how to start it, exit 1', async () => {
    const { code, stderr } = await cli(['sync', '--crm', 'hubspot'], { ...env, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Redis is not reachable at redis:\/\/127.0.0.1:1.*\n.*docker compose up -d redis/);
  });
});
