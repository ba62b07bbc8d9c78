/** What the sandbox served, for GET /__sandbox/stats. */
export interface StatsSnapshot {
  /** Responses by route ("POST /crm/v3/objects/:objectType/batch/update") and status code. */
  requests: Record<string, Record<string, number>>;
  /** Authenticated API calls, the ones HubSpot counts against the limits. */
  apiCalls: number;
  /** 429 responses served, whatever the reason. */
  rateLimited: number;
  /** Injected faults by kind. */
  faults: Record<string, number>;
  /** Record writes per object type. */
  written: Record<string, number>;
}

export class Stats {
  private requests: Record<string, Record<string, number>> = {};
  apiCalls = 0;
  rateLimited = 0;
  private faults: Record<string, number> = {};

  record(route: string, status: number): void {
    const byStatus = (this.requests[route] ??= {});
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (status === 429) this.rateLimited++;
  }

  fault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  snapshot(written: Record<string, number>): StatsSnapshot {
    return { requests: structuredClone(this.requests), apiCalls: this.apiCalls, rateLimited: this.rateLimited, faults: { ...this.faults }, written };
  }

  reset(): void {
    this.requests = {};
    this.apiCalls = 0;
    this.rateLimited = 0;
    this.faults = {};
  }
}
