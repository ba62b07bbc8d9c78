import type { Fault } from '../faults';
import { validationError, type BatchError } from './errors';
import type { ObjectType } from './object-types';
import { normalizeValue, type InvalidValue } from './properties';
import type { HubSpotState } from './state';

export const MAX_BATCH_INPUTS = 100;

export interface WriteInput {
  id?: unknown;
  idProperty?: unknown;
  properties?: unknown;
}

/** A batch input that passed validation: its record (or -1 to create) and the values to store. */
export interface ValidInput {
  index: number;
  /** The id as given, for errors and the upsert's unique property. */
  id: string;
  values: Record<string, string>;
}

/** Checks the shape every batch endpoint shares: an `inputs` array of at most `max` items. */
export function batchInputs<T>(body: unknown, max = MAX_BATCH_INPUTS): T[] {
  const inputs = (body as { inputs?: unknown } | null)?.inputs;
  if (!Array.isArray(inputs)) throw validationError("Invalid input JSON: 'inputs' must be an array");
  if (inputs.length > max) {
    throw validationError(`The maximum number of inputs supported in a batch request is ${max}. Please reduce the number of items and try again`);
  }
  return inputs as T[];
}

export function rejectDuplicateIds(ids: string[]): void {
  const seen = new Set<string>();
  const duplicates = new Set(ids.filter((id) => seen.size === seen.add(id).size));
  if (duplicates.size > 0) throw validationError(`Duplicate IDs found in batch input: [${[...duplicates].join(', ')}]. IDs must be unique`);
}

export function notFoundError(type: ObjectType, ids: string[]): BatchError {
  const label = type === 'companies' ? 'COMPANY' : 'CONTACT';
  return { status: 'error', category: 'OBJECT_NOT_FOUND', message: `Could not get some ${label} objects, they may be deleted or not exist. Check that ids are valid.`, context: { ids } };
}

function invalidValuesError(id: string, invalid: InvalidValue[]): BatchError {
  return {
    status: 'error', category: 'VALIDATION_ERROR', message: `Property values were not valid: ${JSON.stringify(invalid)}`,
    context: { ids: [id] },
    errors: invalid.map((v) => ({ message: v.message, code: v.error, context: { propertyName: [v.name] } })),
  };
}

/**
 * Validates the values of each input against the portal's properties. `null` values are dropped
 * (HubSpot ignores them); one invalid value rejects the whole batch with 400 in 'reject-batch'
 * mode, or only its input (a 207 error) in 'per-input' mode.
 */
export function validateWrites(
  state: HubSpotState,
  type: ObjectType,
  inputs: { index: number; id: string; properties: unknown }[],
): { valid: ValidInput[]; errors: BatchError[] } {
  const valid: ValidInput[] = [];
  const errors: BatchError[] = [];
  const allInvalid: InvalidValue[] = [];
  for (const { index, id, properties } of inputs) {
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) {
      throw validationError(`Invalid input JSON: 'properties' of input ${id} must be an object`);
    }
    const values: Record<string, string> = {};
    const invalid: InvalidValue[] = [];
    for (const [name, raw] of Object.entries(properties)) {
      if (raw === null) continue;
      const value = normalizeValue(state.properties.get(type, name), name, raw);
      if (typeof value === 'string') values[name] = value;
      else invalid.push(value);
    }
    if (invalid.length === 0) valid.push({ index, id, values });
    else {
      errors.push(invalidValuesError(id, invalid));
      allInvalid.push(...invalid);
    }
  }
  if (allInvalid.length > 0 && (state.options.invalidValues ?? 'reject-batch') === 'reject-batch') {
    throw validationError(`Property values were not valid: ${JSON.stringify(allInvalid)}`, {
      errors: allInvalid.map((v) => ({ message: v.message, code: v.error, context: { propertyName: [v.name] } })),
    });
  }
  return { valid, errors };
}

/**
 * A `partial` fault: some inputs fail with a retryable error and are not applied. At least one
 * input fails, each other with probability 1/4, drawn from the fault's seeded stream.
 */
export function splitPartialFault<T extends { id: string }>(fault: Fault | null, inputs: T[]): { kept: T[]; errors: BatchError[] } {
  if (fault?.kind !== 'partial' || inputs.length === 0) return { kept: inputs, errors: [] };
  const first = Math.floor(fault.random() * inputs.length);
  const failed = inputs.filter((_, i) => i === first || fault.random() < 0.25);
  const kept = inputs.filter((input) => !failed.includes(input));
  const errors = failed.map((input): BatchError => ({
    status: 'error', category: 'INTERNAL_ERROR', subCategory: 'TEMPORARILY_UNAVAILABLE',
    message: 'The write could not be completed; it may be retried.', context: { ids: [input.id] },
  }));
  return { kept, errors };
}
