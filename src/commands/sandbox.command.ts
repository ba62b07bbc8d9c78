import { CommanderError } from 'commander';
import { parseFaults, parseRateLimit, startSandbox, type Crm } from '@icp-sync/crm-sandbox';
import { onShutdown } from '../queue/shutdown';

export interface SandboxCommandOptions {
  crm: Crm;
  port: number;
  host: string;
  companies: number;
  contacts: number;
  deals?: number;
  seed: number;
  rateLimit?: string;
  dailyLimit?: number;
  faults?: string;
  latency?: number;
  token?: string;
}

/** `icp-sync sandbox`: prints one JSON line {"url": ...} once it listens, serves until a signal. */
/** Bad --faults / --rate-limit values are usage errors (exit 2, no stack trace). */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new CommanderError(2, 'icp-sync.usage', (err as Error).message);
  }
}

export async function sandboxCommand(options: SandboxCommandOptions): Promise<number> {
  const rateLimit = options.rateLimit === undefined ? undefined : usage(() => parseRateLimit(options.rateLimit!));
  const faults = options.faults === undefined ? undefined : usage(() => parseFaults(options.faults!));
  const sandbox = await startSandbox({
    crm: options.crm,
    port: options.port,
    host: options.host,
    companies: options.companies,
    contacts: options.contacts,
    deals: options.deals,
    seed: options.seed,
    rateLimit,
    dailyLimit: options.dailyLimit,
    faults,
    latencyMs: options.latency,
    token: options.token,
  });
  process.stdout.write(`${JSON.stringify({ url: sandbox.url, crm: sandbox.crm })}\n`);
  await onShutdown(() => sandbox.close());
  return 0;
}
