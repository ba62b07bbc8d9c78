import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

export const ROOT = path.resolve(__dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `icp-sync ARGS` as a separate process, as a user runs it; `done` settles when it exits (-1 on a signal). */
export function startCli(args: string[], env: Record<string, string> = {}, logLevel = 'warn'): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/icp-sync.js'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: logLevel, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))) };
}

export function cli(args: string[], env: Record<string, string> = {}, logLevel = 'warn'): Promise<CliResult> {
  return startCli(args, env, logLevel).done;
}

/** `icp-sync sandbox ARGS` as a user starts it: one JSON line with the URL once it listens. */
export async function sandboxProcess(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/icp-sync.js'), 'sandbox', '--port', '0', ...args], { cwd: ROOT });
  const first = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve));
  return { child, url: JSON.parse(first).url };
}

/** A Redis of the test's own, with append-only persistence, as docker-compose.yml runs it. */
export function startRedis(port: number, dir: string): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], { stdio: 'ignore' });
}

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
