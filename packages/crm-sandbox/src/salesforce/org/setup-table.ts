import { SalesforceError } from '../errors';
import { recordId, toId18 } from '../ids';
import type { FieldDef, Row } from '../schema/field';
import type { Table } from '../schema/table';

export interface SetupSpec {
  name: string;
  prefix: string;
  fields: FieldDef[];
  /** Checks a new or changed record (with every field filled) against the org; throws SalesforceError. */
  check?(row: Row, table: SetupTable): void;
}

const duplicate = (): SalesforceError =>
  new SalesforceError(400, 'DUPLICATE_VALUE', 'duplicate value found: <unknown> duplicates value on record with id: <unknown>', []);

/** A small setup object (permission sets, assignments, list views...) held as plain rows. */
export class SetupTable implements Table {
  readonly name: string;
  private rows: Row[] = [];
  private issued = 0;
  private readonly fieldMap: Map<string, FieldDef>;

  constructor(readonly spec: SetupSpec) {
    this.name = spec.name;
    this.fieldMap = new Map(spec.fields.map((field) => [field.name.toLowerCase(), field]));
  }

  fields(): Map<string, FieldDef> {
    return this.fieldMap;
  }

  size(): number {
    return this.rows.length;
  }

  row(index: number): Row {
    return this.rows[index];
  }

  all(): readonly Row[] {
    return this.rows;
  }

  find(id: string): Row | undefined {
    const id18 = toId18(id);
    return this.rows.find((row) => row.Id === id18);
  }

  /** Throws DUPLICATE_VALUE when another record has the same key. */
  unique(row: Row, key: (row: Row) => string): void {
    const value = key(row).toLowerCase();
    if (this.rows.some((other) => other.Id !== row.Id && key(other).toLowerCase() === value)) throw duplicate();
  }

  insert(values: Row, now: number): Row {
    const row: Row = {};
    for (const field of this.spec.fields) row[field.name] = field.defaultValue ?? null;
    Object.assign(row, values, { Id: recordId(this.spec.prefix, this.issued), CreatedDate: now, LastModifiedDate: now, SystemModstamp: now });
    this.spec.check?.(row, this);
    this.issued += 1;
    this.rows.push(row);
    return row;
  }

  update(row: Row, values: Row, now: number): void {
    const next = { ...row, ...values, LastModifiedDate: now, SystemModstamp: now };
    this.spec.check?.(next, this);
    Object.assign(row, next);
  }
}
