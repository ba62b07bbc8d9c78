import type { CompanyRecord, ContactRecord } from '../../src/crm/adapter';
import { packCompanies, packContacts, unpackCompanies, unpackContacts } from '../../src/sync/record-codec';

describe('record codec (contact jobs and parked company pages)', () => {
  const contacts: ContactRecord[] = [
    { id: '51', jobTitle: 'DRH', department: null, companyId: '18', current: { jobtitle: 'DRH', icp_persona: null, icp_seniority: null } },
    { id: '52', jobTitle: null, department: 'Finance', companyId: null, current: { jobtitle: null, icp_persona: 'finance_buyer', icp_seniority: 'c_level' } },
    { id: '53', jobTitle: 'VP Sales', department: null, companyId: '19', current: { jobtitle: 'VP Sales', icp_persona: null, icp_seniority: null, hs_buying_role: 'DECISION_MAKER' } },
  ];

  it('contacts come back as they went in, every current value included', () => {
    expect(unpackContacts(JSON.parse(JSON.stringify(packContacts(contacts))))).toEqual(
      contacts.map((c) => ({ ...c, current: { jobtitle: null, icp_persona: null, icp_seniority: null, hs_buying_role: null, ...c.current } })),
    );
  });

  it('names each property once per batch, sends a title that repeats a current value once, and drops trailing empties', () => {
    const packed = packContacts(contacts);
    expect(packed.keys).toEqual(['jobtitle', 'icp_persona', 'icp_seniority', 'hs_buying_role']);
    expect(packed.same).toEqual({ jobTitle: 'jobtitle' });
    expect(packed.rows[0]).toEqual(['51', null, null, '18', 'DRH']);
    const page = Array.from({ length: 100 }, (_, i) => ({ ...contacts[i % 3], id: String(1000 + i) }));
    expect(JSON.stringify(packContacts(page)).length).toBeLessThan(JSON.stringify(page).length / 3);
  });

  const companies: CompanyRecord[] = [
    { id: '18', fields: { id: '18', name: 'Société Générale', domain: 'sg.fr', annualRevenue: '12000000', technologies: ['Salesforce'] }, current: { name: 'Société Générale', icp_fit_score: null, icp_tal: null } },
    { id: '19', fields: { id: 19, name: 'Acme', country: 'France' }, current: { name: 'Acme', icp_fit_score: '73', icp_tal: 'true' } },
    { id: '20', fields: { id: '20' }, current: {} },
  ];

  it('companies come back with the same inputs (empty ones undefined) and every current value', () => {
    expect(unpackCompanies(JSON.parse(JSON.stringify(packCompanies(companies))))).toEqual(
      companies.map((c) => ({ ...c, current: { name: null, icp_fit_score: null, icp_tal: null, ...c.current } })),
    );
  });

  it('an input equal to a current value in every record is sent once; one that differs anywhere is sent as is', () => {
    const packed = packCompanies(companies);
    expect(packed.same).toMatchObject({ 'fields.name': 'name' });
    expect(packed.keys).toContain('fields.domain');
    const renamed = companies.map((c, i) => (i === 1 ? { ...c, current: { ...c.current, name: 'Acme SAS' } } : c));
    expect(packCompanies(renamed).same).not.toHaveProperty(['fields.name']);
    expect(unpackCompanies(packCompanies(renamed))[1].fields.name).toBe('Acme');
  });

  it('an empty batch packs and unpacks', () => {
    expect(unpackContacts(packContacts([]))).toEqual([]);
    expect(unpackCompanies(packCompanies([]))).toEqual([]);
  });
});
