import { describeField, type FieldDef } from '../schema/field';

const LABELS: Record<string, [string, string]> = {
  Account: ['Account', 'Accounts'], Contact: ['Contact', 'Contacts'], User: ['User', 'Users'],
  PermissionSet: ['Permission Set', 'Permission Sets'], FieldPermissions: ['Field Permissions', 'Field Permissions'],
  PermissionSetAssignment: ['Permission Set Assignment', 'Permission Set Assignments'], ListView: ['List View', 'List Views'],
  CustomField: ['Custom Field', 'Custom Fields'],
};

/** The short sObject info of a global describe. */
export function describeSummary(name: string, keyPrefix: string, basePath: string, writable: boolean): Record<string, unknown> {
  const [label, labelPlural] = LABELS[name] ?? [name, name];
  const url = `${basePath}/sobjects/${name}`;
  return {
    activateable: false, createable: writable, custom: false, customSetting: false, deletable: writable,
    deprecatedAndHidden: false, feedEnabled: false, keyPrefix, label, labelPlural, layoutable: true, mergeable: false,
    mruEnabled: true, name, queryable: true, replicateable: true, retrieveable: true, searchable: true,
    triggerable: true, undeletable: false, updateable: writable,
    urls: { sobject: url, describe: `${url}/describe`, rowTemplate: `${url}/{ID}` },
  };
}

/** `sobjects/{type}/describe`: the summary plus fields, as the integration user sees them. */
export function describeSObject(name: string, keyPrefix: string, fields: Iterable<FieldDef>, basePath: string, writable: boolean): Record<string, unknown> {
  return {
    ...describeSummary(name, keyPrefix, basePath, writable),
    childRelationships: [],
    fields: [...fields].map((field) => describeField(field)),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }],
  };
}
