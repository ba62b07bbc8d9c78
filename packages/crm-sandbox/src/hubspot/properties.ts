import { conflict, notFound, validationError } from './errors';
import type { ObjectType } from './object-types';
import { defaultGroups, defaultProperties, type PropertyDefinition, type PropertyGroup, type PropertyOption } from './property-definitions';

export type { PropertyDefinition, PropertyGroup } from './property-definitions';

/** HubSpot's per-value validation result, as listed in "Property values were not valid: [...]". */
export interface InvalidValue {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
}

const FIELD_TYPES: Record<PropertyDefinition['type'], readonly string[]> = {
  string: ['text', 'textarea', 'file', 'html', 'phonenumber'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
};
const NAME = /^[a-z][a-z0-9_]*$/;
/** HubSpot's limit for a string property value. */
const MAX_STRING_LENGTH = 65_536;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The property and group definitions of one portal, per object type. */
export class PropertyRegistry {
  private properties = new Map<ObjectType, Map<string, PropertyDefinition>>();
  private groups = new Map<ObjectType, Map<string, PropertyGroup>>();

  constructor() {
    this.reset();
  }

  reset(): void {
    for (const type of ['companies', 'contacts'] as const) {
      this.properties.set(type, new Map(defaultProperties(type).map((p) => [p.name, p])));
      this.groups.set(type, new Map(defaultGroups(type).map((g) => [g.name, g])));
    }
  }

  get(type: ObjectType, name: string): PropertyDefinition | undefined {
    return this.properties.get(type)!.get(name);
  }

  list(type: ObjectType): PropertyDefinition[] {
    return [...this.properties.get(type)!.values()];
  }

  find(type: ObjectType, name: string): PropertyDefinition {
    const property = this.get(type, name);
    if (!property) throw notFound(`Unable to find property with name ${name} for object type ${type}`);
    return property;
  }

  create(type: ObjectType, input: Record<string, unknown>): PropertyDefinition {
    const name = requiredString(input, 'name');
    if (!NAME.test(name)) throw validationError(`Property name '${name}' is invalid: use lowercase letters, digits and underscores, starting with a letter`);
    if (this.get(type, name)) throw conflict(`Property named '${name}' already exists.`);
    const now = new Date().toISOString();
    const property: PropertyDefinition = {
      name, label: requiredString(input, 'label'), type: input.type as PropertyDefinition['type'],
      fieldType: requiredString(input, 'fieldType'), description: optionalString(input, 'description') ?? '',
      groupName: requiredString(input, 'groupName'), options: [], displayOrder: Number(input.displayOrder ?? -1),
      calculated: false, externalOptions: false, hasUniqueValue: input.hasUniqueValue === true,
      hidden: input.hidden === true, formField: input.formField === true,
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
      createdAt: now, updatedAt: now, archived: false,
    };
    this.check(type, property, input.options);
    this.properties.get(type)!.set(name, property);
    return property;
  }

  update(type: ObjectType, name: string, patch: Record<string, unknown>): PropertyDefinition {
    const current = this.find(type, name);
    if (current.modificationMetadata.readOnlyDefinition) throw validationError(`Property ${name} is a HubSpot-defined property whose definition is read-only`);
    const updated: PropertyDefinition = { ...current, updatedAt: new Date().toISOString() };
    for (const key of ['label', 'type', 'fieldType', 'description', 'groupName'] as const) {
      if (patch[key] !== undefined) (updated as unknown as Record<string, unknown>)[key] = requiredString(patch, key);
    }
    for (const key of ['hidden', 'formField'] as const) if (typeof patch[key] === 'boolean') updated[key] = patch[key];
    if (patch.displayOrder !== undefined) updated.displayOrder = Number(patch.displayOrder);
    this.check(type, updated, patch.options ?? current.options);
    this.properties.get(type)!.set(name, updated);
    return updated;
  }

  listGroups(type: ObjectType): PropertyGroup[] {
    return [...this.groups.get(type)!.values()];
  }

  createGroup(type: ObjectType, input: Record<string, unknown>): PropertyGroup {
    const name = requiredString(input, 'name');
    if (!NAME.test(name)) throw validationError(`Property group name '${name}' is invalid: use lowercase letters, digits and underscores, starting with a letter`);
    if (this.groups.get(type)!.has(name)) throw conflict(`Property group named '${name}' already exists.`);
    const group = { name, label: requiredString(input, 'label'), displayOrder: Number(input.displayOrder ?? -1), archived: false };
    this.groups.get(type)!.set(name, group);
    return group;
  }

  /** Checks type, fieldType, group and options, and sets the normalised options. */
  private check(type: ObjectType, property: PropertyDefinition, rawOptions: unknown): void {
    const fieldTypes = FIELD_TYPES[property.type];
    if (!fieldTypes) throw validationError(`Invalid type '${property.type}': expected one of ${Object.keys(FIELD_TYPES).join(', ')}`);
    if (!fieldTypes.includes(property.fieldType)) {
      throw validationError(`fieldType '${property.fieldType}' is not valid for type '${property.type}': expected one of ${fieldTypes.join(', ')}`);
    }
    if (!this.groups.get(type)!.has(property.groupName)) throw validationError(`Property group '${property.groupName}' does not exist`);
    if (property.type === 'bool') {
      property.options = [{ label: 'Yes', value: 'true', displayOrder: 0, hidden: false }, { label: 'No', value: 'false', displayOrder: 1, hidden: false }];
    } else if (property.type === 'enumeration') {
      if (!Array.isArray(rawOptions)) throw validationError(`Enumeration property '${property.name}' needs options`);
      property.options = rawOptions.map((o, i) => checkOption(property.name, o, i));
      const values = property.options.map((o) => o.value);
      if (new Set(values).size !== values.length) throw validationError(`Enumeration property '${property.name}' has duplicate option values`);
    } else {
      property.options = [];
    }
  }
}

function checkOption(propertyName: string, raw: unknown, index: number): PropertyOption {
  const option = (raw ?? {}) as Record<string, unknown>;
  if (typeof option.value !== 'string' || typeof option.label !== 'string') {
    throw validationError(`Option ${index} of property '${propertyName}' needs a string label and value`);
  }
  return {
    label: option.label, value: option.value, displayOrder: Number(option.displayOrder ?? index),
    hidden: option.hidden === true, ...(typeof option.description === 'string' ? { description: option.description } : {}),
  };
}

function requiredString(input: Record<string, unknown>, key: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value === '') throw validationError(`Invalid input JSON: '${key}' is required and must be a non-empty string`);
  return value;
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  return typeof input[key] === 'string' ? (input[key] as string) : undefined;
}

function invalid(name: string, error: string, message: string): InvalidValue {
  return { isValid: false, message, error, name, localizedErrorMessage: message };
}

/**
 * Validates one written value against its property and returns the value HubSpot would store
 * ("" clears), or why it is invalid. `null` (ignored by HubSpot) is handled by the caller.
 */
export function normalizeValue(property: PropertyDefinition | undefined, name: string, raw: unknown): string | InvalidValue {
  if (!property) return invalid(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
  if (property.modificationMetadata.readOnlyValue) return invalid(name, 'READ_ONLY_VALUE', `${name} is a read only property; its value cannot be set.`);
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    return invalid(name, 'INVALID_PROPERTY_VALUE', `${JSON.stringify(raw)} is not a valid value for ${name}`);
  }
  const value = String(raw);
  if (value === '') return '';
  switch (property.type) {
    case 'number':
      return NUMBER.test(value.trim()) ? String(Number(value)) : invalid(name, 'INVALID_DOUBLE', `${value} was not a valid number.`);
    case 'bool': {
      const lower = value.toLowerCase();
      return lower === 'true' || lower === 'false' ? lower : invalid(name, 'INVALID_OPTION', `${value} was not one of the allowed options: [true, false]`);
    }
    case 'enumeration': {
      const allowed = new Set(property.options.map((o) => o.value));
      const values = property.fieldType === 'checkbox' ? value.split(';') : [value];
      const bad = values.find((v) => !allowed.has(v));
      return bad === undefined ? value : invalid(name, 'INVALID_OPTION', `${bad} was not one of the allowed options: [${[...allowed].join(', ')}]`);
    }
    case 'datetime':
    case 'date': {
      const ms = parseDateTime(value);
      if (ms === null) return invalid(name, 'INVALID_DATE', `${value} is not a valid ${property.type}: use epoch milliseconds or ISO 8601`);
      if (property.type === 'date' && ms % 86_400_000 !== 0) return invalid(name, 'INVALID_DATE', `${value} is not midnight UTC, as a date property requires`);
      return new Date(ms).toISOString();
    }
    default:
      return value.length > MAX_STRING_LENGTH
        ? invalid(name, 'INVALID_STRING_LENGTH', `${name} value is ${value.length} characters long, more than the ${MAX_STRING_LENGTH} allowed`)
        : value;
  }
}

/** Epoch milliseconds from "1735689600000" or an ISO 8601 date/time, else null. */
export function parseDateTime(value: string): number | null {
  if (/^-?\d+$/.test(value)) return Number(value);
  if (!ISO_DATE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
