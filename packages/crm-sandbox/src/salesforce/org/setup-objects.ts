import { SalesforceError } from '../errors';
import type { FieldDef, Row } from '../schema/field';
import type { SetupSpec, SetupTable } from './setup-table';

type Spec = Omit<FieldDef, 'updateable' | 'nillable' | 'custom'> & Partial<FieldDef>;
const field = (spec: Spec): FieldDef => ({ updateable: true, nillable: true, custom: false, ...spec });
const readOnly = (spec: Spec): FieldDef => field({ updateable: false, createable: false, ...spec });

const AUDIT: FieldDef[] = [
  readOnly({ name: 'Id', label: 'ID', type: 'id', nillable: false }),
  readOnly({ name: 'CreatedDate', label: 'Created Date', type: 'datetime', nillable: false }),
  readOnly({ name: 'LastModifiedDate', label: 'Last Modified Date', type: 'datetime', nillable: false }),
  readOnly({ name: 'SystemModstamp', label: 'System Modstamp', type: 'datetime', nillable: false }),
];
const NAMESPACE = readOnly({ name: 'NamespacePrefix', label: 'Namespace Prefix', type: 'string', length: 15 });

/** The org state a setup object checks its records against. */
export interface SetupContext {
  permissionSets(): SetupTable;
  users(): SetupTable;
  /** `Account.ICP_Tier__c`-style names of the fields a permission set can grant. */
  permissionableFields(): Set<string>;
}

function required(row: Row, names: string[]): void {
  const missing = names.filter((name) => row[name] === null || row[name] === '');
  if (missing.length) throw new SalesforceError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
}

function reference(row: Row, name: string, table: SetupTable): void {
  if (!table.find(String(row[name]))) {
    throw new SalesforceError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [name]);
  }
}

const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;

export function setupSpecs(context: SetupContext): Record<string, SetupSpec> {
  return {
    User: {
      name: 'User',
      prefix: '005',
      fields: [
        ...AUDIT,
        field({ name: 'Username', label: 'Username', type: 'string', length: 80, nillable: false }),
        field({ name: 'Name', label: 'Full Name', type: 'string', length: 121, updateable: false }),
        field({ name: 'Email', label: 'Email', type: 'email', length: 128 }),
        field({ name: 'IsActive', label: 'Active', type: 'boolean', nillable: false, defaultValue: true }),
        field({ name: 'UserType', label: 'User Type', type: 'picklist', updateable: false, picklist: ['Standard'] }),
      ],
    },
    PermissionSet: {
      name: 'PermissionSet',
      prefix: '0PS',
      fields: [
        ...AUDIT,
        field({ name: 'Name', label: 'Name', type: 'string', length: 80, nillable: false }),
        field({ name: 'Label', label: 'Label', type: 'string', length: 80, nillable: false }),
        field({ name: 'Description', label: 'Description', type: 'string', length: 255 }),
        readOnly({ name: 'IsOwnedByProfile', label: 'Is Owned By Profile', type: 'boolean', nillable: false, defaultValue: false }),
        NAMESPACE,
      ],
      check(row, table) {
        required(row, ['Label', 'Name']);
        if (!API_NAME.test(String(row.Name)) || String(row.Name).endsWith('_')) {
          throw new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', `API Name: The API name can only contain underscores and alphanumeric characters. It must begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.`, ['Name']);
        }
        try {
          table.unique(row, (r) => String(r.Name));
        } catch {
          throw new SalesforceError(400, 'DUPLICATE_DEVELOPER_NAME', `The API name you selected is already in use: ${row.Name}`, ['Name']);
        }
      },
    },
    FieldPermissions: {
      name: 'FieldPermissions',
      prefix: '01k',
      fields: [
        ...AUDIT,
        field({ name: 'ParentId', label: 'Parent ID', type: 'reference', referenceTo: ['PermissionSet'], nillable: false, updateable: false }),
        field({ name: 'SobjectType', label: 'Sobject Type Name', type: 'picklist', length: 40, nillable: false, updateable: false }),
        field({ name: 'Field', label: 'Field Name', type: 'picklist', length: 255, nillable: false, updateable: false }),
        field({ name: 'PermissionsRead', label: 'Read Access', type: 'boolean', nillable: false, defaultValue: false }),
        field({ name: 'PermissionsEdit', label: 'Edit Access', type: 'boolean', nillable: false, defaultValue: false }),
      ],
      check(row, table) {
        required(row, ['ParentId', 'SobjectType', 'Field']);
        reference(row, 'ParentId', context.permissionSets());
        const name = String(row.Field);
        if (!context.permissionableFields().has(name) || !name.startsWith(`${row.SobjectType}.`)) {
          throw new SalesforceError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Field Name: bad value for restricted picklist field: ${name}`, ['Field']);
        }
        if (row.PermissionsEdit && !row.PermissionsRead) {
          throw new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', 'Permission Edit depends on permission(s): Read', []);
        }
        table.unique(row, (r) => `${r.ParentId}/${r.Field}`);
      },
    },
    PermissionSetAssignment: {
      name: 'PermissionSetAssignment',
      prefix: '0Pa',
      fields: [
        ...AUDIT,
        field({ name: 'PermissionSetId', label: 'Permission Set ID', type: 'reference', referenceTo: ['PermissionSet'], nillable: false, updateable: false }),
        field({ name: 'AssigneeId', label: 'Assignee ID', type: 'reference', referenceTo: ['User'], nillable: false, updateable: false }),
      ],
      check(row, table) {
        required(row, ['PermissionSetId', 'AssigneeId']);
        reference(row, 'PermissionSetId', context.permissionSets());
        reference(row, 'AssigneeId', context.users());
        table.unique(row, (r) => `${r.PermissionSetId}/${r.AssigneeId}`);
      },
    },
    ListView: {
      name: 'ListView',
      prefix: '00B',
      fields: [
        ...AUDIT,
        readOnly({ name: 'Name', label: 'View Name', type: 'string', length: 40, nillable: false }),
        readOnly({ name: 'DeveloperName', label: 'View Unique Name', type: 'string', length: 80, nillable: false }),
        readOnly({ name: 'SobjectType', label: 'Sobject Type Name', type: 'picklist', length: 40 }),
        NAMESPACE,
      ],
      check(row, table) {
        table.unique(row, (r) => `${r.SobjectType}/${r.DeveloperName}`);
      },
    },
    CustomField: {
      name: 'CustomField',
      prefix: '00N',
      fields: [
        ...AUDIT,
        readOnly({ name: 'DeveloperName', label: 'Field Name', type: 'string', length: 40, nillable: false }),
        readOnly({ name: 'TableEnumOrId', label: 'Table Enum or ID', type: 'string', length: 40, nillable: false }),
        readOnly({ name: 'FullName', label: 'Full Name', type: 'string', length: 255 }),
        field({ name: 'Metadata', label: 'Metadata', type: 'textarea', json: true }),
        readOnly({ name: 'Description', label: 'Description', type: 'string', length: 255 }),
        readOnly({ name: 'ManageableState', label: 'Manageable State', type: 'picklist', length: 40, defaultValue: 'unmanaged' }),
        NAMESPACE,
      ],
      check(row, table) {
        try {
          table.unique(row, (r) => `${r.TableEnumOrId}.${r.DeveloperName}`);
        } catch {
          throw new SalesforceError(400, 'DUPLICATE_DEVELOPER_NAME', `There is already a field named ${row.DeveloperName} on ${row.TableEnumOrId}.`, []);
        }
      },
    },
  };
}
