import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => key !== '$schema' && (value as Record<string, unknown>)[key] !== undefined)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * A short hash of the parsed configs (defaults applied, keys sorted), so the same meaning gives the
 * same version whatever the key order, comments or whitespace of the YAML files.
 */
export function modelVersion(...configs: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(configs.map(canonical))).digest('hex').slice(0, 12);
}
