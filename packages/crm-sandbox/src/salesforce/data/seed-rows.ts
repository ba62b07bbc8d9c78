import type { SeedCompany, SeedContact, SeedDeal } from '../../seed';
import { recordId } from '../ids';
import type { Row } from '../schema/field';
import { toSalesforceIndustry } from '../schema/industry';

export const ACCOUNT_PREFIX = '001';
export const CONTACT_PREFIX = '003';
export const OPPORTUNITY_PREFIX = '006';
/** Salesforce requires Account.Name and Contact.LastName; imports fill a blank with this. */
const NOT_PROVIDED = '[not provided]';

const seconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

/**
 * A numeric field holds numbers only: a value typed as text in the source CRM survives an import
 * when it is plain digits ("1 500 000"), and is blank otherwise ("2,5M", "50-100").
 */
function numeric(value: number | string | null): number | null {
  if (typeof value === 'number' || value === null) return value;
  const digits = value.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

export function accountRow(company: SeedCompany, ownerId: string): Row {
  return {
    Id: recordId(ACCOUNT_PREFIX, company.index),
    IsDeleted: false,
    Name: company.name ?? NOT_PROVIDED,
    Website: company.domain,
    Industry: company.industry && toSalesforceIndustry(company.industry),
    AnnualRevenue: numeric(company.annualRevenue),
    NumberOfEmployees: numeric(company.employees),
    BillingCountry: company.country,
    Description: null,
    OwnerId: ownerId,
    CreatedDate: seconds(company.createdAt),
    LastModifiedDate: seconds(company.updatedAt),
    SystemModstamp: seconds(company.updatedAt),
    Technologies__c: company.technologies?.length ? company.technologies.join(';') : null,
  };
}

export function contactRow(contact: SeedContact, ownerId: string): Row {
  const lastName = contact.lastname ?? NOT_PROVIDED;
  return {
    Id: recordId(CONTACT_PREFIX, contact.index),
    IsDeleted: false,
    AccountId: contact.companyIndex === null ? null : recordId(ACCOUNT_PREFIX, contact.companyIndex),
    FirstName: contact.firstname,
    LastName: lastName,
    Name: contact.firstname ? `${contact.firstname} ${lastName}` : lastName,
    Email: contact.email,
    Title: contact.jobtitle || null,
    Department: null,
    OwnerId: ownerId,
    CreatedDate: seconds(contact.createdAt),
    LastModifiedDate: seconds(contact.updatedAt),
    SystemModstamp: seconds(contact.updatedAt),
  };
}

/** A seeded deal as an Opportunity: CloseDate a date, IsClosed / IsWon from its stage. */
export function opportunityRow(deal: SeedDeal, ownerId: string): Row {
  const stage = deal.closed ? (deal.won ? 'Closed Won' : 'Closed Lost') : ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review'][deal.index % 4];
  const modified = seconds(Math.max(deal.createdAt, Math.min(deal.closeAt, Date.now())));
  return {
    Id: recordId(OPPORTUNITY_PREFIX, deal.index),
    IsDeleted: false,
    AccountId: deal.companyIndex === null ? null : recordId(ACCOUNT_PREFIX, deal.companyIndex),
    Name: deal.name,
    StageName: stage,
    Amount: deal.amount,
    CloseDate: new Date(deal.closeAt).toISOString().slice(0, 10),
    IsClosed: deal.closed,
    IsWon: deal.won,
    OwnerId: ownerId,
    CreatedDate: seconds(deal.createdAt),
    LastModifiedDate: modified,
    SystemModstamp: modified,
  };
}
