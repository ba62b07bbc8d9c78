import { HubSpotError } from './errors';

export type ObjectType = 'companies' | 'contacts';

export const OBJECT_TYPE_IDS: Record<ObjectType, string> = { contacts: '0-1', companies: '0-2' };

const ALIASES: Record<string, ObjectType> = {
  companies: 'companies', company: 'companies', '0-2': 'companies',
  contacts: 'contacts', contact: 'contacts', '0-1': 'contacts',
};

/** Resolves a path's object type the way HubSpot does: plural or singular name, or type id. */
export function objectTypeOf(name: string): ObjectType {
  const type = ALIASES[name.toLowerCase()];
  if (!type) throw new HubSpotError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${name}`);
  return type;
}

/** The property HubSpot bumps on every write: companies and contacts differ. */
export const LAST_MODIFIED: Record<ObjectType, string> = { companies: 'hs_lastmodifieddate', contacts: 'lastmodifieddate' };

/** Properties returned when a read names none. */
export const DEFAULT_PROPERTIES: Record<ObjectType, readonly string[]> = {
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
};

/** Ids differ per type, as in a real portal, so a contact id used as a company id is a 404. */
export const ID_BASE: Record<ObjectType, number> = { companies: 18_000_000_001, contacts: 51_000_000_001 };
