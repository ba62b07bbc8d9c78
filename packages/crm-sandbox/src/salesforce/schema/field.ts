export type FieldType =
  | 'id' | 'reference' | 'string' | 'textarea' | 'url' | 'email' | 'picklist' | 'multipicklist'
  | 'boolean' | 'int' | 'double' | 'currency' | 'percent' | 'date' | 'datetime';

/** A stored value: datetimes are epoch milliseconds, dates `YYYY-MM-DD`, multi-picklists `a;b`. */
export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length?: number;
  precision?: number;
  scale?: number;
  picklist?: string[];
  restricted?: boolean;
  updateable: boolean;
  createable?: boolean;
  nillable: boolean;
  custom: boolean;
  referenceTo?: string[];
  defaultValue?: Value;
  /** Stored as JSON text and returned as an object (the Tooling API's `Metadata`). */
  json?: boolean;
}

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', url: 'xsd:string',
  email: 'xsd:string', picklist: 'xsd:string', multipicklist: 'xsd:string', boolean: 'xsd:boolean',
  int: 'xsd:int', double: 'xsd:double', currency: 'xsd:double', percent: 'xsd:double', date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

const TEXT_TYPES = new Set<FieldType>(['id', 'reference', 'string', 'textarea', 'url', 'email', 'picklist', 'multipicklist']);

export const isText = (field: FieldDef): boolean => TEXT_TYPES.has(field.type);
export const isNumeric = (field: FieldDef): boolean =>
  field.type === 'int' || field.type === 'double' || field.type === 'currency' || field.type === 'percent';

/** The describe shape of one field (DescribeFieldResult), as `sobjects/X/describe` returns it. */
export function describeField(field: FieldDef, editable = field.updateable): Record<string, unknown> {
  const text = isText(field);
  const length = field.length ?? (field.type === 'id' || field.type === 'reference' ? 18 : 0);
  return {
    aggregatable: field.type !== 'textarea' && field.type !== 'multipicklist',
    autoNumber: false,
    byteLength: text ? length * 3 : 0,
    calculated: false,
    caseSensitive: false,
    createable: editable && field.createable !== false,
    custom: field.custom,
    defaultValue: field.defaultValue ?? null,
    defaultedOnCreate: field.type === 'boolean' || field.type === 'id',
    digits: field.type === 'int' ? 9 : 0,
    externalId: false,
    filterable: field.type !== 'textarea',
    groupable: field.type !== 'textarea' && field.type !== 'multipicklist' && !isNumeric(field),
    idLookup: field.type === 'id',
    label: field.label,
    length: text ? length : 0,
    name: field.name,
    nameField: field.name === 'Name',
    nillable: field.nillable,
    picklistValues: (field.picklist ?? []).map((value) => ({
      active: true, defaultValue: false, label: value, validFor: null, value,
    })),
    precision: field.precision ?? 0,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.referenceTo ? field.name.replace(/Id$/, '') : null,
    restrictedPicklist: field.restricted ?? false,
    scale: field.scale ?? 0,
    soapType: SOAP_TYPES[field.type],
    sortable: field.type !== 'textarea' && field.type !== 'multipicklist',
    type: field.type,
    unique: false,
    updateable: editable,
  };
}
