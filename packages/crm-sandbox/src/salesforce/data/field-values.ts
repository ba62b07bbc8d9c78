import { SalesforceError } from '../errors';
import { toId18 } from '../ids';
import { isNumeric, type FieldDef, type Value } from '../schema/field';

/** A per-record error of a save result: `{statusCode, message, fields}`. */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const JAVA_TYPES: Partial<Record<FieldDef['type'], string>> = {
  boolean: 'boolean', int: 'int', double: 'double', currency: 'double', percent: 'double', date: 'date', datetime: 'datetime',
};

function parserError(field: FieldDef, raw: unknown): SalesforceError {
  const token = typeof raw === 'string' ? 'VALUE_STRING' : typeof raw === 'number' ? 'VALUE_NUMBER' : typeof raw === 'boolean' ? 'VALUE_TRUE' : Array.isArray(raw) ? 'START_ARRAY' : 'START_OBJECT';
  const shown = typeof raw === 'object' ? '' : ` value ${String(raw)}`;
  return new SalesforceError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${JAVA_TYPES[field.type] ?? 'string'} from ${token}${shown} or request may be missing a required field`,
  );
}

/**
 * Reads a JSON value into a field's stored form. A value of the wrong JSON type fails the whole
 * request (JSON_PARSER_ERROR), as Salesforce's deserializer does, before any record is saved.
 */
export function deserialize(field: FieldDef, raw: unknown): Value {
  if (raw === null) return null;
  if (typeof raw === 'object') throw parserError(field, raw);
  if (field.type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
    throw parserError(field, raw);
  }
  if (isNumeric(field)) {
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(value) || (field.type === 'int' && !Number.isInteger(value))) throw parserError(field, raw);
    return value;
  }
  if (field.type === 'date' || field.type === 'datetime') {
    const match = typeof raw === 'string' ? DATETIME.exec(raw) : null;
    const ms = match ? Date.parse(raw as string) : NaN;
    if (!match || Number.isNaN(ms)) throw parserError(field, raw);
    return field.type === 'date' ? match[1] : Math.floor(ms / 1000) * 1000;
  }
  return String(raw);
}

const fail = (statusCode: string, message: string, field: FieldDef): RecordError => ({ statusCode, message, fields: [field.name] });

/** Checks a deserialized value against the field's constraints; rounds numbers to the field's scale. */
export function checkValue(field: FieldDef, value: Value): { value: Value } | { error: RecordError } {
  if (value === null || value === '') {
    if (!field.nillable && field.type !== 'boolean') {
      return { error: fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`, field) };
    }
    return { value: field.type === 'boolean' ? false : null };
  }
  if (typeof value === 'number' && isNumeric(field)) {
    const scale = field.type === 'int' ? 0 : (field.scale ?? 0);
    const rounded = Math.round(value * 10 ** scale) / 10 ** scale;
    const precision = field.type === 'int' ? (field.precision ?? 9) : (field.precision ?? 18);
    if (Math.abs(rounded) >= 10 ** (precision - scale)) {
      return { error: fail('NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${value}`, field) };
    }
    return { value: rounded };
  }
  if (typeof value !== 'string') return { value };
  if (field.type === 'id' || field.type === 'reference') {
    const id = toId18(value);
    if (!id) return { error: fail('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, field) };
    return { value: id };
  }
  if (field.length && value.length > field.length) {
    return { error: fail('STRING_TOO_LONG', `${field.label}: data value too large: ${value.slice(0, 40)}... (max length=${field.length})`, field) };
  }
  if (field.type === 'email' && !EMAIL.test(value)) {
    return { error: fail('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`, field) };
  }
  if (field.type === 'picklist' || field.type === 'multipicklist') {
    const values = field.type === 'multipicklist' ? [...new Set(value.split(';').map((v) => v.trim()).filter(Boolean))] : [value];
    const allowed = new Set(field.picklist);
    const bad = field.restricted ? values.find((v) => !allowed.has(v)) : undefined;
    if (bad !== undefined) {
      return { error: fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${bad}`, field) };
    }
    return { value: values.join(';') };
  }
  return { value };
}
