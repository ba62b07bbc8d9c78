import type { CompanyRecord, ContactRecord, Properties, PropertyValue } from '../crm/adapter';

/**
 * Records as they travel through Redis (contact batch jobs, parked company pages): each property
 * name once per batch, then one array of values per record, trailing empties dropped, and an
 * input that repeats a current value in every record of the batch (the adapters read both from
 * the same property) sent once, as that value. A first run's contact is about a fifth of its JSON
 * as an object.
 */
export interface PackedRecords {
  /** Property names, in row order after the record's own leading values. */
  keys: string[];
  rows: PropertyValue[][];
  /** Leading values (`jobTitle`, `fields.name`...) left empty in the rows: they are these current values. */
  same?: Record<string, string>;
}

const empty = (v: unknown) => (v === undefined ? null : v);

/** For each input, a current property with the same value in every record, if there is one. */
function aliases(records: Array<{ current: Properties }>, inputs: Array<{ name: string; value: (i: number) => unknown }>, currentKeys: string[]): Record<string, string> {
  const same: Record<string, string> = {};
  if (!records.length) return same;
  for (const input of inputs) {
    const first = empty(input.value(0));
    const key = currentKeys.find((k) => empty(records[0].current[k]) === first && records.every((r, i) => empty(r.current[k]) === empty(input.value(i))));
    if (key !== undefined) same[input.name] = key;
  }
  return same;
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
  const same = aliases(records, [{ name: 'jobTitle', value: (i) => records[i].jobTitle }, { name: 'department', value: (i) => records[i].department }], keys);
  const rows = records.map((r) => row([r.id, 'jobTitle' in same ? null : r.jobTitle, 'department' in same ? null : r.department, r.companyId], [r.current], [keys]));
  return { keys, rows, same };
}

export function unpackContacts(packed: PackedRecords): ContactRecord[] {
  const { keys, same = {} } = packed;
  return packed.rows.map((r) => {
    const current: Properties = {};
    for (let k = 0; k < keys.length; k++) current[keys[k]] = at(r, 4 + k);
    const jobTitle = (same.jobTitle ? current[same.jobTitle] : at(r, 1)) as string | null;
    const department = (same.department ? current[same.department] : at(r, 2)) as string | null;
    return { id: String(r[0]), jobTitle, department, companyId: at(r, 3) as string | null, current };
  });
}

/**
 * Companies: id, the scoring inputs (`fields.` names; an empty input comes back undefined, as
 * the CRM left it), then the CRM's current values.
 */
export function packCompanies(records: CompanyRecord[]): PackedRecords {
  const fields = keysOf(records.map((r) => r.fields));
  const current = keysOf(records.map((r) => r.current));
  const inputs = fields.map((k) => ({ name: `fields.${k}`, value: (i: number) => (records[i].fields as Record<string, unknown>)[k] }));
  const same = aliases(records, inputs, current);
  const sent = fields.filter((k) => !(`fields.${k}` in same));
  return {
    keys: [...sent.map((k) => `fields.${k}`), ...current],
    rows: records.map((r) => row([r.id], [r.fields, r.current], [sent, current])),
    same,
  };
}

export function unpackCompanies(packed: PackedRecords): CompanyRecord[] {
  const split = packed.keys.findIndex((k) => !k.startsWith('fields.'));
  const fieldKeys = (split < 0 ? packed.keys : packed.keys.slice(0, split)).map((k) => k.slice('fields.'.length));
  const currentKeys = split < 0 ? [] : packed.keys.slice(split);
  const aliased = Object.entries(packed.same ?? {}).map(([input, key]) => [input.slice('fields.'.length), key] as const);
  return packed.rows.map((r) => {
    // Every record of a batch gets the same keys in the same order (one object shape for the
    // scorer); an empty input is undefined, as the CRM left it.
    const fields: Record<string, unknown> = {};
    for (let k = 0; k < fieldKeys.length; k++) {
      const value = at(r, 1 + k);
      fields[fieldKeys[k]] = value === null ? undefined : value;
    }
    const current: Properties = {};
    for (let k = 0; k < currentKeys.length; k++) current[currentKeys[k]] = at(r, 1 + fieldKeys.length + k);
    for (const [input, key] of aliased) fields[input] = current[key] === null ? undefined : current[key];
    return { id: String(r[0]), fields: fields as CompanyRecord['fields'], current };
  });
}
