/**
 * Deterministic seeded CRM data shared by the HubSpot and Salesforce emulators.
 *
 * Records are generated on demand from (seed, index): nothing is held in memory, so a dataset of
 * 1,000,000 contacts costs nothing until it is read. Emulators keep the records that were written
 * as their own overrides, keyed by index, in their own field names.
 */
import { HUBSPOT_INDUSTRIES, type HubSpotIndustry } from './industries';
import { hash, pick, prng, weighted, type Random } from './random';
import {
  BRAND_SYLLABLES, COMMON_INDUSTRIES, EMPTY_TITLES, FIRST_NAMES, JOB_TITLES, NAME_PATTERNS,
  REGIONAL_TECHNOLOGIES, REGIONS, SECTOR_WORDS, SURNAMES, TECHNOLOGIES, type Region,
} from './vocabulary';

import { dealRandom, generateDeal, type SeedDeal } from './deals';

export { HUBSPOT_INDUSTRIES, type HubSpotIndustry } from './industries';
export { hash, prng } from './random';
export { OUTCOME_MODEL, winProbability, type SeedDeal } from './deals';

/** A company as the CRM holds it: raw values with the usual mess; `null` is an empty field. */
export interface SeedCompany {
  /** 0-based position in the dataset; each emulator derives its own record id from it. */
  index: number;
  name: string | null;
  domain: string | null;
  industry: HubSpotIndustry | null;
  /** A number, or text as users type it ("1 500 000", "2,5M", "$3B", "4 Mds €"). */
  annualRevenue: number | string | null;
  employees: number | string | null;
  /** As typed: "France", "france", "FR", "France "... */
  country: string | null;
  technologies: string[] | null;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

export interface SeedContact {
  index: number;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
  jobtitle: string | null;
  /** Index of the company the contact belongs to, `null` for the ~5 % without one. */
  companyIndex: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface DatasetOptions {
  seed?: number;
  companies?: number;
  contacts?: number;
  /** Deals (default: two per company). */
  deals?: number;
  /** Close dates count back from this instant (default: the start of today, UTC). */
  dealsEndAt?: number;
}

export interface Dataset {
  readonly seed: number;
  readonly companies: number;
  readonly contacts: number;
  readonly deals: number;
  company(index: number): SeedCompany;
  contact(index: number): SeedContact;
  deal(index: number): SeedDeal;
  /** Indexes of the contacts associated with a company, ascending. */
  contactsOfCompany(companyIndex: number): number[];
}

export const DEFAULT_DATASET = { seed: 42, companies: 500, contacts: 1500 } as const;

/** Seeded dates end here (epoch ms), so that a dataset is the same whenever it is generated. */
export const SEED_EPOCH = Date.UTC(2025, 0, 1);
const THREE_YEARS = 3 * 365 * 24 * 3600 * 1000;
const MISSING = 0.1;
const DUPLICATE_DOMAIN = 0.03;
const ORPHAN_CONTACT = 0.05;

// Streams keep the draws for companies, contacts and orphans independent of each other.
const enum Stream { Company = 1, Contact = 2, Orphan = 3 }

export function createDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? DEFAULT_DATASET.seed;
  const companies = options.companies ?? DEFAULT_DATASET.companies;
  const contacts = options.contacts ?? DEFAULT_DATASET.contacts;
  const deals = options.deals ?? 2 * companies;
  const now = new Date();
  const dealsEndAt = options.dealsEndAt ?? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (const [name, value] of Object.entries({ seed, companies, contacts, deals })) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  const random = (stream: Stream, index: number) => prng(hash(seed, stream, index));
  const isOrphan = (i: number) => companies === 0 || hash(seed, Stream.Orphan, i) / 2 ** 32 < ORPHAN_CONTACT;
  // Contacts are spread evenly over companies, so the reverse lookup is arithmetic, not an index.
  const ownerOf = (i: number) => Math.floor((i * companies) / contacts);

  const company = (index: number): SeedCompany => {
    checkIndex(index, companies, 'company');
    return generateCompany(index, random(Stream.Company, index), (j) => companyIdentity(random(Stream.Company, j)));
  };
  const contact = (index: number): SeedContact => {
    checkIndex(index, contacts, 'contact');
    const companyIndex = isOrphan(index) ? null : ownerOf(index);
    const owner = companyIndex === null ? null : companyIdentity(random(Stream.Company, companyIndex));
    return generateContact(index, companyIndex, owner, random(Stream.Contact, index));
  };
  const contactsOfCompany = (companyIndex: number): number[] => {
    checkIndex(companyIndex, companies, 'company');
    const result: number[] = [];
    for (let i = Math.ceil((companyIndex * contacts) / companies); i < contacts && ownerOf(i) === companyIndex; i++) {
      if (!isOrphan(i)) result.push(i);
    }
    return result;
  };
  const deal = (index: number): SeedDeal => {
    checkIndex(index, deals, 'deal');
    return generateDeal(index, dealRandom(seed, index), { companies, company, endAt: dealsEndAt });
  };
  return { seed, companies, contacts, deals, company, contact, deal, contactsOfCompany };
}

function checkIndex(index: number, count: number, kind: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`no ${kind} #${index} (dataset has ${count})`);
}

const REGION_WEIGHTS = REGIONS.map((r) => [r, r.weight] as const);

interface Identity {
  region: Region;
  name: string;
  domain: string;
}

/** The first draws of a company's stream: enough to name it, and to name its contacts' emails. */
function companyIdentity(random: Random): Identity {
  const region = weighted(random, REGION_WEIGHTS);
  const surname = pick(random, SURNAMES[region.language]);
  const brand = capitalize(Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(random, BRAND_SYLLABLES)).join(''));
  const word = pick(random, SECTOR_WORDS[region.language]);
  const base = pick(random, NAME_PATTERNS[region.language]).replace('{S}', surname).replace('{B}', brand).replace('{W}', word);
  const legalForm = pick(random, region.legalForms);
  const name = legalForm && random() < 0.4 ? `${base} ${legalForm}` : base;
  const slug = slugify(base.replace(/^(Groupe|Cabinet|Transports|Établissements|Clinique) /, ''));
  const suffixed = random() < 0.15 && !base.includes(word);
  const domain = `${suffixed ? `${slug}-${slugify(word)}` : slug}.${pick(random, region.tlds)}`;
  return { region, name, domain };
}

function generateCompany(index: number, random: Random, identityOf: (index: number) => Identity): SeedCompany {
  const { region, name, domain } = companyIdentity(random);
  const duplicateOf = index > 0 && random() < DUPLICATE_DOMAIN ? Math.floor(random() * index) : null;
  const employees = Math.round(Math.exp(Math.log(3) + random() * Math.log(20000 / 3)));
  const revenue = Math.round((employees * (60_000 + random() * 190_000)) / 1000) * 1000;
  const createdAt = SEED_EPOCH - Math.floor(random() * THREE_YEARS);
  return {
    index,
    name: orMissing(random, random() < 0.05 ? name.toUpperCase() : name),
    // A duplicate is the same company entered twice: same domain, and often the same name.
    domain: orMissing(random, duplicateOf === null ? domain : identityOf(duplicateOf).domain),
    industry: orMissing(random, random() < 0.05 ? pick(random, HUBSPOT_INDUSTRIES) : weighted(random, COMMON_INDUSTRIES)),
    annualRevenue: orMissing(random, random() < 0.15 ? revenueAsText(random, revenue) : revenue),
    employees: orMissing(random, random() < 0.08 ? employeesAsText(random, employees) : employees),
    country: orMissing(random, random() < 0.75 ? region.spellings[0] : pick(random, region.spellings)),
    technologies: orMissing(random, technologiesOf(random, region)),
    createdAt,
    updatedAt: createdAt + Math.floor(random() * (SEED_EPOCH - createdAt)),
  };
}

function generateContact(index: number, companyIndex: number | null, owner: Identity | null, random: Random): SeedContact {
  const language = owner?.region.language ?? 'fr';
  const firstname = pick(random, FIRST_NAMES[language]);
  const lastname = pick(random, SURNAMES[language]);
  const createdAt = SEED_EPOCH - Math.floor(random() * THREE_YEARS);
  return {
    index,
    firstname: orMissing(random, firstname, 0.03),
    lastname: orMissing(random, lastname, 0.03),
    email: orMissing(random, emailOf(random, firstname, lastname, owner?.domain), 0.08),
    jobtitle: jobTitleOf(random, language),
    companyIndex,
    createdAt,
    updatedAt: createdAt + Math.floor(random() * (SEED_EPOCH - createdAt)),
  };
}

function orMissing<T>(random: Random, value: T, rate = MISSING): T | null {
  return random() < rate ? null : value;
}

function revenueAsText(random: Random, revenue: number): string {
  const millions = revenue / 1e6;
  const format = Math.floor(random() * 6);
  if (format === 0) return revenue.toLocaleString('fr-FR').replace(/\u202f/g, random() < 0.5 ? ' ' : '\u00a0');
  if (format === 1) return `${(Math.round(millions * 10) / 10).toString().replace('.', ',')}M`;
  if (format === 2) return `${Math.round(revenue / 1000)}k`;
  if (format === 3) return millions >= 1000 ? `$${Math.round(millions / 100) / 10}B` : `$${Math.round(millions)}M`;
  if (format === 4) return millions >= 1000 ? `${Math.round(millions / 1000)} Mds €` : `${(Math.round(millions * 10) / 10).toString().replace('.', ',')} M€`;
  return random() < 0.5 ? 'N/A' : 'confidentiel';
}

function employeesAsText(random: Random, employees: number): string {
  const format = Math.floor(random() * 4);
  if (format === 0) return employees.toLocaleString('fr-FR').replace(/\u202f/g, ' ');
  if (format === 1) return employees >= 1000 ? `${Math.round(employees / 100) / 10}k` : `${employees}`;
  if (format === 2) return `${Math.floor(employees / 50) * 50}-${Math.floor(employees / 50) * 50 + 50}`;
  return `~${employees}`;
}

function technologiesOf(random: Random, region: Region): string[] {
  const chosen = new Set<string>();
  const count = Math.floor(random() * 6);
  for (let k = 0; k < count; k++) chosen.add(weighted(random, TECHNOLOGIES));
  const local = REGIONAL_TECHNOLOGIES[region.code];
  if (local && random() < 0.4) chosen.add(pick(random, local));
  return [...chosen];
}

function emailOf(random: Random, firstname: string, lastname: string, domain: string | undefined): string {
  const first = slugify(firstname);
  const last = slugify(lastname);
  const host = domain && random() < 0.9 ? domain : pick(random, ['gmail.com', 'outlook.fr', 'yahoo.fr', 'hotmail.com']);
  const local = random() < 0.7 ? `${first}.${last}` : `${first[0]}${last}`;
  return `${random() < 0.03 ? local.toUpperCase() : local}@${host}`;
}

function jobTitleOf(random: Random, language: Region['language']): string | null {
  const roll = random();
  if (roll < 0.04) return null;
  if (roll < 0.08) return pick(random, EMPTY_TITLES);
  const pool = language === 'en' ? 'en' : language === 'de' && random() < 0.4 ? 'de' : language === 'fr' && random() < 0.7 ? 'fr' : 'en';
  const title = pick(random, JOB_TITLES[pool]);
  return random() < 0.05 ? `  ${title.toLowerCase()} ` : title;
}

function slugify(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
