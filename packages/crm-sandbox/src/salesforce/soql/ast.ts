export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number; text: string }
  | { kind: 'date'; value: string };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A field reference as written, with its position for error messages. */
export interface FieldRef {
  name: string;
  pos: number;
}

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; field: FieldRef; op: CompareOp; value: Literal }
  | { kind: 'in'; field: FieldRef; negated: boolean; values: Literal[] }
  | { kind: 'like'; field: FieldRef; pattern: string }
  | { kind: 'includes'; field: FieldRef; negated: boolean; values: string[] };

export interface OrderBy {
  field: FieldRef;
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  /** Selected fields, or `count` for `SELECT COUNT()`. */
  select: FieldRef[] | 'count';
  from: FieldRef;
  where?: Condition;
  orderBy: OrderBy[];
  limit?: number;
  offset?: number;
}
