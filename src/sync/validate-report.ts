import type { Job, JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { CRM_NAMES, type CrmName } from '../crm/adapter';
import { readCrmData } from '../validate/crm-data';
import { runValidation } from '../validate/run';
import { closedWindow } from '../validate/window';
import type { SyncContext } from './context';
import type { Keys } from './keys';

export interface ValidateData {
  crm: CrmName;
  /** Closed within this many months (default 24, as `icp-sync validate`). */
  months?: number;
}

/** One validation a week needs few attempts; a failed one leaves the previous report served. */
export const VALIDATE_JOB_OPTIONS: JobsOptions = { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } };

export interface StoredReport {
  crm: CrmName;
  generatedAt: string;
  html: string;
  json: string;
}

/** The latest report per CRM, served by the worker's GET /report. */
export class ReportStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async save(report: StoredReport): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.report(report.crm), { generatedAt: report.generatedAt, html: report.html, json: report.json })
      .set(this.keys.latestReport, report.crm)
      .exec();
  }

  /** The CRM's latest report, or the latest of any CRM; undefined before the first one. */
  async get(crm?: CrmName): Promise<StoredReport | undefined> {
    const which = crm ?? ((await this.redis.get(this.keys.latestReport)) as CrmName | null);
    if (!which || !CRM_NAMES.includes(which)) return undefined;
    const stored = await this.redis.hgetall(this.keys.report(which));
    if (!stored.html) return undefined;
    return { crm: which, generatedAt: stored.generatedAt, html: stored.html, json: stored.json };
  }
}

/**
 * The scheduled validation (crm.yaml schedules.validate): reads the CRM through the workers'
 * adapter (the shared request budget), backtests the worker's config and its re-fitted
 * suggestion, and stores the HTML page and the JSON for GET /report. Writes nothing to the CRM.
 */
export async function validateReport(job: Job<ValidateData>, ctx: SyncContext): Promise<{ closed: number; won: number; generatedAt: string }> {
  const { crm } = job.data;
  const adapter = await ctx.adapter(crm);
  const window = closedWindow(new Date(), job.data.months ?? 24);
  const data = await readCrmData(adapter, ctx.config.personas, new Date(window.from));
  const run = runValidation({ current: ctx.config, suggest: true, data, window });
  const generatedAt = new Date().toISOString();
  // ECharts (about 20 MB of a worker's memory) only when a report is drawn.
  const { renderReportHtml } = await import('../validate/html');
  await new ReportStore(ctx.redis, ctx.keys).save({ crm, generatedAt, html: renderReportHtml(run), json: JSON.stringify(run.report) });
  ctx.logger.info({ crm, jobId: job.id, closed: run.report.deals.closed, won: run.report.deals.won }, 'validation report refreshed');
  return { closed: run.report.deals.closed, won: run.report.deals.won, generatedAt };
}
