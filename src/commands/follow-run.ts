import { SingleBar, Presets } from 'cli-progress';
import type { Config } from '../config/load';
import { createRedis } from '../queue/connection';
import { startWorkers, type Workers } from '../queue/worker';
import { logger } from '../log';
import type { RunSummary } from '../sync/run-store';
import type { QueueSession } from './queue-session';

const POLL_MS = 500;

/**
 * Waits for a run to end, with a progress bar on a terminal. When no worker process serves the
 * queue, processes the run here with the same job code, so a plain cron line works.
 */
export async function followRun(session: QueueSession, runId: string, config: Config): Promise<RunSummary> {
  let local: Workers | undefined;
  if ((await session.queue.getWorkersCount()) === 0) {
    logger.info('no worker is running: processing the run in this process');
    local = startWorkers({ redis: createRedis('worker'), ownsRedis: true, config, name: session.queue.name, logger: logger.child({ inProcess: true }) });
  }
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
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    bar?.stop();
    await local?.close();
  }
}
