import { validationError } from './errors';
import type { FilterBranch, ListFilter } from './lists';
import type { PropertyDefinition } from './properties';

type Operation = NonNullable<ListFilter['operation']>;

/** Operators of the PROPERTY filter operations the sandbox evaluates. */
const OPERATORS: Record<string, readonly string[]> = {
  ENUMERATION: ['IS_ANY_OF', 'IS_NONE_OF', 'IS_EXACTLY', 'IS_NOT_EXACTLY', 'CONTAINS_ALL', 'DOES_NOT_CONTAIN_ALL'],
  MULTISTRING: ['IS_EQUAL_TO', 'IS_NOT_EQUAL_TO', 'CONTAINS', 'DOES_NOT_CONTAIN', 'STARTS_WITH', 'ENDS_WITH'],
  STRING: ['IS_EQUAL_TO', 'IS_NOT_EQUAL_TO', 'CONTAINS', 'DOES_NOT_CONTAIN', 'STARTS_WITH', 'ENDS_WITH'],
  BOOL: ['IS_EQUAL_TO', 'IS_NOT_EQUAL_TO'],
  NUMBER: ['IS_EQUAL_TO', 'IS_NOT_EQUAL_TO', 'IS_GREATER_THAN', 'IS_GREATER_THAN_OR_EQUAL_TO', 'IS_LESS_THAN', 'IS_LESS_THAN_OR_EQUAL_TO'],
  ALL_PROPERTY: ['IS_KNOWN', 'IS_UNKNOWN'],
};

export function checkListFilter(filter: ListFilter, property: PropertyDefinition | undefined): void {
  if (filter?.filterType !== 'PROPERTY') throw validationError(`Filter type '${String(filter?.filterType)}' is not supported by the sandbox; use PROPERTY filters`);
  if (!property) throw validationError(`Property '${String(filter.property)}' does not exist`);
  const operation = filter.operation;
  const operators = operation && OPERATORS[operation.operationType];
  if (!operators) throw validationError(`Operation type '${String(operation?.operationType)}' is not supported: expected one of ${Object.keys(OPERATORS).join(', ')}`);
  if (!operators.includes(operation.operator)) throw validationError(`Operator '${operation.operator}' is not valid for operation type ${operation.operationType}: expected one of ${operators.join(', ')}`);
  if (operation.operationType === 'ENUMERATION') {
    const allowed = new Set(property.options.map((o) => o.value));
    const bad = (operation.values ?? []).find((v) => !allowed.has(String(v)));
    if (!Array.isArray(operation.values) || bad !== undefined) throw validationError(`Enumeration filter on ${property.name} needs 'values' among the property's options${bad === undefined ? '' : `; '${String(bad)}' is not one`}`);
  }
}

/** Whether a record with these property values is a member of a list with this filter branch. */
export function isMember(branch: FilterBranch, values: Record<string, string | null>): boolean {
  return branch.filterBranches.some((and) => and.filters.every((filter) => evaluate(filter.operation!, values[filter.property!] ?? null)));
}

function evaluate(operation: Operation, stored: string | null): boolean {
  const { operationType, operator } = operation;
  if (operationType === 'ALL_PROPERTY') return (operator === 'IS_KNOWN') === (stored !== null && stored !== '');
  if (stored === null || stored === '') return operation.includeObjectsWithNoValueSet === true;
  const value = operation.value;
  switch (operationType) {
    case 'BOOL':
      return (operator === 'IS_EQUAL_TO') === (stored === String(value));
    case 'NUMBER': {
      const x = Number(stored);
      const y = Number(value);
      return { IS_EQUAL_TO: x === y, IS_NOT_EQUAL_TO: x !== y, IS_GREATER_THAN: x > y, IS_GREATER_THAN_OR_EQUAL_TO: x >= y, IS_LESS_THAN: x < y, IS_LESS_THAN_OR_EQUAL_TO: x <= y }[operator] ?? false;
    }
    case 'ENUMERATION': {
      const have = new Set(stored.split(';'));
      const wanted = (operation.values ?? []).map(String);
      const any = wanted.some((v) => have.has(v));
      const all = wanted.every((v) => have.has(v));
      return { IS_ANY_OF: any, IS_NONE_OF: !any, IS_EXACTLY: all && have.size === wanted.length, IS_NOT_EXACTLY: !(all && have.size === wanted.length), CONTAINS_ALL: all, DOES_NOT_CONTAIN_ALL: !all }[operator] ?? false;
    }
    default: {
      const text = stored.toLowerCase();
      const wanted = (operation.values ?? [value]).map((v) => String(v).toLowerCase());
      const test = { IS_EQUAL_TO: (w: string) => text === w, IS_NOT_EQUAL_TO: (w: string) => text !== w, CONTAINS: (w: string) => text.includes(w), DOES_NOT_CONTAIN: (w: string) => !text.includes(w), STARTS_WITH: (w: string) => text.startsWith(w), ENDS_WITH: (w: string) => text.endsWith(w) }[operator];
      return test !== undefined && (operator.includes('NOT') ? wanted.every(test) : wanted.some(test));
    }
  }
}
