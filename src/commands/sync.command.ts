import { requireCredentials, type AppEnv, type QueueEnv } from '../config/env.schema';
import type { Config } from '../config/load';
import type { CrmName, ObjectKind } from '../crm/adapter';
import { ChangeStore } from '../sync/changes';
import { keys } from '../sync/keys';
import type { RunSummary } from '../sync/run-store';
import { enqueueSync, requestRescore } from '../sync/trigger';
import { followRun } from './follow-run';
import { withQueue, type QueueSession } from './queue-session';
import { formatDiffValue, formatSummary } from './summary';

/** Codes of a run that failed on credentials or settings, not on the CRM: bad config, exit 2 (README). */
const CONFIG_FAILURES = new Set(['AUTH', 'SETUP', 'CONFIG']);

function exitCode(summary: RunSummary): number {
  if (summary.status === 'completed') return 0;
  return summary.status === 'failed' && summary.errorCode && CONFIG_FAILURES.has(summary.errorCode) ? 2 : 1;
}

async function printDiff(session: QueueSession, runId: string): Promise<void> {
  const changes = new ChangeStore(session.redis, keys(session.queue.name), runId);
  for (const kind of ['companies', 'contacts'] as ObjectKind[]) {
    for await (const [id, change] of changes.entries(kind)) {
      const fields = Object.keys(change.values).map((key) => `  ${key}: ${formatDiffValue(change.before[key])} -> ${formatDiffValue(change.values[key])}`);
      process.stdout.write(`${kind} ${id}\n${fields.join('\n')}\n`);
    }
  }
}

async function report(session: QueueSession, runId: string, config: Config, env: AppEnv, options: { json?: boolean; dryRun?: boolean }): Promise<number> {
  const summary = await followRun(session, runId, config, env.credentials);
  if (options.dryRun) await printDiff(session, runId);
  process.stdout.write(`${options.json ? JSON.stringify(summary) : formatSummary(summary)}\n`);
  return exitCode(summary);
}

export async function syncCommand(config: Config, env: AppEnv, options: { crm: CrmName; full?: boolean; dryRun?: boolean; wait?: boolean; json?: boolean }): Promise<number> {
  // Missing credentials are known now: say so (exit 2) rather than queue a run no retry can save.
  requireCredentials(env.credentials, options.crm);
  return withQueue(env, async (session) => {
    const runId = await enqueueSync(session.queue, { crm: options.crm, mode: options.full ? 'full' : 'incremental', dryRun: options.dryRun, model: config }, session.redis);
    // A dry run is only useful with its diff, so it always waits.
    if (!options.wait && !options.dryRun) {
      process.stdout.write(`${runId}\n`);
      return 0;
    }
    return report(session, runId, config, env, options);
  });
}

export async function rescoreCommand(config: Config, env: AppEnv, options: { crm: CrmName; company?: string[]; all?: boolean; wait?: boolean; json?: boolean }): Promise<number> {
  requireCredentials(env.credentials, options.crm);
  return withQueue(env, async (session) => {
    const runId = await requestRescore(session.queue, session.redis, options.crm, options.all ? undefined : options.company, config);
    if (!options.wait) {
      process.stdout.write(`${runId}\n`);
      return 0;
    }
    return report(session, runId, config, env, options);
  });
}

export async function runsCommand(env: QueueEnv, options: { limit: number; json?: boolean }): Promise<number> {
  return withQueue(env, async (session) => {
    const runs = await session.runs.recent(options.limit);
    if (options.json) {
      for (const run of runs) process.stdout.write(`${JSON.stringify(run)}\n`);
    } else if (!runs.length) {
      process.stdout.write('no runs yet: start one with `icp-sync sync --crm hubspot --wait`\n');
    } else {
      process.stdout.write(`${runs.map(formatSummary).join('\n\n')}\n`);
    }
    return 0;
  });
}
