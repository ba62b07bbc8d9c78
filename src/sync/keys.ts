import type { CrmName, ObjectKind } from '../crm/adapter';

/** Every Redis key icp-sync owns outside BullMQ's, under one prefix per queue (tests use their own). */
export function keys(queue: string) {
  const p = `icp:${queue}`;
  return {
    prefix: p,
    runs: `${p}:runs`,
    run: (id: string) => `${p}:run:${id}`,
    runCounts: (id: string) => `${p}:run:${id}:counts`,
    runApi: (id: string) => `${p}:run:${id}:api`,
    runChanges: (id: string, kind: ObjectKind) => `${p}:run:${id}:changes:${kind}`,
    runFailures: (id: string) => `${p}:run:${id}:failures`,
    runDirty: (id: string) => `${p}:run:${id}:dirty-companies`,
    runSeen: (id: string) => `${p}:run:${id}:seen-companies`,
    runRescore: (id: string) => `${p}:run:${id}:rescore`,
    /** Company pages read while the contacts are still being classified, scored after them. */
    runParked: (id: string) => `${p}:run:${id}:parked`,
    runPage: (id: string, page: string) => `${p}:run:${id}:page:${page}`,
    /** A dry run's scores, over the stored ones for its TAL step. */
    runScores: (id: string) => `${p}:run:${id}:scores`,
    /** A dry incremental run's persona changes, over the stored state. */
    runPersonas: (id: string) => `${p}:run:${id}:personas`,
    /** Companies a ranked-TAL run changed in its score step (its TAL flips count only the others). */
    runChanged: (id: string) => `${p}:run:${id}:changed-companies`,
    model: (version: string) => `${p}:model:${version}`,
    activeRun: (crm: CrmName) => `${p}:${crm}:active-run`,
    lastSuccess: (crm: CrmName) => `${p}:${crm}:last-success`,
    lastModelVersion: (crm: CrmName) => `${p}:${crm}:model-version`,
    generation: (crm: CrmName) => `${p}:${crm}:generation`,
    /** The last TAL ranking's lowest-ranked member, for the score steps' prediction. */
    talCut: (crm: CrmName) => `${p}:${crm}:tal-cut`,
    propertiesEnsured: (crm: CrmName) => `${p}:${crm}:properties-ensured`,
    state: (crm: CrmName, gen: string) => `${p}:${crm}:g:${gen}`,
    rescorePending: (crm: CrmName) => `${p}:${crm}:rescore-pending`,
    webhookSeen: (signature: string) => `${p}:webhook:${signature}`,
    /** The latest validation report of a CRM (hash: html, json, generatedAt). */
    report: (crm: CrmName) => `${p}:${crm}:validation-report`,
    /** Which CRM's report is the latest of all. */
    latestReport: `${p}:validation-report:latest`,
    /** Sorted set: worker process id -> time of its last heartbeat (src/queue/heartbeat.ts). */
    workers: `${p}:workers`,
  };
}
export type Keys = ReturnType<typeof keys>;

/**
 * Keys of a CRM account rather than of one deployment's queue, built here too so that this file
 * names every key icp-sync owns. Bottleneck prefixes the limiter's own keys with "b_".
 */
export const accountKeys = {
  /**
   * The request budget of a CRM account, shared by every process (namespaced by queue: tests run
   * isolated budgets). Bottleneck names its keys `b_<id>_*`; the limiter keeps its turn shape in `b_<id>_turn`.
   */
  limiter: (namespace: string, crm: CrmName, account: string) => `icp-limiter:${namespace}:${crm}:${account}`,
  /** The search budget of a HubSpot account. */
  searchLimiter: (namespace: string, account: string) => `icp-limiter:${namespace}:hubspot:${account}:search`,
  /** A Salesforce connected app's shared access token, its refresh lock and its rotated refresh token. */
  salesforceSession: (digest: string) => `icp-sync:salesforce:session:${digest}`,
};
