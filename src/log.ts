import pino from 'pino';

/** Structured logs on stderr (stdout carries command output); LOG_LEVEL tunes the level. */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL || 'info',
    base: { service: 'icp-sync' },
    redact: { paths: ['*.accessToken', '*.token', '*.authorization', '*.clientSecret', '*.refreshToken'], censor: '***' },
  },
  pino.destination(2),
);
export type Logger = typeof logger;
/** Whether LOG_LEVEL chose the level (commands that talk to a person quieten the default otherwise). */
export const logLevelChosen = Boolean(process.env.LOG_LEVEL);
