import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** A copy of the shipped config with crm.yaml replaced, for worker processes. */
export function configDir(crmYaml: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'icp-config-'));
  cpSync(path.join(ROOT, 'config'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'crm.yaml'), crmYaml);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `icp-sync worker` as a separate OS process, as it runs in production. */
export function spawnWorker(env: Record<string, string>, concurrency = 2, nodeArgs: string[] = [], stdoutFile?: string): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin/icp-sync.js'), 'worker', '--no-schedules', '--port', '0', '--concurrency', String(concurrency)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', stdoutFile ? 'pipe' : 'ignore', 'pipe'],
  });
  child.stderr?.on('data', () => undefined);
  // Benches: what V8 flags such as --trace-gc print (appended, one file for all workers).
  if (stdoutFile) child.stdout?.pipe(createWriteStream(stdoutFile, { flags: 'a' }));
  return child;
}

export async function stopWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
