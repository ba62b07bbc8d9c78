import { parse } from 'csv-parse/sync';
import { SalesforceError } from '../errors';
import type { DataObject, Org } from '../org/org';
import type { FieldDef, Value } from '../schema/field';
import { deserialize, type RecordError } from './field-values';
import { commit, prepareUpdate } from './save';

export interface IngestOutcome {
  header: string[];
  successful: { id: string; cells: string[] }[];
  failed: { id: string; error: string; cells: string[] }[];
}

/** Bulk API 2.0 sets a field to null with `#N/A`; an empty cell leaves it unchanged. */
const NULL_CELL = '#N/A';

const bulkError = (error: RecordError): string => `${error.statusCode}:${error.message}:${error.fields.length ? error.fields.join(',') : '--'}`;

/**
 * Applies an update job's CSV. A header naming an unknown field fails the whole job (thrown, with
 * the job's errorMessage); a bad value fails only its row, as Bulk API 2.0 does.
 */
export function applyUpdateCsv(org: Org, object: DataObject, csv: string, delimiter: string, locked: () => boolean): IngestOutcome {
  let table: string[][];
  try {
    table = parse(csv, { delimiter, bom: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new SalesforceError(400, 'InvalidBatch', `InvalidBatch : ${(error as Error).message}`);
  }
  const [header = [], ...rows] = table;
  const idColumn = header.findIndex((name) => name.toLowerCase() === 'id');
  const fields = header.map((name, i): FieldDef | undefined => {
    if (i === idColumn) return undefined;
    const field = org.fieldsOf(object).get(name.toLowerCase());
    if (!field) throw new SalesforceError(400, 'InvalidBatch', `InvalidBatch : Field name not found : ${name}`);
    return field;
  });
  const outcome: IngestOutcome = { header, successful: [], failed: [] };
  const seen = new Set<string>();
  for (const cells of rows) {
    const id = idColumn >= 0 ? cells[idColumn] : '';
    const fail = (error: RecordError) => outcome.failed.push({ id, error: bulkError(error), cells });
    if (!id) {
      fail({ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] });
      continue;
    }
    const values: [FieldDef, Value][] = [];
    let typeError: RecordError | undefined;
    cells.forEach((cell, i) => {
      const field = fields[i];
      if (!field || cell === '' || typeError) return;
      try {
        values.push([field, cell === NULL_CELL ? null : deserialize(field, cell)]);
      } catch {
        typeError = { statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', message: `${field.label}: value not of required type: ${cell}`, fields: [field.name] };
      }
    });
    if (typeError) {
      fail(typeError);
      continue;
    }
    const prepared = prepareUpdate(org, object, id, values, seen, locked());
    if (!prepared.ok) {
      fail(prepared.errors[0]);
      continue;
    }
    commit(org, object, prepared);
    outcome.successful.push({ id: prepared.id, cells });
  }
  return outcome;
}
