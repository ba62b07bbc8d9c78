import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one worker process, served on GET /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'icp_sync_' });

export const metrics = {
  records: new Counter({
    name: 'icp_sync_records_total',
    help: 'Records processed, by CRM, object and outcome (read, changed, written, failed)',
    labelNames: ['crm', 'object', 'outcome'] as const,
    registers: [registry],
  }),
  apiCalls: new Counter({
    name: 'icp_sync_api_calls_total',
    help: 'CRM API calls, by CRM and HTTP status',
    labelNames: ['crm', 'status'] as const,
    registers: [registry],
  }),
  rateLimited: new Counter({
    name: 'icp_sync_rate_limited_total',
    help: 'CRM responses 429 (rate limited)',
    labelNames: ['crm'] as const,
    registers: [registry],
  }),
  runDuration: new Histogram({
    name: 'icp_sync_run_duration_seconds',
    help: 'Duration of finished sync runs',
    labelNames: ['crm', 'mode', 'status'] as const,
    buckets: [5, 15, 60, 300, 900, 1800, 3600, 7200, 14400],
    registers: [registry],
  }),
  queueDepth: new Gauge({
    name: 'icp_sync_queue_jobs',
    help: 'Jobs in the queue, by state',
    labelNames: ['state'] as const,
    registers: [registry],
  }),
};
