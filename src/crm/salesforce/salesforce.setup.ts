import type { SetupReport } from '../adapter';
import { CrmError } from '../crm.error';
import { propertyDefinitions, type PropertyDefinition } from '../properties';
import type { SalesforceClient } from './salesforce.client';

export const PERMISSION_SET = { Name: 'ICP_Sync', Label: 'ICP Sync' };

const SOBJECT = { companies: 'Account', contacts: 'Contact' } as const;

export const LIST_VIEWS = [
  { listViewApiName: 'ICP_Tier_1', label: 'ICP: Tier 1', displayColumns: ['Name', 'ICP_Fit_Score__c', 'ICP_Tier__c', 'ICP_TAL__c'], filteredByInfo: [{ fieldApiName: 'ICP_Tier__c', operandLabels: ['tier_1'], operator: 'Equals' }], visibility: 'Public' },
  { listViewApiName: 'ICP_Target_Accounts', label: 'ICP: Target accounts', displayColumns: ['Name', 'ICP_Fit_Score__c', 'ICP_Tier__c', 'ICP_TAL__c'], filteredByInfo: [{ fieldApiName: 'ICP_TAL__c', operandLabels: ['true'], operator: 'Equals' }], visibility: 'Public' },
];

interface Metadata {
  type: string;
  label: string;
  description?: string;
  inlineHelpText?: string;
  [key: string]: unknown;
}
type PicklistValue = { fullName: string; label: string; default: boolean };

/** The Tooling API CustomField Metadata for one of our properties (DESIGN.md types). */
export function fieldMetadata(d: PropertyDefinition): Metadata {
  const base = { label: d.label, description: d.description, inlineHelpText: d.description };
  switch (d.type) {
    case 'number':
      return { ...base, type: 'Number', precision: 3, scale: 0 };
    case 'bool':
      return { ...base, type: 'Checkbox', defaultValue: 'false' };
    case 'datetime':
      return { ...base, type: 'DateTime' };
    case 'text':
      return { ...base, type: 'Text', length: d.maxLength ?? 255 };
    case 'textarea':
      return { ...base, type: 'LongTextArea', length: Math.max(256, d.maxLength ?? 1024), visibleLines: 3 };
    case 'enumeration':
      return { ...base, type: 'Picklist', valueSet: { restricted: true, valueSetDefinition: { sorted: false, value: picklist(d.options ?? []) } } };
  }
}

const picklist = (options: Array<{ value: string; label: string }>): PicklistValue[] => options.map((o) => ({ fullName: o.value, label: o.label, default: false }));

const developerName = (field: string) => field.replace(/__c$/, '');
const json = (method: 'POST' | 'PATCH', url: string, body: unknown) => ({ method, url, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const soql = (query: string, tooling = false) => `${tooling ? '/tooling' : ''}/query?q=${encodeURIComponent(query)}`;

interface Rows<T> {
  records: T[];
}

async function ensureFields(client: SalesforceClient, definitions: PropertyDefinition[], report: SetupReport): Promise<void> {
  const existing = await client.json<Rows<{ Id: string; DeveloperName: string; TableEnumOrId: string }>>(
    soql("SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId IN ('Account', 'Contact')", true),
    'reading the custom fields of Account and Contact',
  );
  const byName = new Map(existing.records.map((r) => [`${r.TableEnumOrId}.${r.DeveloperName}`, r.Id]));
  for (const d of definitions) {
    const object = SOBJECT[d.object];
    const fullName = `${object}.${d.salesforce}`;
    const id = byName.get(`${object}.${developerName(d.salesforce)}`);
    const wanted = fieldMetadata(d);
    if (!id) {
      await client.json(json('POST', '/tooling/sobjects/CustomField', { FullName: fullName, Metadata: wanted }), `creating the custom field ${fullName}`);
      report.created.push(fullName);
      continue;
    }
    if (wanted.type !== 'Picklist') continue;
    // Metadata is only readable one field at a time.
    const [row] = (await client.json<Rows<{ Metadata: Metadata }>>(soql(`SELECT Id, Metadata FROM CustomField WHERE Id = '${id}'`, true), `reading ${fullName}`)).records;
    if (row.Metadata.type !== 'Picklist') {
      throw new CrmError('VALIDATION', `${fullName} exists as ${row.Metadata.type}, icp-sync needs a Picklist: rename or delete it in Setup > Object Manager, then run setup again.`);
    }
    const have = (row.Metadata.valueSet as { valueSetDefinition?: { value?: PicklistValue[] } } | undefined)?.valueSetDefinition?.value ?? [];
    const wantedValues = (wanted.valueSet as { valueSetDefinition: { value: PicklistValue[] } }).valueSetDefinition.value;
    const haveNames = new Set(have.map((v) => v.fullName));
    const missing = wantedValues.filter((v) => !haveNames.has(v.fullName));
    if (!missing.length) continue;
    // Add, never remove: old values may still be on records.
    const metadata = { ...row.Metadata, valueSet: { ...(row.Metadata.valueSet as object), valueSetDefinition: { sorted: false, value: [...have, ...missing] } } };
    await client.json(json('PATCH', `/tooling/sobjects/CustomField/${id}`, { Metadata: metadata }), `adding picklist values to ${fullName}`);
    report.updated.push(fullName);
  }
}

/** Permission set ICP_Sync: read + edit on every field, assigned to the integration user. */
async function ensurePermissions(client: SalesforceClient, definitions: PropertyDefinition[], report: SetupReport): Promise<void> {
  const sets = await client.json<Rows<{ Id: string }>>(soql(`SELECT Id FROM PermissionSet WHERE Name = '${PERMISSION_SET.Name}'`), 'reading the ICP_Sync permission set');
  let setId = sets.records[0]?.Id;
  if (!setId) {
    setId = (await client.json<{ id: string }>(json('POST', '/sobjects/PermissionSet', { ...PERMISSION_SET, Description: 'Read and edit the ICP fields written by icp-sync.' }), 'creating the ICP_Sync permission set')).id;
    report.created.push(`PermissionSet ${PERMISSION_SET.Name}`);
  }
  const granted = await client.json<Rows<{ Id: string; Field: string; PermissionsRead: boolean; PermissionsEdit: boolean }>>(
    soql(`SELECT Id, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = '${setId}'`),
    'reading the field permissions of ICP_Sync',
  );
  const byField = new Map(granted.records.map((r) => [r.Field, r]));
  for (const d of definitions) {
    const object = SOBJECT[d.object];
    const field = `${object}.${d.salesforce}`;
    const current = byField.get(field);
    if (!current) {
      await client.json(json('POST', '/sobjects/FieldPermissions', { ParentId: setId, SobjectType: object, Field: field, PermissionsRead: true, PermissionsEdit: true }), `granting ${field} to ICP_Sync`);
      report.created.push(`FieldPermissions ${field}`);
    } else if (!current.PermissionsRead || !current.PermissionsEdit) {
      await client.json(json('PATCH', `/sobjects/FieldPermissions/${current.Id}`, { PermissionsRead: true, PermissionsEdit: true }), `granting edit on ${field} to ICP_Sync`);
      report.updated.push(`FieldPermissions ${field}`);
    }
  }
  const { user_id: userId } = await client.json<{ user_id: string }>('/services/oauth2/userinfo', 'reading the integration user');
  if (!/^005\w{12}(\w{3})?$/.test(userId ?? '')) throw new CrmError('VALIDATION', `Salesforce userinfo gave no user id (${String(userId)})`);
  const assigned = await client.json<Rows<{ Id: string }>>(
    soql(`SELECT Id FROM PermissionSetAssignment WHERE PermissionSetId = '${setId}' AND AssigneeId = '${userId}'`),
    'reading the ICP_Sync assignment',
  );
  if (!assigned.records.length) {
    await client.json(json('POST', '/sobjects/PermissionSetAssignment', { PermissionSetId: setId, AssigneeId: userId }), 'assigning ICP_Sync to the integration user');
    report.created.push(`PermissionSetAssignment ${PERMISSION_SET.Name} -> ${userId}`);
  }
}

async function ensureListViews(client: SalesforceClient, report: SetupReport): Promise<void> {
  for (const view of LIST_VIEWS) {
    const found = await client.json(`/ui-api/list-info/Account/${view.listViewApiName}`, `looking up the list view "${view.label}"`).then(
      () => true,
      (err: CrmError) => {
        if (err.code === 'NOT_FOUND') return false;
        throw err;
      },
    );
    if (found) continue;
    await client.json(json('POST', '/ui-api/list-info/Account', view), `creating the list view "${view.label}"`);
    report.lists.push(view.label);
  }
}

/**
 * Idempotent: reads first and writes only what is missing, so a second run makes no write call.
 * Custom fields through the Tooling API, then the permission set that makes them visible to the
 * integration user (until it is assigned, the API answers INVALID_FIELD), then the list views.
 */
export async function setupSalesforce(client: SalesforceClient, personas: Array<{ id: string; label: string }>, lists: boolean): Promise<SetupReport> {
  const report: SetupReport = { created: [], updated: [], lists: [] };
  const definitions = propertyDefinitions(personas);
  await ensureFields(client, definitions, report);
  await ensurePermissions(client, definitions, report);
  if (lists) await ensureListViews(client, report);
  return report;
}
