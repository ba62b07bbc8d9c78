import type { FieldDef, Row } from './field';

/** One queryable sObject as the integration user sees it. */
export interface Table {
  readonly name: string;
  /** Fields visible to the integration user, keyed by lower-case API name. */
  fields(): Map<string, FieldDef>;
  /** Number of records; `row(i)` is defined for every i below it. */
  size(): number;
  row(index: number): Row;
}

/** Resolves an sObject name (case-insensitive) to its table, or undefined when unknown. */
export type TableResolver = (name: string) => Table | undefined;
