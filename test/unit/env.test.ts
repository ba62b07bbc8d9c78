import { ConfigError } from '../../src/config/config.error';
import { DEFAULT_LOCK_MS, DEFAULT_QUEUE_NAME, DEFAULT_REDIS_URL, parseEnv, parseLogLevel, parseQueueEnv } from '../../src/config/env.schema';

function errorOf(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('environment', () => {
  it('applies the defaults of the queue variables, unset or empty', () => {
    for (const env of [{}, { REDIS_URL: '', ICP_SYNC_QUEUE: ' ', ICP_SYNC_LOCK_MS: '' }]) {
      const parsed = parseEnv(env);
      expect(parsed).toMatchObject({ redisUrl: DEFAULT_REDIS_URL, queue: DEFAULT_QUEUE_NAME, lockMs: DEFAULT_LOCK_MS, logLevel: undefined });
      expect(parseQueueEnv(env)).toEqual({ redisUrl: DEFAULT_REDIS_URL, queue: DEFAULT_QUEUE_NAME, lockMs: DEFAULT_LOCK_MS });
    }
    expect(DEFAULT_LOCK_MS).toBe(30_000);
  });

  it('reads REDIS_URL, ICP_SYNC_QUEUE, ICP_SYNC_LOCK_MS and LOG_LEVEL', () => {
    const env = { REDIS_URL: 'redis://example:6380/3', ICP_SYNC_QUEUE: 'other', ICP_SYNC_LOCK_MS: ' 2000 ', LOG_LEVEL: 'warn' };
    expect(parseEnv(env)).toMatchObject({ redisUrl: 'redis://example:6380/3', queue: 'other', lockMs: 2000, logLevel: 'warn' });
    expect(parseQueueEnv(env)).toEqual({ redisUrl: 'redis://example:6380/3', queue: 'other', lockMs: 2000 });
    expect(parseLogLevel(env)).toBe('warn');
    expect(parseLogLevel({ LOG_LEVEL: '' })).toBeUndefined();
  });

  it.each([
    [{ ICP_SYNC_LOCK_MS: '30s' }, 'environment: ICP_SYNC_LOCK_MS: a whole number of milliseconds, e.g. 30000 (the default), found "30s" (string)'],
    [{ ICP_SYNC_LOCK_MS: '500' }, 'environment: ICP_SYNC_LOCK_MS: at least 1000 (milliseconds; the default is 30000), found "500" (string)'],
    [{ LOG_LEVEL: 'verbose' }, 'environment: LOG_LEVEL: expected one of "trace", "debug", "info", "warn", "error", "fatal", "silent", found "verbose" (string)'],
  ])('a bad value is a ConfigError naming the variable: %j', (env, message) => {
    expect(errorOf(() => parseEnv(env))).toBe(message);
  });

  it('parses each part alone: the queue variables whatever the credentials, LOG_LEVEL whatever the rest', () => {
    const env = { SALESFORCE_CLIENT_ID: 'id-without-secret', HUBSPOT_BASE_URL: 'not a url', ICP_SYNC_LOCK_MS: 'x' };
    expect(() => parseEnv(env)).toThrow(ConfigError);
    expect(() => parseQueueEnv(env)).toThrow(/ICP_SYNC_LOCK_MS/);
    expect(parseQueueEnv({ ...env, ICP_SYNC_LOCK_MS: '4000' }).lockMs).toBe(4000);
    expect(parseLogLevel(env)).toBeUndefined();
  });
});
