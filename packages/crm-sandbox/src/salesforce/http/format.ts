import type { FieldDef, Row, Value } from '../schema/field';

/** REST renders datetimes as `2026-01-01T00:00:00.000+0000`. */
export const restDateTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

export function jsonValue(field: FieldDef, value: Value | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (field.type === 'datetime') return restDateTime(value as number);
  if (field.json) return JSON.parse(value as string);
  return value;
}

/** Bulk API 2.0 CSV text of a value: empty for null, ISO datetimes with `Z`. */
export function csvText(field: FieldDef, value: Value | undefined): string {
  if (value === undefined || value === null) return '';
  return field.type === 'datetime' ? new Date(value as number).toISOString() : String(value);
}

/** Builds `{attributes: {type, url}, ...fields}` records for one sObject and a fixed column list. */
export function recordRenderer(type: string, columns: FieldDef[], basePath: string): (row: Row) => Record<string, unknown> {
  const prefix = `${basePath}/sobjects/${type}/`;
  return (row) => {
    const record: Record<string, unknown> = { attributes: { type, url: prefix + String(row.Id) } };
    for (const column of columns) record[column.name] = jsonValue(column, row[column.name]);
    return record;
  };
}
