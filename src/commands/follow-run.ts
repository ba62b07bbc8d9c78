import { SingleBar, Presets } from 'cli-progress';
import type { CrmCredentials } from '../config/env.schema';
import type { Config } from '../config/load';
import { createRedis, rideThroughRestarts } from '../queue/connection';
import { HEARTBEAT_MS, liveWorkers } from '../queue/heartbeat';
import { keys } from '../sync/keys';
import { startWorkers, type Workers } from '../queue/worker';
import { logger } from '../log';
import type { RunSummary } from '../sync/run-store';
import type { QueueSession } from './queue-session';

const POLL_MS = 500;

/**
 * Waits for a run to end, with a progress bar on a terminal. When no worker process of this
 * deployment serves the queue, at the start or because they all stopped mid-run, processes the run
 * here with the same job code, so a plain cron line works.
 */
export async function followRun(session: QueueSession, runId: string, config: Config, credentials: CrmCredentials): Promise<RunSummary> {
  let local: Workers | undefined;
  rideThroughRestarts(session.redis);
  const k = keys(session.queue.name);
  let checkedAt = 0;
  const takeOverIfAlone = async (why: string) => {
    checkedAt = Date.now();
    if (local || (await liveWorkers(session.redis, k)) > 0) return;
    logger.info(why);
    local = startWorkers({ redis: createRedis('worker'), ownsRedis: true, config, credentials, name: session.queue.name, logger: logger.child({ inProcess: true }) });
  };
  await takeOverIfAlone('no worker is running: processing the run in this process');
  const bar = process.stderr.isTTY ? new SingleBar({ format: ' {phase} |{bar}| {value}/{total} records  written {written}', hideCursor: true, stream: process.stderr }, Presets.shades_classic) : undefined;
  bar?.start(1, 0, { phase: 'queued'.padEnd(9), written: 0 });
  try {
    for (;;) {
      const summary = await session.runs.summary(runId);
      if (summary?.finishedAt) {
        bar?.update(summary.companies.read + summary.contacts.read);
        return summary;
      }
      if (summary && bar) {
        const read = summary.companies.read + summary.contacts.read;
        const changed = summary.companies.changed + summary.contacts.changed;
        const written = summary.companies.written + summary.contacts.written;
        const writing = summary.phase === 'write';
        bar.setTotal(Math.max(1, writing ? changed : read));
        bar.update(writing ? written : read, { phase: (summary.phase ?? summary.status).padEnd(9), written });
      }
      if (Date.now() - checkedAt >= HEARTBEAT_MS) await takeOverIfAlone('the workers stopped: finishing the run in this process');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    bar?.stop();
    await local?.close();
  }
}
