import type { FaultPlan, RateLimitSpec } from '../faults';
import { hash, prng, type Dataset } from '../seed';
import { DailyBudget, RollingWindow } from './limits';
import { ListStore } from './lists';
import type { ObjectType } from './object-types';
import { PropertyRegistry } from './properties';
import { RecordStore } from './records';
import { Stats } from './stats';
import { ValidationRules } from './validation-rules';

/** How a batch write answers a value that fails validation. */
export type InvalidValueMode = 'reject-batch' | 'per-input';

export interface HubSpotSandboxOptions {
  seed: number;
  /** Only this bearer token is accepted; any non-empty token when unset. */
  token?: string;
  /** Rolling window per token (TEN_SECONDLY_ROLLING); off when unset. */
  rateLimit?: RateLimitSpec;
  /** Requests per token per day (DAILY); off when unset. */
  dailyLimit?: number;
  /** CRM search requests per second per token; HubSpot allows 5. 0 turns the limit off. */
  searchPerSecond?: number;
  faults?: FaultPlan;
  latencyMs?: number;
  /** How long a `timeout` fault holds the request before answering 504. */
  timeoutFaultMs?: number;
  invalidValues?: InvalidValueMode;
}

/** Everything the routes share: the data, the portal's definitions and the counters. */
export class HubSpotState {
  readonly stores: Record<ObjectType, RecordStore>;
  readonly properties = new PropertyRegistry();
  readonly lists = new ListStore();
  readonly stats = new Stats();
  /** The portal's property validation rules (enforced on writes since 2026-09). */
  readonly validationRules = new ValidationRules();
  readonly limits: { tenSecondly: RollingWindow | null; daily: DailyBudget | null; search: RollingWindow | null };
  private shuffles = 0;

  constructor(dataset: Dataset, readonly options: HubSpotSandboxOptions) {
    this.stores = { companies: new RecordStore('companies', dataset), contacts: new RecordStore('contacts', dataset) };
    const searchPerSecond = options.searchPerSecond ?? 5;
    this.limits = {
      tenSecondly: options.rateLimit ? new RollingWindow(options.rateLimit) : null,
      daily: options.dailyLimit ? new DailyBudget(options.dailyLimit) : null,
      search: searchPerSecond > 0 ? new RollingWindow({ max: searchPerSecond, intervalMs: 1000 }) : null,
    };
  }

  /** Shuffles batch results in place, as HubSpot does not keep the input order; seeded. */
  shuffle<T>(items: T[]): T[] {
    const random = prng(hash(this.options.seed, 0x5b0ff1e, this.shuffles++));
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  reset(): void {
    this.stores.companies.reset();
    this.stores.contacts.reset();
    this.properties.reset();
    this.lists.reset();
    this.validationRules.reset();
    this.stats.reset();
    this.options.faults?.reset();
    for (const limit of Object.values(this.limits)) limit?.reset();
    this.shuffles = 0;
  }
}
