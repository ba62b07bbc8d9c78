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
    activeRun: (crm: CrmName) => `${p}:${crm}:active-run`,
    lastSuccess: (crm: CrmName) => `${p}:${crm}:last-success`,
    lastModelVersion: (crm: CrmName) => `${p}:${crm}:model-version`,
    generation: (crm: CrmName) => `${p}:${crm}:generation`,
    propertiesEnsured: (crm: CrmName) => `${p}:${crm}:properties-ensured`,
    state: (crm: CrmName, gen: string) => `${p}:${crm}:g:${gen}`,
    rescorePending: (crm: CrmName) => `${p}:${crm}:rescore-pending`,
    webhookSeen: (signature: string) => `${p}:webhook:${signature}`,
  };
}
export type Keys = ReturnType<typeof keys>;
