import type { Row } from '../schema/field';
import type { CompiledQuery } from './compile';

/** The table indices a query matched, in result order. */
export interface RowSet {
  readonly length: number;
  at(position: number): number;
}

function range(start: number, end: number): RowSet {
  return { length: Math.max(0, end - start), at: (position) => start + position };
}

function indices(values: ArrayLike<number>): RowSet {
  return { length: values.length, at: (position) => values[position] };
}

/** Runs a compiled query: filter, order, then OFFSET and LIMIT. Unfiltered, unordered scans stay lazy. */
export function execute(query: CompiledQuery): RowSet {
  const { table, predicate, compare } = query;
  const offset = query.offset ?? 0;
  const limit = query.limit ?? Infinity;
  const size = table.size();
  if (!predicate && !compare) return range(Math.min(offset, size), Math.min(size, offset + limit));
  if (!compare) {
    const matched: number[] = [];
    let skipped = 0;
    for (let i = 0; i < size && matched.length < limit; i += 1) {
      if (!predicate!(table.row(i))) continue;
      if (skipped < offset) skipped += 1;
      else matched.push(i);
    }
    return indices(Int32Array.from(matched));
  }
  const rows: { index: number; row: Row }[] = [];
  for (let i = 0; i < size; i += 1) {
    const row = table.row(i);
    if (!predicate || predicate(row)) rows.push({ index: i, row });
  }
  rows.sort((a, b) => compare(a.row, b.row) || a.index - b.index);
  const page = rows.slice(offset, offset + limit);
  return indices(Int32Array.from(page, (entry) => entry.index));
}
