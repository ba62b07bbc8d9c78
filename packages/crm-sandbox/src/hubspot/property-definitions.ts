import { HUBSPOT_INDUSTRIES } from '../seed';
import { TECHNOLOGIES } from '../seed/vocabulary';
import type { ObjectType } from './object-types';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

/** The SDK's `Property` model. */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  fieldType: string;
  description: string;
  groupName: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  hubspotDefined?: boolean;
  formField: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

const PORTAL_CREATED = '2019-06-04T08:00:00.000Z';

function options(pairs: readonly (readonly [string, string])[]): PropertyOption[] {
  return pairs.map(([value, label], i) => ({ label, value, displayOrder: i, hidden: false }));
}

function titleCase(value: string): string {
  return value.toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

type Spec = [name: string, label: string, type: PropertyDefinition['type'], fieldType: string, extra?: Partial<PropertyDefinition>];

function define(groupName: string, specs: Spec[]): PropertyDefinition[] {
  return specs.map(([name, label, type, fieldType, extra]) => ({
    name, label, type, fieldType, description: '', groupName, options: [], displayOrder: -1,
    calculated: false, externalOptions: false, hasUniqueValue: false, hidden: false, hubspotDefined: true,
    formField: false, modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: false },
    createdAt: PORTAL_CREATED, updatedAt: PORTAL_CREATED, archived: false, ...extra,
  }));
}

const READ_ONLY = { modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: true } };
const BOOL_OPTIONS = options([['true', 'Yes'], ['false', 'No']]);
const BUYING_ROLES = ['BLOCKER', 'BUDGET_HOLDER', 'CHAMPION', 'DECISION_MAKER', 'END_USER', 'EXECUTIVE_SPONSOR', 'INFLUENCER', 'LEGAL_AND_COMPLIANCE', 'OTHER'];

/** HubSpot's default properties that icp-sync reads or mirrors, with their real types. */
export function defaultProperties(type: ObjectType): PropertyDefinition[] {
  if (type === 'companies') {
    return define('companyinformation', [
      ['name', 'Company name', 'string', 'text'],
      ['domain', 'Company Domain Name', 'string', 'text'],
      ['industry', 'Industry', 'enumeration', 'select', { options: options(HUBSPOT_INDUSTRIES.map((v) => [v, titleCase(v)])) }],
      ['annualrevenue', 'Annual Revenue', 'number', 'number'],
      ['numberofemployees', 'Number of Employees', 'number', 'number'],
      ['country', 'Country/Region', 'string', 'text'],
      ['city', 'City', 'string', 'text'],
      ['description', 'Description', 'string', 'textarea'],
      ['web_technologies', 'Web Technologies', 'enumeration', 'checkbox', { options: options(TECHNOLOGIES.map(([t]) => [t, t])) }],
      ['hs_ideal_customer_profile', 'Ideal Customer Profile Tier', 'enumeration', 'radio', { options: options([['tier_1', 'Tier 1'], ['tier_2', 'Tier 2'], ['tier_3', 'Tier 3']]) }],
      ['hs_is_target_account', 'Target Account', 'bool', 'booleancheckbox', { options: BOOL_OPTIONS }],
      ['createdate', 'Create Date', 'datetime', 'date'],
      ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', READ_ONLY],
      ['hs_object_id', 'Record ID', 'number', 'number', READ_ONLY],
    ]);
  }
  return define('contactinformation', [
    ['firstname', 'First Name', 'string', 'text'],
    ['lastname', 'Last Name', 'string', 'text'],
    ['email', 'Email', 'string', 'text', { hasUniqueValue: false }],
    ['jobtitle', 'Job Title', 'string', 'text'],
    ['hs_buying_role', 'Buying Role', 'enumeration', 'checkbox', { options: options(BUYING_ROLES.map((v) => [v, titleCase(v)])) }],
    ['associatedcompanyid', 'Primary Associated Company ID', 'number', 'number', READ_ONLY],
    ['createdate', 'Create Date', 'datetime', 'date'],
    ['lastmodifieddate', 'Last Modified Date', 'datetime', 'date', READ_ONLY],
    ['hs_object_id', 'Record ID', 'number', 'number', READ_ONLY],
  ]);
}

export function defaultGroups(type: ObjectType): PropertyGroup[] {
  const [name, label] = type === 'companies' ? ['companyinformation', 'Company information'] : ['contactinformation', 'Contact information'];
  return [{ name, label, displayOrder: -1, archived: false }];
}
