import type { Row, Value } from '../schema/field';

/**
 * Records generated on demand from the seed, plus the values written since: only overrides are
 * held in memory, so a million seeded contacts cost nothing until they are written.
 */
export class RecordStore {
  private readonly overrides = new Map<number, Row>();

  constructor(
    readonly count: number,
    private readonly generate: (index: number) => Row,
  ) {}

  /** The record with its written values; `defaults` fills fields created after the record. */
  row(index: number, defaults?: Row): Row {
    const base = this.generate(index);
    const written = this.overrides.get(index);
    if (!defaults && !written) return base;
    return Object.assign(base, defaults, written);
  }

  write(index: number, values: Row, now: number): void {
    const written = this.overrides.get(index) ?? {};
    for (const [name, value] of Object.entries(values)) written[name] = value as Value;
    written.LastModifiedDate = now;
    written.SystemModstamp = now;
    this.overrides.set(index, written);
  }

  get written(): number {
    return this.overrides.size;
  }
}
