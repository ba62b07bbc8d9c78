import { SalesforceError } from '../errors';
import { toId18 } from '../ids';
import type { DataObject, Org } from '../org/org';
import type { FieldDef, Row, Value } from '../schema/field';
import { checkValue, type RecordError } from './field-values';

/** A record that passed validation and can be written, or the errors that stop it. */
export type Prepared = { ok: true; index: number; id: string; values: Row } | { ok: false; errors: RecordError[] };

const recordError = (statusCode: string, message: string, fields: string[] = []): RecordError => ({ statusCode, message, fields });

/** Resolves field names case-insensitively; an unknown or invisible field fails the whole request. */
export function resolveField(org: Org, object: DataObject, name: string): FieldDef {
  const field = org.fieldsOf(object).get(name.toLowerCase());
  if (!field) throw new SalesforceError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object}`);
  return field;
}

/**
 * Validates one update: the id, field-level security, each value, locks and duplicates within
 * the call. `seen` collects the ids of the call so far.
 */
export function prepareUpdate(
  org: Org,
  object: DataObject,
  rawId: unknown,
  values: [FieldDef, Value][],
  seen: Set<string>,
  locked: boolean,
): Prepared {
  const id = typeof rawId === 'string' ? toId18(rawId) : undefined;
  const index = id === undefined ? undefined : org.recordIndex(object, id);
  if (id === undefined || !id.startsWith(object === 'Account' ? '001' : '003')) {
    return { ok: false, errors: [recordError('MALFORMED_ID', `${object} ID: id value of incorrect type: ${String(rawId)}`, ['Id'])] };
  }
  if (index === undefined) return { ok: false, errors: [recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id')] };
  if (seen.has(id)) {
    return { ok: false, errors: [recordError('DUPLICATE_VALUE', `Maximum number of duplicate updates in one batch (12 allowed). Attempt to update Id more than once in this API call: ${id}`)] };
  }
  seen.add(id);
  const readOnly = values.filter(([field]) => !field.updateable).map(([field]) => field.name);
  if (readOnly.length) {
    return {
      ok: false,
      errors: [recordError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, readOnly)],
    };
  }
  const row: Row = {};
  const errors: RecordError[] = [];
  for (const [field, value] of values) {
    const checked = checkValue(field, value);
    if ('error' in checked) errors.push(checked.error);
    else row[field.name] = checked.value;
  }
  if (errors.length) return { ok: false, errors };
  if (locked || org.takeLock(id)) {
    return { ok: false, errors: [recordError('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`)] };
  }
  return { ok: true, index, id, values: row };
}

/** Writes a validated update; every write bumps LastModifiedDate and SystemModstamp, even without a change. */
export function commit(org: Org, object: DataObject, prepared: { index: number; values: Row }): void {
  const store = org.records[object];
  const values = prepared.values;
  if (object === 'Contact' && ('FirstName' in values || 'LastName' in values)) {
    const current = store.row(prepared.index);
    const first = 'FirstName' in values ? values.FirstName : current.FirstName;
    const last = 'LastName' in values ? values.LastName : current.LastName;
    values.Name = first ? `${first} ${last}` : String(last);
  }
  store.write(prepared.index, values, org.now());
}

export const ROLLED_BACK: RecordError = recordError(
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'Record rolled back because not all records were valid and the request was using AllOrNone header',
);
