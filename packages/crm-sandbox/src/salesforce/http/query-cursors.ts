import { recordId } from '../ids';
import type { CompiledQuery } from '../soql/compile';
import type { RowSet } from '../soql/execute';

export interface Cursor {
  query: CompiledQuery;
  rows: RowSet;
  batchSize: number;
}

/** Salesforce keeps at most 10 open query cursors per user and drops the oldest beyond that. */
const MAX_OPEN = 10;

/** Open query locators (`01g...-2000`), oldest first. */
export class QueryCursors {
  private readonly open = new Map<string, Cursor>();
  private issued = 0;

  clear(): void {
    this.open.clear();
  }

  add(cursor: Cursor): string {
    const id = recordId('01g', this.issued++);
    this.open.set(id, cursor);
    if (this.open.size > MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    return id;
  }

  get(id: string): Cursor | undefined {
    return this.open.get(id);
  }

  close(id: string): void {
    this.open.delete(id);
  }
}
