import type { Queue } from 'bullmq';
import type { CrmConfig, Schedule } from '../config/crm.schema';
import type { CrmName } from '../crm/adapter';
import type { SyncRunData } from '../sync/run-data';
import { VALIDATE_JOB_OPTIONS, type ValidateData } from '../sync/validate-report';
import { JOB } from './queues';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function everyMs(every: string): number {
  const [, n, unit] = /^(\d+)(ms|s|m|h)$/.exec(every)!;
  return Number(n) * UNIT_MS[unit];
}

function repeatOptions(schedule: Schedule) {
  return 'every' in schedule ? { every: everyMs(schedule.every) } : { pattern: schedule.pattern, tz: schedule.tz };
}

/**
 * Upserts the job schedulers of crm.yaml (fixed ids, so every worker upserting at start leaves
 * exactly one schedule each) and removes the disabled ones.
 */
export async function upsertSchedules(queue: Queue, config: CrmConfig, crms: CrmName[]): Promise<string[]> {
  const active: string[] = [];
  for (const crm of crms) {
    for (const [kind, schedule] of Object.entries(config.schedules) as Array<[keyof CrmConfig['schedules'], Schedule]>) {
      const id = `schedule:${crm}:${kind}`;
      if (!schedule.enabled) {
        await queue.removeJobScheduler(id);
        continue;
      }
      if (kind === 'validate') {
        const data: ValidateData = { crm };
        await queue.upsertJobScheduler(id, repeatOptions(schedule), { name: JOB.validate, data, opts: VALIDATE_JOB_OPTIONS });
      } else {
        const data: SyncRunData = { crm, mode: kind === 'full' ? 'full' : 'incremental', scheduled: true };
        await queue.upsertJobScheduler(id, repeatOptions(schedule), { name: JOB.syncRun, data });
      }
      active.push(id);
    }
  }
  return active;
}
