import type { Redis } from 'ioredis';
import type { ObjectKind, Properties } from '../crm/adapter';
import type { Keys } from './keys';

/** A pending write of one record: the new values, and the old ones for --dry-run diffs. */
export interface Change {
  values: Properties;
  before: Properties;
}

export function before(current: Properties, values: Properties): Properties {
  return Object.fromEntries(Object.keys(values).map((key) => [key, current[key] ?? null]));
}

/**
 * Changes wait in one hash per run and object, keyed by record id: a retried job overwrites its
 * own entries, and writes are cut into full batches however the reads were paged.
 */
export class ChangeStore {
  constructor(private readonly redis: Redis, private readonly k: Keys, private readonly runId: string) {}

  private key(kind: ObjectKind) {
    return this.k.runChanges(this.runId, kind);
  }

  async put(kind: ObjectKind, changes: Map<string, Change>): Promise<void> {
    if (!changes.size) return;
    await this.redis.hset(this.key(kind), Object.fromEntries([...changes].map(([id, c]) => [id, JSON.stringify(c)])));
  }

  async get(kind: ObjectKind, ids: string[]): Promise<Map<string, Change>> {
    if (!ids.length) return new Map();
    const raw = await this.redis.hmget(this.key(kind), ...ids);
    const out = new Map<string, Change>();
    raw.forEach((value, i) => value && out.set(ids[i], JSON.parse(value) as Change));
    return out;
  }

  /** Adds values to a record's pending change (the TAL step on top of the score step). */
  async merge(kind: ObjectKind, id: string, values: Properties, current: Properties): Promise<void> {
    const existing = (await this.get(kind, [id])).get(id);
    const change: Change = existing
      ? { values: { ...existing.values, ...values }, before: { ...before(current, values), ...existing.before } }
      : { values, before: before(current, values) };
    await this.put(kind, new Map([[id, change]]));
  }

  async ids(kind: ObjectKind): Promise<string[]> {
    return (await this.redis.hkeys(this.key(kind))).sort();
  }

  async markWritten(kind: ObjectKind, ids: string[]): Promise<void> {
    if (ids.length) await this.redis.hset(`${this.key(kind)}:written`, Object.fromEntries(ids.map((id) => [id, '1'])));
  }

  /** Those of `ids` not marked written. */
  async unwritten(kind: ObjectKind, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const marks = await this.redis.hmget(`${this.key(kind)}:written`, ...ids);
    return ids.filter((_, i) => !marks[i]);
  }

  async *entries(kind: ObjectKind): AsyncGenerator<[string, Change]> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.key(kind), cursor, 'COUNT', 500);
      cursor = next;
      for (let i = 0; i < flat.length; i += 2) yield [flat[i], JSON.parse(flat[i + 1]) as Change];
    } while (cursor !== '0');
  }
}
