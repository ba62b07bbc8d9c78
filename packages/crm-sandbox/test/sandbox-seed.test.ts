import { createDataset, HUBSPOT_INDUSTRIES } from '../src/seed';

const share = (items: unknown[], test: (item: any) => boolean) => items.filter(test).length / items.length;

describe('sandbox seed dataset', () => {
  const dataset = createDataset({ seed: 42, companies: 2000, contacts: 6000 });
  const companies = Array.from({ length: dataset.companies }, (_, i) => dataset.company(i));
  const contacts = Array.from({ length: dataset.contacts }, (_, i) => dataset.contact(i));

  test('is deterministic by seed and differs across seeds', () => {
    const again = createDataset({ seed: 42, companies: 2000, contacts: 6000 });
    expect(again.company(1234)).toEqual(dataset.company(1234));
    expect(again.contact(4321)).toEqual(dataset.contact(4321));
    expect(createDataset({ seed: 43, companies: 2000, contacts: 6000 }).company(1234)).not.toEqual(dataset.company(1234));
  });

  test('defaults to 500 companies, 1,500 contacts, seed 42, and refuses out-of-range indexes', () => {
    expect(createDataset()).toMatchObject({ seed: 42, companies: 500, contacts: 1500 });
    expect(() => dataset.company(2000)).toThrow(RangeError);
    expect(() => createDataset({ companies: -1 })).toThrow(RangeError);
  });

  test('firmographics are France-heavy with Benelux, DACH and the US', () => {
    const country = (c: (typeof companies)[number]) => c.country?.trim().toLowerCase();
    expect(share(companies, (c) => ['france', 'fr'].includes(country(c)!))).toBeGreaterThan(0.4);
    for (const spelling of ['Germany', 'Belgium', 'Netherlands', 'United States']) expect(companies.some((c) => c.country === spelling)).toBe(true);
    expect(companies.every((c) => c.industry === null || (HUBSPOT_INDUSTRIES as readonly string[]).includes(c.industry))).toBe(true);
  });

  test('holds the mess real CRMs hold', () => {
    for (const field of ['name', 'domain', 'industry', 'annualRevenue', 'employees', 'country', 'technologies'] as const) {
      expect(share(companies, (c) => c[field] === null)).toBeGreaterThan(0.05);
      expect(share(companies, (c) => c[field] === null)).toBeLessThan(0.15);
    }
    const textRevenues = companies.map((c) => c.annualRevenue).filter((r): r is string => typeof r === 'string');
    expect(textRevenues.some((r) => /^\d{1,3}([ \u00a0]\d{3})+$/.test(r))).toBe(true);
    expect(textRevenues.some((r) => /^\d+,\dM$/.test(r))).toBe(true);
    expect(textRevenues.some((r) => /k$/.test(r))).toBe(true);
    expect(textRevenues.some((r) => r.startsWith('$'))).toBe(true);
    expect(companies.some((c) => c.country === 'france' || c.country === 'France ' || c.country === 'FR')).toBe(true);
    const domains = companies.map((c) => c.domain).filter(Boolean);
    expect(new Set(domains).size).toBeLessThan(domains.length);
    const titles = new Set(contacts.map((c) => c.jobtitle));
    for (const title of ['DRH', 'Chargée de recrutement (H/F)', 'VP Sales', 'Head of Talent Acquisition', 'N/A', null]) expect(titles.has(title)).toBe(true);
  });

  test('about 3 contacts per company, about 5 % without one, consistent both ways', () => {
    expect(share(contacts, (c) => c.companyIndex === null)).toBeGreaterThan(0.03);
    expect(share(contacts, (c) => c.companyIndex === null)).toBeLessThan(0.07);
    let associated = 0;
    for (let i = 0; i < dataset.companies; i++) {
      for (const contact of dataset.contactsOfCompany(i)) expect(dataset.contact(contact).companyIndex).toBe(i);
      associated += dataset.contactsOfCompany(i).length;
    }
    expect(associated).toBe(contacts.filter((c) => c.companyIndex !== null).length);
    const withDomain = contacts.find((c) => c.companyIndex !== null && c.email?.endsWith(`@${dataset.company(c.companyIndex).domain}`));
    expect(withDomain).toBeDefined();
  });

  test('scales to 1,000,000 contacts without holding them in memory', () => {
    const before = process.memoryUsage().heapUsed;
    const big = createDataset({ seed: 1, companies: 300_000, contacts: 1_000_000 });
    let orphans = 0;
    // Every 7th contact: enough to see the spread, quick under jest.
    for (let i = 0; i < big.contacts; i += 7) if (big.contact(i).companyIndex === null) orphans++;
    expect(orphans / Math.ceil(big.contacts / 7)).toBeCloseTo(0.05, 2);
    expect(big.contact(999_999).index).toBe(999_999);
    expect(big.contactsOfCompany(299_999).every((i) => i < 1_000_000)).toBe(true);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });
});
