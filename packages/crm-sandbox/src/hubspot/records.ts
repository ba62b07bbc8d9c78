import type { Dataset } from '../seed';
import { ID_BASE, LAST_MODIFIED, type ObjectType } from './object-types';

/** A record as HubSpot holds it: every value a string (numbers and dates included), or null. */
export interface HubSpotRecord {
  index: number;
  id: string;
  properties: Record<string, string | null>;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

interface Override {
  values: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
}

/**
 * The records of one object type: seeded records are generated on read, and only the records
 * written through the API are kept, as overrides of the seeded values.
 */
export class RecordStore {
  private overrides = new Map<number, Override>();
  private created = 0;
  /** Lazily built lookups of unique values (lower-cased), by property. */
  private uniques = new Map<string, Map<string, number>>();
  /** Record writes since the last reset (one per input of a successful write). */
  written = 0;

  constructor(readonly type: ObjectType, private readonly dataset: Dataset) {}

  private get seeded(): number {
    return this.type === 'companies' ? this.dataset.companies : this.dataset.contacts;
  }

  get count(): number {
    return this.seeded + this.created;
  }

  idOf(index: number): string {
    return String(ID_BASE[this.type] + index);
  }

  /** The index of a record id, or -1 when no such record exists. */
  indexOf(id: unknown): number {
    if (typeof id !== 'string' && typeof id !== 'number') return -1;
    const text = String(id).trim();
    if (!/^\d{1,16}$/.test(text)) return -1;
    const index = Number(text) - ID_BASE[this.type];
    return index >= 0 && index < this.count ? index : -1;
  }

  read(index: number): HubSpotRecord {
    const override = this.overrides.get(index);
    const seeded = index < this.seeded ? this.seededRecord(index) : null;
    const createdAt = override?.createdAt ?? seeded!.createdAt;
    const updatedAt = override?.updatedAt ?? seeded!.updatedAt;
    const id = this.idOf(index);
    const properties = { ...seeded?.values, ...override?.values };
    properties.createdate = new Date(createdAt).toISOString();
    properties[LAST_MODIFIED[this.type]] = new Date(updatedAt).toISOString();
    properties.hs_object_id = id;
    return { index, id, properties, createdAt, updatedAt };
  }

  /** Applies already-validated values ("" clears) and bumps the last-modified date. */
  write(index: number, values: Record<string, string>, now: number): void {
    this.updateUniques(index, values);
    const override = this.overrides.get(index);
    const cleared = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' ? null : v]));
    if (override) {
      Object.assign(override.values, cleared);
      override.updatedAt = now;
    } else {
      const createdAt = index < this.seeded ? this.seededRecord(index).createdAt : now;
      this.overrides.set(index, { values: cleared, createdAt, updatedAt: now });
    }
    this.written++;
  }

  create(values: Record<string, string>, now: number): number {
    const index = this.seeded + this.created++;
    this.write(index, values, now);
    return index;
  }

  /** The record whose `property` equals `value` (case-insensitive), or -1. */
  findByUnique(property: string, value: string): number {
    let lookup = this.uniques.get(property);
    if (!lookup) {
      lookup = new Map();
      for (let i = 0; i < this.count; i++) {
        const v = this.read(i).properties[property];
        if (v) lookup.set(v.toLowerCase(), i);
      }
      this.uniques.set(property, lookup);
    }
    return lookup.get(value.toLowerCase()) ?? -1;
  }

  private updateUniques(index: number, values: Record<string, string>): void {
    for (const [property, lookup] of this.uniques) {
      if (!(property in values)) continue;
      const old = index < this.seeded || this.overrides.has(index) ? this.read(index).properties[property] : null;
      if (old) lookup.delete(old.toLowerCase());
      if (values[property]) lookup.set(values[property].toLowerCase(), index);
    }
  }

  /** Indexes of the records written since the last reset, in no particular order. */
  writtenIndexes(): IterableIterator<number> {
    return this.overrides.keys();
  }

  /** The company of a contact, or the contacts of a company, from the seed. */
  associated(index: number): number[] {
    if (index >= this.seeded) return [];
    if (this.type === 'companies') return this.dataset.contactsOfCompany(index);
    const company = this.dataset.contact(index).companyIndex;
    return company === null ? [] : [company];
  }

  reset(): void {
    this.overrides.clear();
    this.uniques.clear();
    this.created = 0;
    this.written = 0;
  }

  private seededRecord(index: number): { values: Record<string, string | null>; createdAt: number; updatedAt: number } {
    if (this.type === 'companies') {
      const c = this.dataset.company(index);
      return {
        values: {
          name: c.name, domain: c.domain, industry: c.industry, annualrevenue: text(c.annualRevenue),
          numberofemployees: text(c.employees), country: c.country,
          web_technologies: c.technologies?.length ? c.technologies.join(';') : null,
        },
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      };
    }
    const c = this.dataset.contact(index);
    return {
      values: {
        firstname: c.firstname, lastname: c.lastname, email: c.email, jobtitle: c.jobtitle,
        associatedcompanyid: c.companyIndex === null ? null : String(ID_BASE.companies + c.companyIndex),
      },
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  }
}

function text(value: number | string | null): string | null {
  return value === null ? null : String(value);
}
