import { REGIONAL_TECHNOLOGIES, TECHNOLOGIES } from '../../seed/vocabulary';
import type { FieldDef } from './field';
import { SALESFORCE_INDUSTRIES } from './industry';

type Spec = Omit<FieldDef, 'updateable' | 'nillable' | 'custom'> & Partial<FieldDef>;

const field = (spec: Spec): FieldDef => ({ updateable: true, nillable: true, custom: false, ...spec });
const system = (spec: Spec): FieldDef => field({ updateable: false, createable: false, ...spec });

const AUDIT_FIELDS: FieldDef[] = [
  system({ name: 'CreatedDate', label: 'Created Date', type: 'datetime', nillable: false }),
  system({ name: 'LastModifiedDate', label: 'Last Modified Date', type: 'datetime', nillable: false }),
  system({ name: 'SystemModstamp', label: 'System Modstamp', type: 'datetime', nillable: false }),
];

const identity = (objectLabel: string): FieldDef[] => [
  system({ name: 'Id', label: `${objectLabel} ID`, type: 'id', nillable: false }),
  system({ name: 'IsDeleted', label: 'Deleted', type: 'boolean', nillable: false, defaultValue: false }),
];

const owner = field({ name: 'OwnerId', label: 'Owner ID', type: 'reference', referenceTo: ['User'], nillable: false });

/** Technologies the org's pre-existing Technologies__c multi-select picklist offers. */
const TECHNOLOGY_VALUES = [
  ...new Set([...TECHNOLOGIES.map(([name]) => name), ...Object.values(REGIONAL_TECHNOLOGIES).flat()]),
].sort() as string[];

/** Account and Contact as a new org has them, plus the Technologies__c field this org already had. */
export const STANDARD_FIELDS: Record<'Account' | 'Contact', FieldDef[]> = {
  Account: [
    ...identity('Account'),
    field({ name: 'Name', label: 'Account Name', type: 'string', length: 255, nillable: false }),
    field({ name: 'Website', label: 'Website', type: 'url', length: 255 }),
    field({ name: 'Industry', label: 'Industry', type: 'picklist', length: 255, picklist: [...SALESFORCE_INDUSTRIES] }),
    field({ name: 'AnnualRevenue', label: 'Annual Revenue', type: 'currency', precision: 18, scale: 0 }),
    field({ name: 'NumberOfEmployees', label: 'Employees', type: 'int', precision: 8 }),
    field({ name: 'BillingCountry', label: 'Billing Country', type: 'string', length: 80 }),
    field({ name: 'Description', label: 'Account Description', type: 'textarea', length: 32000 }),
    owner,
    ...AUDIT_FIELDS,
    field({
      name: 'Technologies__c', label: 'Technologies', type: 'multipicklist', length: 4099, custom: true,
      picklist: TECHNOLOGY_VALUES, restricted: false,
    }),
  ],
  Contact: [
    ...identity('Contact'),
    field({ name: 'AccountId', label: 'Account ID', type: 'reference', referenceTo: ['Account'] }),
    field({ name: 'FirstName', label: 'First Name', type: 'string', length: 40 }),
    field({ name: 'LastName', label: 'Last Name', type: 'string', length: 80, nillable: false }),
    system({ name: 'Name', label: 'Full Name', type: 'string', length: 121, nillable: false }),
    field({ name: 'Email', label: 'Email', type: 'email', length: 80 }),
    field({ name: 'Title', label: 'Title', type: 'string', length: 128 }),
    field({ name: 'Department', label: 'Department', type: 'string', length: 80 }),
    owner,
    ...AUDIT_FIELDS,
  ],
};

/** Opportunity as a new org has it, the fields `validate` reads and a few more; read-only here. */
export const OPPORTUNITY_FIELDS: FieldDef[] = [
  ...identity('Opportunity'),
  field({ name: 'AccountId', label: 'Account ID', type: 'reference', referenceTo: ['Account'] }),
  field({ name: 'Name', label: 'Name', type: 'string', length: 120, nillable: false }),
  field({ name: 'StageName', label: 'Stage', type: 'picklist', length: 255, nillable: false, picklist: ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'] }),
  field({ name: 'Amount', label: 'Amount', type: 'currency', precision: 18, scale: 2 }),
  field({ name: 'CloseDate', label: 'Close Date', type: 'date', nillable: false }),
  system({ name: 'IsClosed', label: 'Closed', type: 'boolean', nillable: false, defaultValue: false }),
  system({ name: 'IsWon', label: 'Won', type: 'boolean', nillable: false, defaultValue: false }),
  owner,
  ...AUDIT_FIELDS,
];
