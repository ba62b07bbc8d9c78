import type { Redis } from 'ioredis';
import type { ObjectKind } from '../crm/adapter';
import type { WritePlan } from '../scoring/change-plan';
import type { Keys } from './keys';

type Change = WritePlan;

/**
 * The changes of a run that does not write them from its batches — a dry run (for its diff), a
 * run that writes through bulk jobs — in one hash per run and object, keyed by record id: a
 * retried job overwrites its own entries. They expire with the run's details.
 */
export class ChangeStore {
  constructor(private readonly redis: Redis, private readonly k: Keys, private readonly runId: string) {}

  private key(kind: ObjectKind) {
    return this.k.runChanges(this.runId, kind);
  }

  async put(kind: ObjectKind, changes: Map<string, Change>): Promise<void> {
    if (!changes.size) return;
    const flat: string[] = [];
    for (const [id, change] of changes) flat.push(id, JSON.stringify(change));
    await this.redis.hset(this.key(kind), ...flat);
  }

  async get(kind: ObjectKind, ids: string[]): Promise<Map<string, Change>> {
    if (!ids.length) return new Map();
    const raw = await this.redis.hmget(this.key(kind), ...ids);
    const out = new Map<string, Change>();
    raw.forEach((value, i) => value && out.set(ids[i], JSON.parse(value) as Change));
    return out;
  }

  async ids(kind: ObjectKind): Promise<string[]> {
    return (await this.redis.hkeys(this.key(kind))).sort();
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
