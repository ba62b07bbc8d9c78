import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, ROOT, sandboxProcess, startRedis } from '../support/processes';
import { until } from '../support/records';


test('sync --wait rides through a Redis restart: the run completes and the CLI exits 0', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'icp-redis-cli-'));
  const port = await freePort();
  let redisServer = startRedis(port, dir);
  const { child: sandbox, url } = await sandboxProcess(['--crm', 'hubspot', '--companies', '150', '--contacts', '450', '--latency', '80']);
  const probe = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: null, retryStrategy: () => 200 });
  probe.on('error', () => undefined);
  try {
    await until(async () => (await probe.ping()) === 'PONG');
    const env = { ...process.env, LOG_LEVEL: 'warn', REDIS_URL: `redis://127.0.0.1:${port}`, HUBSPOT_BASE_URL: url, HUBSPOT_ACCESS_TOKEN: 'pat-restart', ICP_SYNC_QUEUE: 'restart' };
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/icp-sync.js'), 'sync', '--crm', 'hubspot', '--full', '--wait', '--json'], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    // Mid-run: the run exists and is reading.
    await until(async () => (await probe.keys('icp:restart:run:*')).length > 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    redisServer.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    redisServer = startRedis(port, dir);
    const code = await exited;
    expect(stderr).not.toMatch(/MaxRetriesPerRequestError/);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ status: 'completed', companies: { read: 150 } });
  } finally {
    probe.disconnect();
    redisServer.kill('SIGKILL');
    sandbox.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
