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
