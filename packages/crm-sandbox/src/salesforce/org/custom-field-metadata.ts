import { SalesforceError } from '../errors';
import type { FieldDef, FieldType } from '../schema/field';

/** The Metadata of a Tooling API CustomField, as far as the sandbox reads it. */
export interface CustomFieldMetadata {
  type?: string;
  label?: string;
  length?: number;
  precision?: number;
  scale?: number;
  visibleLines?: number;
  defaultValue?: string | boolean | null;
  description?: string | null;
  inlineHelpText?: string | null;
  valueSet?: {
    restricted?: boolean;
    valueSetDefinition?: { sorted?: boolean; value?: { fullName?: string; label?: string; default?: boolean }[] };
  };
  [key: string]: unknown;
}

const integrity = (message: string): SalesforceError => new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', message, []);

const TYPES: Record<string, FieldType> = {
  Text: 'string', TextArea: 'textarea', LongTextArea: 'textarea', Number: 'double', Percent: 'percent',
  Currency: 'currency', Checkbox: 'boolean', Date: 'date', DateTime: 'datetime', Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist', Email: 'email', Url: 'url',
};

function range(name: string, value: number | undefined, min: number, max: number): number {
  if (value === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw integrity(`${name}: value must be an integer between ${min} and ${max}`);
  }
  return value;
}

function picklistValues(metadata: CustomFieldMetadata): string[] {
  const values = metadata.valueSet?.valueSetDefinition?.value;
  if (!values?.length) throw integrity('Picklist values: a picklist field must have at least one value (valueSet.valueSetDefinition.value)');
  const names = values.map((value) => value.fullName ?? '');
  if (names.some((name) => !name)) throw integrity('Picklist values: every value needs a fullName');
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name.toLowerCase())) throw new SalesforceError(400, 'DUPLICATE_VALUE', `Duplicate picklist value: ${name}`, []);
    seen.add(name.toLowerCase());
  }
  return names;
}

/** Validates a CustomField definition and turns it into the field it adds, as the Metadata API would. */
export function fieldFromMetadata(name: string, metadata: CustomFieldMetadata): FieldDef {
  const type = metadata.type && TYPES[metadata.type];
  if (!type) throw integrity(`Invalid type: ${metadata.type ?? '(missing)'}. Expected one of ${Object.keys(TYPES).join(', ')}`);
  if (!metadata.label?.trim()) throw new SalesforceError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Label]', ['Label']);
  const field: FieldDef = { name, label: metadata.label, type, updateable: true, nillable: true, custom: true };
  switch (metadata.type) {
    case 'Text':
      field.length = range('Length', metadata.length, 1, 255);
      break;
    case 'TextArea':
      field.length = 255;
      break;
    case 'LongTextArea':
      field.length = range('Length', metadata.length, 256, 131072);
      range('Visible Lines', metadata.visibleLines, 2, 50);
      break;
    case 'Number':
    case 'Percent':
    case 'Currency':
      field.precision = range('Length', metadata.precision, 1, 18);
      field.scale = range('Decimal Places', metadata.scale ?? 0, 0, field.precision);
      break;
    case 'Checkbox': {
      const value = String(metadata.defaultValue ?? '');
      if (value !== 'true' && value !== 'false') throw integrity('Default Value: a checkbox field needs a default value of true or false');
      field.defaultValue = value === 'true';
      field.nillable = false;
      break;
    }
    case 'Picklist':
    case 'MultiselectPicklist':
      field.picklist = picklistValues(metadata);
      field.restricted = metadata.valueSet?.restricted ?? false;
      field.length = metadata.type === 'Picklist' ? 255 : 4099;
      if (metadata.type === 'MultiselectPicklist') range('Visible Lines', metadata.visibleLines, 3, 10);
      break;
    case 'Email':
      field.length = 80;
      break;
    case 'Url':
      field.length = 255;
      break;
  }
  return field;
}
