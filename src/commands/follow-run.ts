import { SingleBar, Presets } from 'cli-progress';
import type { CrmCredentials } from '../config/env.schema';
import type { Config } from '../config/load';
import { logger, logLevelChosen } from '../log';
import { createRedis, rideThroughRestarts } from '../queue/connection';
import { HEARTBEAT_MS, liveWorkers } from '../queue/heartbeat';
import { startWorkers, type Workers } from '../queue/worker';
import { createSyncContext } from '../sync/context';
import { keys } from '../sync/keys';
import { releaseRunLock } from '../sync/run-lock';
import type { SyncRunData } from '../sync/run-data';
import { finish } from '../sync/run-steps';
import type { RunSummary } from '../sync/run-store';
import { InterruptedError } from './interrupted.error';
import type { QueueSession } from './queue-session';

const POLL_MS = 500;

/** What the bar says: reading has no known total, so it counts; writing shows written of changed. */
function progress(summary: RunSummary): { value: number; total: number; text: string } {
  const read = summary.companies.read + summary.contacts.read;
  const changed = summary.companies.changed + summary.contacts.changed;
  const written = summary.companies.written + summary.contacts.written;
  if (summary.phase === 'write') return { value: written, total: Math.max(1, changed), text: `written ${written} of ${changed} changes` };
  return { value: 0, total: 1, text: `read ${read} records (${summary.companies.read} companies, ${summary.contacts.read} contacts), ${changed} to write` };
}

/**
 * Stops a run this process was processing: its jobs removed, its lock released, its summary
 * `stopped` (a full run's new state dropped, re-score ids handed back), so the next run starts now.
 */
async function handBack(session: QueueSession, runId: string, config: Config, credentials: CrmCredentials): Promise<void> {
  await session.runs.update(runId, { status: 'stopped', error: 'interrupted: the process that ran it was stopped (Ctrl-C / SIGTERM)' });
  const job = await session.queue.getJob(runId);
  const run = (job?.data as SyncRunData | undefined)?.run;
  await job?.remove({ removeChildren: true }).catch((err: Error) => logger.warn({ err: err.message, runId }, 'could not remove the run job'));
  if (run) {
    const ctx = createSyncContext({ redis: session.redis, queue: session.queue, config, credentials, logger: logger.child({ inProcess: true }) });
    await finish(ctx, run);
  } else {
    const info = await session.runs.get(runId);
    if (info) await releaseRunLock(session.redis, keys(session.queue.name).activeRun(info.crm), runId);
    await session.runs.finish(runId, { status: 'stopped', phase: 'done' });
  }
}

/**
 * Waits for a run to end, with a progress bar on a terminal. When no worker process of this
 * deployment serves the queue, at the start or because they all stopped mid-run, processes the run
 * here with the same job code, so a plain cron line works. SIGINT/SIGTERM: a run processed here
 * is handed back (stopped, its lock released); one processed by workers goes on there.
 */
export async function followRun(session: QueueSession, runId: string, config: Config, credentials: CrmCredentials): Promise<RunSummary> {
  let local: Workers | undefined;
  rideThroughRestarts(session.redis);
  const k = keys(session.queue.name);
  let checkedAt = 0;
  const takeOverIfAlone = async (why: string) => {
    checkedAt = Date.now();
    if (local || (await liveWorkers(session.redis, k)) > 0) return;
    process.stderr.write(`${why}\n`);
    // The summary is for a person: the in-process workers' JSON logs only for warnings, unless LOG_LEVEL says otherwise.
    const workerLogger = logger.child({ inProcess: true });
    if (!logLevelChosen()) workerLogger.level = 'warn';
    local = startWorkers({
      redis: createRedis('worker', session.env.redisUrl),
      ownsRedis: true,
      config,
      credentials,
      name: session.queue.name,
      lockMs: session.env.lockMs,
      logger: workerLogger,
    });
  };

  let interrupted: NodeJS.Signals | undefined;
  let wake: (() => void) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(signal === 'SIGINT' ? 130 : 143);
    interrupted = signal;
    wake?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const bar = process.stderr.isTTY ? new SingleBar({ format: ' {phase} |{bar}| {text}', hideCursor: true, stream: process.stderr }, Presets.shades_classic) : undefined;
  bar?.start(1, 0, { phase: 'queued'.padEnd(9), text: '' });
  try {
    await takeOverIfAlone('no worker is running: processing the run in this process');
    for (;;) {
      if (interrupted) {
        bar?.stop();
        if (!local) throw new InterruptedError(interrupted, `stopped following run ${runId}: it goes on on the workers (see \`icp-sync runs\`)`);
        process.stderr.write(`${interrupted}: handing run ${runId} back (finishing the batches in hand)...\n`);
        await local.close();
        local = undefined;
        await handBack(session, runId, config, credentials);
        throw new InterruptedError(interrupted, `run ${runId} stopped; the next run starts afresh`);
      }
      const summary = await session.runs.summary(runId);
      if (summary?.finishedAt) {
        if (bar) {
          const p = progress(summary);
          bar.setTotal(p.total);
          bar.update(p.total, { phase: summary.status.padEnd(9), text: p.text });
        }
        return summary;
      }
      if (summary && bar) {
        const p = progress(summary);
        bar.setTotal(p.total);
        bar.update(p.value, { phase: (summary.phase ?? summary.status).padEnd(9), text: p.text });
      }
      if (Date.now() - checkedAt >= HEARTBEAT_MS) await takeOverIfAlone('the workers stopped: finishing the run in this process');
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, POLL_MS);
      });
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    bar?.stop();
    await local?.close();
  }
}
