import { partialStatus, type ApiVersion } from './api-versions';
import { validationError } from './errors';
import { DEFAULT_PROPERTIES, type ObjectType } from './object-types';
import type { HubSpotRecord } from './records';
import type { HubSpotState } from './state';

/** The SDK's SimplePublicObject (and WithAssociations). */
export interface ApiObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
}

/** Reads a query or body list: repeated keys, comma-separated values, or a JSON array. */
export function nameList(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => String(item).split(',')).map((s) => s.trim()).filter(Boolean);
}

/** Requested properties that the portal defines (unknown names are left out, as HubSpot does). */
export function propertiesToReturn(state: HubSpotState, type: ObjectType, requested: string[] | null): string[] {
  if (!requested || requested.length === 0) return DEFAULT_PROPERTIES[type] as string[];
  return requested.filter((name) => state.properties.get(type, name) !== undefined);
}

export function toApiObject(record: HubSpotRecord, names: readonly string[]): ApiObject {
  const properties: Record<string, string | null> = {};
  for (const name of names) properties[name] = record.properties[name] ?? null;
  return { id: record.id, properties, createdAt: new Date(record.createdAt).toISOString(), updatedAt: new Date(record.updatedAt).toISOString(), archived: false };
}

/** v3 `associations` of a record: the primary and the unlabeled type, as HubSpot lists both. */
export function associationsOf(state: HubSpotState, type: ObjectType, index: number, toTypes: ObjectType[]): ApiObject['associations'] {
  const result: NonNullable<ApiObject['associations']> = {};
  for (const toType of toTypes) {
    if (toType === type) continue;
    const name = type === 'companies' ? 'company_to_contact' : 'contact_to_company';
    const results = state.stores[type].associated(index).flatMap((other) => {
      const id = state.stores[toType].idOf(other);
      return [{ id, type: name }, { id, type: `${name}_unlabeled` }];
    });
    if (results.length > 0) result[toType] = { results };
  }
  return result;
}

export function parseLimit(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw validationError(`limit must be a positive integer, got ${String(raw)}`);
  return Math.min(limit, max);
}

/** BatchResponse…: 200 without errors; with them 207, or a 200 carrying `errors` since 2026-09. */
export function batchResponse<T>(state: HubSpotState, version: ApiVersion, startedAt: Date, results: T[], errors: object[]) {
  // StandardError requires context, errors and links.
  const full = errors.map((e) => ({ context: {}, errors: [], links: {}, ...e }));
  const body = {
    status: 'COMPLETE' as const,
    results: state.shuffle(results),
    ...(errors.length > 0 ? { numErrors: errors.length, errors: full } : {}),
    startedAt: startedAt.toISOString(),
    completedAt: new Date().toISOString(),
  };
  return { statusCode: errors.length > 0 ? partialStatus(version) : 200, body };
}
