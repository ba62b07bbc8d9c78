import type { Redis } from 'ioredis';
import type { CrmName, ObjectKind } from '../crm/adapter';
import type { Keys } from './keys';

export type RunMode = 'full' | 'incremental' | 'rescore';
export type RunStatus = 'queued' | 'running' | 'completed' | 'completed_with_failures' | 'stopped' | 'failed';

export interface RunInfo {
  id: string;
  crm: CrmName;
  mode: RunMode;
  dryRun: boolean;
  force: boolean;
  status: RunStatus;
  phase?: string;
  startedAt?: string;
  finishedAt?: string;
  since?: string;
  generation?: string;
  error?: string;
  /** The error code of a failed run (AUTH, SETUP, CONFIG, DAILY_LIMIT...), for exit codes. */
  errorCode?: string;
}

export interface ObjectCounts {
  read: number;
  changed: number;
  unchanged: number;
  written: number;
  failed: number;
}

export interface RunSummary extends RunInfo {
  durationMs?: number;
  companies: ObjectCounts;
  contacts: ObjectCounts;
  tiers: Record<string, number>;
  talSize?: number;
  apiCalls: number;
  rateLimited: number;
  apiByStatus: Record<string, number>;
  failures: Array<{ kind: ObjectKind; id: string; error: string }>;
}

const KINDS: ObjectKind[] = ['companies', 'contacts'];

/** One hash field per run attribute (JSON values), so concurrent updates of different ones never clobber. */
function fields(info: Partial<RunInfo>): Record<string, string> {
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined).map(([key, value]) => [key, JSON.stringify(value)]));
}
const FAILURES_SHOWN = 50;
/** API calls counted in memory are written at least this often. */
const API_FLUSH_MS = 250;
/** Run details stay this long after the run ends; the summary stays with the run list. */
const RUN_TTL_SECONDS = 7 * 24 * 3600;
/** Summaries kept (about 90 days at one run every 15 minutes), older ones expire. */
const RUNS_KEPT = 10_000;
const SUMMARY_TTL_SECONDS = 90 * 24 * 3600;
/** A dry run's diff, for `sync --dry-run` to print (and a person to look at). */
const DRY_RUN_CHANGES_TTL_SECONDS = 24 * 3600;

/** Run bookkeeping in Redis; every write is idempotent so a retried job counts once. */
export class RunStore {
  private readonly apiPending = new Map<string, Map<number, number>>();
  private apiTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly redis: Redis, private readonly k: Keys) {}

  async create(info: RunInfo): Promise<void> {
    await this.redis
      .multi()
      .hset(this.k.run(info.id), fields(info))
      .zadd(this.k.runs, Date.now(), info.id)
      .zremrangebyrank(this.k.runs, 0, -(RUNS_KEPT + 1))
      .exec();
  }

  async get(id: string): Promise<RunInfo | undefined> {
    const raw = await this.redis.hgetall(this.k.run(id));
    if (!raw.id) return undefined;
    const { summary: _summary, ...info } = raw;
    return Object.fromEntries(Object.entries(info).map(([key, value]) => [key, JSON.parse(value)])) as unknown as RunInfo;
  }

  /** Writes only the fields given, so a phase update never undoes a status set by another job. */
  async update(id: string, patch: Partial<RunInfo>): Promise<RunInfo> {
    if (!(await this.redis.hexists(this.k.run(id), 'id'))) throw new Error(`run ${id} not found`);
    const changed = fields(patch);
    if (Object.keys(changed).length) await this.redis.hset(this.k.run(id), changed);
    return (await this.get(id))!;
  }

  /** Counts of one job (read per kind, tiers): keyed by job so a retry overwrites, never adds. */
  async recordJob(runId: string, jobKey: string, counts: Record<string, number>): Promise<void> {
    await this.redis.hset(this.k.runCounts(runId), jobKey, JSON.stringify(counts));
  }

  async recordFailure(runId: string, kind: ObjectKind, id: string, error: string): Promise<void> {
    await this.redis.hset(this.k.runFailures(runId), `${kind}:${id}`, error);
  }

  /**
   * Counts an API call on a run: kept in memory and written in one HINCRBY per run and status by
   * `flushApiCalls` (the processor flushes when a job ends, a timer meanwhile), not one per call.
   */
  countApiCall(runId: string, status: number): void {
    this.addApiCalls(runId, status, 1);
  }

  private addApiCalls(runId: string, status: number, n: number): void {
    let byStatus = this.apiPending.get(runId);
    if (!byStatus) this.apiPending.set(runId, (byStatus = new Map()));
    byStatus.set(status, (byStatus.get(status) ?? 0) + n);
    this.apiTimer ??= setTimeout(() => void this.flushApiCalls().catch(() => undefined), API_FLUSH_MS).unref();
  }

  /**
   * Writes the API calls counted since the last flush, after any flush already under way (so a
   * caller that awaits it knows every call counted so far is in Redis). A worker killed with
   * SIGKILL loses the calls of its last moments (at most API_FLUSH_MS of them): the summary's
   * API-call count is then a little low; record counts are not affected.
   */
  flushApiCalls(): Promise<void> {
    const flush = this.flushing.then(() => this.writeApiCalls());
    this.flushing = flush.catch(() => undefined);
    return flush;
  }

  private async writeApiCalls(): Promise<void> {
    if (this.apiTimer) clearTimeout(this.apiTimer);
    this.apiTimer = undefined;
    if (!this.apiPending.size) return;
    const pending = [...this.apiPending];
    this.apiPending.clear();
    const multi = this.redis.multi();
    for (const [runId, byStatus] of pending) {
      for (const [status, n] of byStatus) multi.hincrby(this.k.runApi(runId), String(status), n);
      // A call counted after its run ended (its counts already in the summary) leaves nothing for good.
      multi.expire(this.k.runApi(runId), RUN_TTL_SECONDS);
    }
    try {
      await multi.exec();
    } catch (err) {
      // Redis unreachable: keep the counts for the next flush.
      for (const [runId, byStatus] of pending) for (const [status, n] of byStatus) this.addApiCalls(runId, status, n);
      throw err;
    }
  }

  /** A run's status alone (one field: batch jobs check it before spending API calls). */
  async status(id: string): Promise<RunInfo['status'] | undefined> {
    const raw = await this.redis.hget(this.k.run(id), 'status');
    return raw ? (JSON.parse(raw) as RunInfo['status']) : undefined;
  }

  async summary(id: string): Promise<RunSummary | undefined> {
    const info = await this.get(id);
    if (!info) return undefined;
    const stored = await this.redis.hget(this.k.run(id), 'summary');
    if (stored) return JSON.parse(stored) as RunSummary;
    return this.compute(info);
  }

  private async compute(info: RunInfo): Promise<RunSummary> {
    const id = info.id;
    await this.flushApiCalls();
    const [jobCounts, api, failures] = await Promise.all([this.redis.hvals(this.k.runCounts(id)), this.redis.hgetall(this.k.runApi(id)), this.redis.hgetall(this.k.runFailures(id))]);
    const totals: Record<string, number> = {};
    for (const raw of jobCounts) {
      for (const [key, n] of Object.entries(JSON.parse(raw) as Record<string, number>)) totals[key] = (totals[key] ?? 0) + n;
    }
    const failureList = Object.entries(failures).map(([key, error]) => {
      const [kind, ...rest] = key.split(':');
      return { kind: kind as ObjectKind, id: rest.join(':'), error };
    });
    const objectCounts = (kind: ObjectKind): ObjectCounts => {
      const read = totals[`${kind}.read`] ?? 0;
      const changed = totals[`${kind}.changed`] ?? 0;
      return {
        read,
        changed,
        unchanged: Math.max(0, read - changed),
        written: totals[`${kind}.written`] ?? 0,
        failed: failureList.filter((f) => f.kind === kind).length,
      };
    };
    const tiers = Object.fromEntries(
      Object.entries(totals)
        .filter(([key]) => key.startsWith('tier.'))
        .map(([key, n]) => [key.slice(5), n]),
    );
    const apiByStatus = Object.fromEntries(Object.entries(api).map(([status, n]) => [status, Number(n)]));
    const finished = info.finishedAt ? Date.parse(info.finishedAt) : Date.now();
    return {
      ...info,
      durationMs: info.startedAt ? finished - Date.parse(info.startedAt) : undefined,
      companies: objectCounts('companies'),
      contacts: objectCounts('contacts'),
      tiers,
      talSize: totals.talSize,
      apiCalls: Object.values(apiByStatus).reduce((a, b) => a + b, 0),
      rateLimited: apiByStatus['429'] ?? 0,
      apiByStatus,
      failures: failureList.slice(0, FAILURES_SHOWN),
    };
  }

  /**
   * Freezes the summary: the run's working keys go at once (a dry run's changes stay for its
   * diff), its counts and failures expire with its details.
   */
  async finish(id: string, patch: Partial<RunInfo>, extra: Record<string, number> = {}): Promise<RunSummary> {
    const info = await this.update(id, { ...patch, finishedAt: new Date().toISOString() });
    if (Object.keys(extra).length) await this.recordJob(id, 'run', extra);
    const summary = await this.compute(info);
    const detailKeys = [this.k.runFailures(id)];
    // The summary holds the counts from now on.
    const workingKeys = [this.k.runCounts(id), this.k.runApi(id), this.k.runDirty(id), this.k.runSeen(id), this.k.runRescore(id), this.k.runParked(id), this.k.runScores(id), this.k.runChanged(id), this.k.runPersonas(id)];
    const changeKeys = KINDS.map((kind) => this.k.runChanges(id, kind));
    const multi = this.redis.multi().hset(this.k.run(id), { summary: JSON.stringify(summary) }).expire(this.k.run(id), SUMMARY_TTL_SECONDS);
    for (const key of detailKeys) multi.expire(key, RUN_TTL_SECONDS);
    multi.unlink(...workingKeys);
    if (info.dryRun) for (const key of changeKeys) multi.expire(key, DRY_RUN_CHANGES_TTL_SECONDS);
    else multi.unlink(...changeKeys);
    await multi.exec();
    return summary;
  }

  async recent(limit = 20): Promise<RunSummary[]> {
    const ids = await this.redis.zrevrange(this.k.runs, 0, limit - 1);
    const out: RunSummary[] = [];
    for (const id of ids) {
      const summary = await this.summary(id);
      if (summary) out.push(summary);
    }
    return out;
  }
}
