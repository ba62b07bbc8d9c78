import { createFaultPlan, type FaultPlan, type FaultRates, type RateLimitSpec } from '../../faults';
import { createDataset, type Dataset } from '../../seed';
import { Sessions, type SessionOptions } from '../auth/sessions';
import { Org } from '../org/org';
import type { BulkJobs } from './bulk-jobs';
import type { QueryCursors } from './query-cursors';

export interface SalesforceSandboxOptions extends SessionOptions {
  /** The dataset to seed, when the caller passes none. */
  seed?: number;
  companies?: number;
  contacts?: number;
  /** Seeded Opportunities (default two per account). */
  deals?: number;
  rateLimit?: RateLimitSpec;
  /** Fault rates, or a plan already drawn from them (deterministic by seed). */
  faults?: FaultRates | FaultPlan;
  latencyMs?: number;
  /** DailyApiRequests allocation (default 100,000); `dailyLimit` is the sandbox-wide name of the same. */
  apiDailyLimit?: number;
  dailyLimit?: number;
  /** PEM public key of the connected app's certificate: JWT bearer signatures are checked when set. */
  jwtPublicKey?: string;
  /** How long a `timeout` fault holds a request before answering 504 (default 30 s). */
  timeoutFaultMs?: number;
}

/** Requests by route and status, records written per object. */
export class Stats {
  readonly requests: Record<string, Record<string, number>> = {};
  readonly recordsWritten: Record<string, number> = {};

  request(route: string, status: number): void {
    const byStatus = (this.requests[route] ??= {});
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }

  wrote(object: string, count: number): void {
    this.recordsWritten[object] = (this.recordsWritten[object] ?? 0) + count;
  }
}

/** Everything a sandbox holds; `reset` returns it to a freshly seeded org. */
export class SandboxState {
  org!: Org;
  sessions!: Sessions;
  stats!: Stats;
  faults!: FaultPlan;
  apiUsed = 0;
  bulkQueryJobs = 0;
  private recent: number[] = [];

  constructor(
    readonly options: SalesforceSandboxOptions,
    readonly dataset: Dataset,
    readonly cursors: QueryCursors,
    readonly bulk: BulkJobs,
  ) {
    this.reset();
  }

  static datasetOf(options: SalesforceSandboxOptions): Dataset {
    return createDataset({ seed: options.seed, companies: options.companies, contacts: options.contacts, deals: options.deals });
  }

  get apiMax(): number {
    return this.options.apiDailyLimit ?? this.options.dailyLimit ?? 100_000;
  }

  reset(): void {
    this.org = new Org(this.dataset);
    this.sessions = new Sessions(this.org.orgId, this.options);
    this.stats = new Stats();
    const faults = this.options.faults;
    this.faults = faults && 'next' in faults ? faults : createFaultPlan(this.dataset.seed, faults);
    this.faults.reset();
    this.apiUsed = 0;
    this.bulkQueryJobs = 0;
    this.recent = [];
    this.cursors.clear();
    this.bulk.clear();
  }

  /** True when one more request fits the configured rolling window. */
  admit(now = Date.now()): boolean {
    const spec = this.options.rateLimit;
    if (!spec) return true;
    while (this.recent.length && this.recent[0] <= now - spec.intervalMs) this.recent.shift();
    if (this.recent.length >= spec.max) return false;
    this.recent.push(now);
    return true;
  }
}
