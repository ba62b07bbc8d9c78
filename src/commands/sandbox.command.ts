import { startSandbox, type Crm } from '../sandbox';
import { onShutdown } from '../queue/shutdown';

export interface SandboxCommandOptions {
  crm: Crm;
  port: number;
  host: string;
  companies: number;
  contacts: number;
  seed: number;
  rateLimit?: string;
  faults?: string;
  latency?: number;
  token?: string;
}

/** `icp-sync sandbox`: prints one JSON line {"url": ...} once it listens, serves until a signal. */
export async function sandboxCommand(options: SandboxCommandOptions): Promise<number> {
  const sandbox = await startSandbox({
    crm: options.crm,
    port: options.port,
    host: options.host,
    companies: options.companies,
    contacts: options.contacts,
    seed: options.seed,
    rateLimit: options.rateLimit,
    faults: options.faults,
    latencyMs: options.latency,
    token: options.token,
  });
  process.stdout.write(`${JSON.stringify({ url: sandbox.url, crm: sandbox.crm })}\n`);
  await onShutdown(() => sandbox.close());
  return 0;
}
