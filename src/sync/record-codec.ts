import type { CompanyRecord, ContactRecord, Properties, PropertyValue } from '../crm/adapter';

/**
 * Records as they travel through Redis (contact batch jobs, parked company pages): each property
 * name once per batch, then one array of values per record, trailing empties dropped. A first
 * run's contact is about a fifth of its JSON as an object, and there are no keys to rebuild.
 */
export interface PackedRecords {
  /** Property names, in row order after the record's own leading values. */
  keys: string[];
  rows: PropertyValue[][];
}

/** The names every record uses, in first-seen order. */
function keysOf(objects: Array<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const o of objects) for (const key in o) seen.add(key);
  return [...seen];
}

function row(head: PropertyValue[], values: Array<Record<string, unknown>>, keys: string[][]): PropertyValue[] {
  const out = head;
  values.forEach((object, i) => {
    for (const key of keys[i]) out.push((object[key] ?? null) as PropertyValue);
  });
  let end = out.length;
  while (end > 0 && out[end - 1] === null) end -= 1;
  out.length = end;
  return out;
}

const at = (r: PropertyValue[], i: number): PropertyValue => (i < r.length ? r[i] : null);

/** Contacts: id, job title, department, company id, then the CRM's current values. */
export function packContacts(records: ContactRecord[]): PackedRecords {
  const keys = keysOf(records.map((r) => r.current));
  return { keys, rows: records.map((r) => row([r.id, r.jobTitle, r.department, r.companyId], [r.current], [keys])) };
}

export function unpackContacts(packed: PackedRecords): ContactRecord[] {
  const { keys } = packed;
  return packed.rows.map((r) => {
    const current: Properties = {};
    for (let k = 0; k < keys.length; k++) current[keys[k]] = at(r, 4 + k);
    return { id: String(r[0]), jobTitle: at(r, 1) as string | null, department: at(r, 2) as string | null, companyId: at(r, 3) as string | null, current };
  });
}

/**
 * Companies: id, the scoring inputs (`fields.` names; an empty input stays absent, as the
 * CRM left it), then the CRM's current values.
 */
export function packCompanies(records: CompanyRecord[]): PackedRecords {
  const fields = keysOf(records.map((r) => r.fields));
  const current = keysOf(records.map((r) => r.current));
  return {
    keys: [...fields.map((k) => `fields.${k}`), ...current],
    rows: records.map((r) => row([r.id], [r.fields, r.current], [fields, current])),
  };
}

export function unpackCompanies(packed: PackedRecords): CompanyRecord[] {
  const split = packed.keys.findIndex((k) => !k.startsWith('fields.'));
  const fieldKeys = (split < 0 ? packed.keys : packed.keys.slice(0, split)).map((k) => k.slice('fields.'.length));
  const currentKeys = split < 0 ? [] : packed.keys.slice(split);
  return packed.rows.map((r) => {
    const fields: Record<string, unknown> = {};
    for (let k = 0; k < fieldKeys.length; k++) {
      const value = at(r, 1 + k);
      if (value !== null) fields[fieldKeys[k]] = value;
    }
    const current: Properties = {};
    for (let k = 0; k < currentKeys.length; k++) current[currentKeys[k]] = at(r, 1 + fieldKeys.length + k);
    return { id: String(r[0]), fields: fields as CompanyRecord['fields'], current };
  });
}
