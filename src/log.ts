import pino from 'pino';
import type { LogLevel } from './config/env.schema';

const DEFAULT_LEVEL: LogLevel = 'info';

/** Structured logs on stderr (stdout carries command output); LOG_LEVEL, set once by the CLI (setLogLevel), tunes the level. */
export const logger = pino(
  {
    level: DEFAULT_LEVEL,
    base: { service: 'icp-sync' },
    redact: { paths: ['*.accessToken', '*.token', '*.authorization', '*.clientSecret', '*.refreshToken'], censor: '***' },
  },
  pino.destination(2),
);
export type Logger = typeof logger;

let levelChosen = false;

/**
 * The level of every log, from LOG_LEVEL as parsed at the edge (undefined: unset, the default
 * level). Called once before a command runs: loggers made from `logger` after it take its level.
 */
export function setLogLevel(level: LogLevel | undefined): void {
  logger.level = level ?? DEFAULT_LEVEL;
  levelChosen = level !== undefined;
}

/** Whether LOG_LEVEL chose the level (commands that talk to a person quieten the default otherwise). */
export function logLevelChosen(): boolean {
  return levelChosen;
}
