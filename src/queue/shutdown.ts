import { logger } from '../log';

/**
 * Resolves once SIGTERM or SIGINT has been handled by `close` (workers, then queues, then Redis).
 * A second signal exits at once.
 */
export function onShutdown(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const handler = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing the jobs in hand');
      close()
        .catch((err) => logger.error({ err: (err as Error).message }, 'error during shutdown'))
        .finally(() => {
          logger.info('stopped');
          resolve();
        });
    };
    process.once('SIGTERM', handler);
    process.once('SIGINT', handler);
  });
}
