/**
 * The local CRM sandbox: an emulator of HubSpot's or Salesforce's API over real HTTP, with seeded
 * data, rate limits and injected faults, for tests, benchmarks and demos.
 */
import type { FastifyInstance } from 'fastify';
import { createFaultPlan, parseFaults, parseRateLimit, type FaultRates, type RateLimitSpec } from './faults';
import { createHubSpotSandbox, type InvalidValueMode } from './hubspot/server';
import { createSalesforceSandbox } from './salesforce/server';
import { createDataset, DEFAULT_DATASET, type Dataset } from './seed';

export type Crm = 'hubspot' | 'salesforce';

export interface SandboxOptions {
  crm: Crm;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  companies?: number;
  contacts?: number;
  /** Seeded deals / opportunities (default two per company). */
  deals?: number;
  seed?: number;
  /** `{max, intervalMs}` or "MAX/SECONDS" (e.g. "190/10"); off when unset. */
  rateLimit?: RateLimitSpec | string;
  /** Requests per token per day; off when unset. */
  dailyLimit?: number;
  /** Rates per request or "429=0.05,500=0.02,timeout=0.01,partial=0.02". */
  faults?: FaultRates | string;
  latencyMs?: number;
  /** Only this bearer token is accepted; any non-empty token when unset. */
  token?: string;
  /** HubSpot only: search requests per second per token (default 5, 0 = unlimited). */
  searchPerSecond?: number;
  /** HubSpot only: a bad value, or on 2026-09 a broken validation rule, in a batch write fails the whole batch with 400 (default) or its input alone. */
  invalidValues?: InvalidValueMode;
  /** How long a `timeout` fault holds a request before answering 504 (default 30 s). */
  timeoutFaultMs?: number;
}

export interface RunningSandbox {
  url: string;
  crm: Crm;
  close(): Promise<void>;
  /** The emulator's counters, as served by GET /__sandbox/stats. */
  stats(): Promise<Record<string, unknown>>;
}

/** What an emulator factory receives: the parsed options and the seeded dataset. */
export type EmulatorOptions = Omit<SandboxOptions, 'crm' | 'port' | 'host' | 'rateLimit' | 'faults' | 'seed'> & {
  seed: number;
  rateLimit?: RateLimitSpec;
  faults?: ReturnType<typeof createFaultPlan>;
};

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const seed = options.seed ?? DEFAULT_DATASET.seed;
  const dataset = createDataset({ seed, companies: options.companies, contacts: options.contacts, deals: options.deals });
  const rateLimit = typeof options.rateLimit === 'string' ? parseRateLimit(options.rateLimit) : options.rateLimit;
  const rates = typeof options.faults === 'string' ? parseFaults(options.faults) : options.faults;
  const emulatorOptions: EmulatorOptions = { ...options, seed, rateLimit, faults: rates ? createFaultPlan(seed, rates) : undefined };
  const app = await createEmulator(options.crm, emulatorOptions, dataset);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    crm: options.crm,
    close: () => app.close(),
    stats: async () => (await fetch(`${url}/__sandbox/stats`)).json() as Promise<Record<string, unknown>>,
  };
}

async function createEmulator(crm: Crm, options: EmulatorOptions, dataset: Dataset): Promise<FastifyInstance> {
  if (crm === 'hubspot') return createHubSpotSandbox(options, dataset);
  if (crm === 'salesforce') return createSalesforceSandbox(options, dataset);
  throw new Error(`unknown CRM "${String(crm)}": expected hubspot or salesforce`);
}

export { parseFaults, parseRateLimit, type FaultRates, type RateLimitSpec } from './faults';
export { startSalesforceSandbox, type RunningSalesforceSandbox } from './salesforce/server';
export { createDataset, DEFAULT_DATASET, OUTCOME_MODEL, winProbability, type Dataset, type SeedDeal } from './seed';
