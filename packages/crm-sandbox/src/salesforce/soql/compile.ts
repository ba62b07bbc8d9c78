import { invalidType, noSuchColumn } from '../errors';
import { toId18 } from '../ids';
import { isNumeric, isText, type FieldDef, type Row, type Value } from '../schema/field';
import type { Table, TableResolver } from '../schema/table';
import type { CompareOp, Condition, FieldRef, Literal, OrderBy, SoqlQuery } from './ast';
import { queryError } from './lexer';
import { parseSoql } from './parser';

export type Predicate = (row: Row) => boolean;

export interface CompiledQuery {
  soql: string;
  table: Table;
  /** Selected fields in order, or `count` for `SELECT COUNT()`. */
  columns: FieldDef[] | 'count';
  predicate?: Predicate;
  compare?: (a: Row, b: Row) => number;
  limit?: number;
  offset?: number;
}

const TYPE_NAMES: Partial<Record<FieldDef['type'], string>> = {
  boolean: 'boolean', int: 'int', double: 'double', currency: 'double', percent: 'double',
  date: 'date', datetime: 'dateTime',
};

/** Case-insensitive text key: SOQL compares and sorts text without regard to case. */
const fold = (value: string): string => value.toLowerCase();

function likeRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      source += pattern[i + 1];
      i += 1;
    } else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

const unescapeWildcards = (value: string): string => value.replace(/\\([%_])/g, '$1');
const splitMulti = (value: string): string[] => value.split(';').map((v) => fold(v.trim())).sort();

class Compiler {
  constructor(
    private readonly soql: string,
    private readonly table: Table,
    private readonly fields: Map<string, FieldDef>,
  ) {}

  field(ref: FieldRef): FieldDef {
    const field = this.fields.get(ref.name.toLowerCase());
    if (field) return field;
    const detail = ref.name.includes('.')
      ? `Didn't understand relationship '${ref.name.split('.')[0]}' in field path. This sandbox serves no relationship queries.`
      : noSuchColumn(ref.name, this.table.name).message;
    throw queryError(this.soql, ref.pos, detail, 'INVALID_FIELD');
  }

  /** Converts a literal to the stored representation of `field`, rejecting a mismatched type like Salesforce. */
  value(field: FieldDef, ref: FieldRef, literal: Literal): Value {
    if (literal.kind === 'null') return null;
    const fail = (detail: string): never => {
      throw queryError(this.soql, ref.pos, detail, 'INVALID_FIELD');
    };
    if (field.type === 'id' || field.type === 'reference') {
      if (literal.kind !== 'string') return fail(`value of filter criterion for field '${field.name}' must be of type id and should be enclosed in quotes`);
      const id = toId18(literal.value);
      if (!id) throw queryError(this.soql, ref.pos, `invalid ID field: ${literal.value}`, 'INVALID_QUERY_FILTER_OPERATOR');
      return id;
    }
    if (isText(field)) {
      if (literal.kind !== 'string') return fail(`value of filter criterion for field '${field.name}' must be of type string and should be enclosed in quotes`);
      return unescapeWildcards(literal.value);
    }
    const typeName = TYPE_NAMES[field.type]!;
    const quoted = literal.kind === 'string' ? ' and should not be enclosed in quotes' : '';
    const expected = isNumeric(field) ? 'number' : field.type === 'boolean' ? 'boolean' : field.type;
    if (literal.kind !== expected) fail(`value of filter criterion for field '${field.name}' must be of type ${typeName}${quoted}`);
    return (literal as { value: Value }).value;
  }

  condition(condition: Condition): Predicate {
    switch (condition.kind) {
      case 'and': {
        const [left, right] = [this.condition(condition.left), this.condition(condition.right)];
        return (row) => left(row) && right(row);
      }
      case 'or': {
        const [left, right] = [this.condition(condition.left), this.condition(condition.right)];
        return (row) => left(row) || right(row);
      }
      case 'not': {
        const operand = this.condition(condition.operand);
        return (row) => !operand(row);
      }
      case 'compare':
        return this.compare(condition.field, condition.op, condition.value);
      case 'in': {
        const tests = condition.values.map((value) => this.compare(condition.field, '=', value));
        return condition.negated ? (row) => !tests.some((t) => t(row)) : (row) => tests.some((t) => t(row));
      }
      case 'like': {
        const field = this.field(condition.field);
        if (!isText(field) || field.type === 'multipicklist' || field.type === 'id' || field.type === 'reference') {
          throw queryError(this.soql, condition.field.pos, `invalid operator on ${field.type} field: LIKE`, 'INVALID_FIELD');
        }
        const re = likeRegExp(condition.pattern);
        const name = field.name;
        return (row) => typeof row[name] === 'string' && re.test(row[name] as string);
      }
      case 'includes': {
        const field = this.field(condition.field);
        if (field.type !== 'multipicklist') {
          throw queryError(this.soql, condition.field.pos, `includes or excludes operator only valid on multipicklist field`, 'INVALID_FIELD');
        }
        const wanted = condition.values.map(splitMulti);
        const name = field.name;
        const includes = (row: Row): boolean => {
          const have = new Set(typeof row[name] === 'string' ? splitMulti(row[name] as string) : []);
          return wanted.some((all) => all.every((v) => have.has(v)));
        };
        return condition.negated ? (row) => !includes(row) : includes;
      }
    }
  }

  private compare(ref: FieldRef, op: CompareOp, literal: Literal): Predicate {
    const field = this.field(ref);
    const name = field.name;
    const expected = this.value(field, ref, literal);
    if (expected === null) {
      if (op !== '=' && op !== '!=') throw queryError(this.soql, ref.pos, `invalid operator on null: ${op}`);
      return op === '=' ? (row) => row[name] == null : (row) => row[name] != null;
    }
    if ((field.type === 'boolean' || field.type === 'multipicklist') && op !== '=' && op !== '!=') {
      throw queryError(this.soql, ref.pos, `invalid operator on ${field.type} field: ${op}`, 'INVALID_FIELD');
    }
    let key: (value: Value) => Value = (value) => value;
    if (field.type === 'multipicklist') key = (value) => splitMulti(value as string).join(';');
    else if (isText(field) && field.type !== 'id' && field.type !== 'reference') key = (value) => fold(value as string);
    const target = key(expected)!;
    // SOQL's != and < > keep SQL's ordering but, unlike SQL, `!=` matches null values too.
    switch (op) {
      case '=':
        return (row) => row[name] != null && key(row[name]) === target;
      case '!=':
        return (row) => row[name] == null || key(row[name]) !== target;
      case '<':
        return (row) => row[name] != null && key(row[name])! < target;
      case '<=':
        return (row) => row[name] != null && key(row[name])! <= target;
      case '>':
        return (row) => row[name] != null && key(row[name])! > target;
      case '>=':
        return (row) => row[name] != null && key(row[name])! >= target;
    }
  }

  order(items: OrderBy[]): (a: Row, b: Row) => number {
    const keys = items.map((item) => {
      const field = this.field(item.field);
      if (field.type === 'multipicklist' || field.type === 'textarea') {
        throw queryError(this.soql, item.field.pos, `field '${field.name}' can not be sorted in a query call`, 'INVALID_FIELD');
      }
      const text = isText(field) && field.type !== 'id' && field.type !== 'reference';
      return { name: field.name, text, sign: item.descending ? -1 : 1, nulls: item.nullsLast ? 1 : -1 };
    });
    return (a, b) => {
      for (const { name, text, sign, nulls } of keys) {
        let x = a[name];
        let y = b[name];
        if (x == null || y == null) {
          if (x == null && y == null) continue;
          return x == null ? nulls : -nulls;
        }
        if (text) [x, y] = [fold(x as string), fold(y as string)];
        if (x !== y) return x < y ? -sign : sign;
      }
      return 0;
    };
  }
}

/** Parses and binds a SOQL statement to the tables `resolve` knows, checking fields and literal types. */
export function compileSoql(soql: string, resolve: TableResolver): CompiledQuery {
  const query: SoqlQuery = parseSoql(soql);
  const table = resolve(query.from.name);
  if (!table) throw queryError(soql, query.from.pos, invalidType(query.from.name).message, 'INVALID_TYPE');
  const compiler = new Compiler(soql, table, table.fields());
  const columns = query.select === 'count' ? 'count' : query.select.map((ref) => compiler.field(ref));
  if (columns !== 'count') {
    const seen = new Set<string>();
    for (const [i, field] of columns.entries()) {
      if (seen.has(field.name)) {
        throw queryError(soql, (query.select as FieldRef[])[i].pos, `duplicate field selected: ${field.name}`, 'DUPLICATE_FIELD');
      }
      seen.add(field.name);
    }
  }
  return {
    soql,
    table,
    columns,
    predicate: query.where && compiler.condition(query.where),
    compare: query.orderBy.length ? compiler.order(query.orderBy) : undefined,
    limit: query.limit,
    offset: query.offset,
  };
}
