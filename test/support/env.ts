import { DEFAULT_CONFIG_DIR, loadConfig, type Config } from '../../src/config/load';
import { DEFAULT_REDIS_URL } from '../../src/queue/connection';

// src/ reads no environment below the CLI; tests and benches read what they need of it here.

/** The Redis of the tests and benches: REDIS_URL (the shared one), else the default, as the CLI resolves it. */
export function redisUrl(): string {
  return process.env.REDIS_URL || DEFAULT_REDIS_URL;
}

/** The config of ICP_CONFIG_DIR, else the embedded one (config/), as the CLI resolves it without --config. */
export function loadDefaultConfig(): Config {
  return loadConfig(process.env.ICP_CONFIG_DIR || DEFAULT_CONFIG_DIR);
}
