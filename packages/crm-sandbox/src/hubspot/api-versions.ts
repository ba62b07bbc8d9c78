import { validationError } from './errors';

/**
 * The API versions the emulator serves, all on the same data: HubSpot's date-based versions
 * (`/crm/objects/2026-09/...`, one each March and September) and the legacy numbered paths
 * (`/crm/v3/...`, associations `/crm/v4/...`).
 */
export const API_VERSIONS = ['v3', '2026-03', '2026-09'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export interface VersionPaths {
  objects: string;
  associations: string;
  properties: string;
  lists: string;
}

export function pathsOf(version: ApiVersion): VersionPaths {
  if (version === 'v3') {
    return { objects: '/crm/v3/objects', associations: '/crm/v4/associations', properties: '/crm/v3/properties', lists: '/crm/v3/lists' };
  }
  return {
    objects: `/crm/objects/${version}`,
    associations: `/crm/associations/${version}`,
    properties: `/crm/properties/${version}`,
    lists: `/crm/lists/${version}`,
  };
}

export const isDated = (version: ApiVersion) => version !== 'v3';

/** A batch call with failed inputs: 207 up to 2026-03; since 2026-09 a 200 whose body has `errors`. */
export const partialStatus = (version: ApiVersion) => (version === '2026-09' ? 200 : 207);

/** Since 2026-09 writes enforce the portal's property validation rules, failing the records that break one. */
export const enforcesValidationRules = (version: ApiVersion) => version === '2026-09';

/**
 * The dated specs mark these request fields required (numbered paths were lenient): a request
 * without one is a 400, as a spec-validating gateway answers.
 */
export function requireFields(version: ApiVersion, body: unknown, fields: readonly string[], schema: string): void {
  if (!isDated(version)) return;
  const object = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const missing = fields.filter((field) => object[field] === undefined || object[field] === null);
  if (missing.length > 0) {
    throw validationError(`Invalid input JSON: ${schema} is missing required field(s) ${missing.map((f) => `'${f}'`).join(', ')}`, {
      errors: missing.map((field) => ({ message: `${field} is required`, code: 'REQUIRED_FIELD', in: field, context: { field: [field] } })),
    });
  }
}
