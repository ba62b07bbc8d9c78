import type { Dataset } from '../../seed';
import { SalesforceError } from '../errors';
import { recordId, recordIndex, toId18 } from '../ids';
import { ACCOUNT_PREFIX, CONTACT_PREFIX, accountRow, contactRow, opportunityRow } from '../data/seed-rows';
import { RecordStore } from '../data/record-store';
import type { FieldDef, Row } from '../schema/field';
import { OPPORTUNITY_FIELDS, STANDARD_FIELDS } from '../schema/standard';
import type { Table } from '../schema/table';
import { fieldFromMetadata, type CustomFieldMetadata } from './custom-field-metadata';
import { setupSpecs } from './setup-objects';
import { SetupTable } from './setup-table';

export type DataObject = 'Account' | 'Contact';
const DATA_OBJECTS: readonly DataObject[] = ['Account', 'Contact'];
const PREFIXES: Record<DataObject, string> = { Account: ACCOUNT_PREFIX, Contact: CONTACT_PREFIX };
const CUSTOM_NAME = /^([A-Za-z](?:[A-Za-z0-9]|_(?!_)){0,39})__c$/;

/** One Salesforce org: seeded Account/Contact data, custom fields, permission sets and their grants. */
export class Org {
  readonly orgId = recordId('00D', 0);
  readonly userId = recordId('005', 0);
  readonly username = 'integration@icp-sync.sandbox';
  readonly records: Record<DataObject, RecordStore>;
  private readonly setup: Record<string, SetupTable>;
  private readonly customFields = new Map<string, FieldDef>();
  private readonly locks = new Map<string, number>();
  /** UI API list info of each list view created through `ui-api/list-info`, by list view id. */
  readonly listInfos = new Map<string, Record<string, unknown>>();
  private readonly dataTables: Record<DataObject, Table>;
  /** Seeded Opportunities: queryable, never written by icp-sync. */
  private readonly opportunities: Table;
  private schemaVersion = 0;
  private cache: { version: number; fields: Map<DataObject, Map<string, FieldDef>>; defaults: Map<DataObject, Row> } | undefined;

  constructor(dataset: Dataset) {
    const ownerId = this.userId;
    this.records = {
      Account: new RecordStore(dataset.companies, (i) => accountRow(dataset.company(i), ownerId)),
      Contact: new RecordStore(dataset.contacts, (i) => contactRow(dataset.contact(i), ownerId)),
    };
    const specs = setupSpecs({
      permissionSets: () => this.setup.PermissionSet,
      users: () => this.setup.User,
      permissionableFields: () => new Set(this.customFields.keys()),
    });
    this.setup = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, new SetupTable(spec)]));
    const created = this.now();
    this.setup.User.insert({ Username: this.username, Name: 'Integration User', Email: 'integration@icp-sync.sandbox', UserType: 'Standard' }, created);
    const profile = this.setup.PermissionSet.insert({ Name: 'X00e8d0000000001_128_09_04_12_1', Label: 'Integration Profile' }, created);
    profile.IsOwnedByProfile = true;
    this.dataTables = Object.fromEntries(DATA_OBJECTS.map((name) => [name, this.dataTable(name)])) as Record<DataObject, Table>;
    const opportunityFields = new Map(OPPORTUNITY_FIELDS.map((f) => [f.name.toLowerCase(), f]));
    this.opportunities = {
      name: 'Opportunity',
      fields: () => opportunityFields,
      size: () => dataset.deals,
      row: (index) => opportunityRow(dataset.deal(index), ownerId),
    };
  }

  /** The current time at the one-second precision Salesforce stores. */
  now(): number {
    return Math.floor(Date.now() / 1000) * 1000;
  }

  private dataTable(name: DataObject): Table {
    const store = this.records[name];
    return {
      name,
      fields: () => this.fieldsOf(name),
      size: () => store.count,
      row: (index) => store.row(index, this.schema().defaults.get(name)),
    };
  }

  /** Resolves a REST-queryable sObject name, case-insensitively. */
  table(name: string): Table | undefined {
    const key = Object.keys(this.dataTables).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key) return this.dataTables[key as DataObject];
    if (name.toLowerCase() === 'opportunity') return this.opportunities;
    const setup = this.setupTable(name);
    return setup && setup.name !== 'CustomField' ? setup : undefined;
  }

  setupTable(name: string): SetupTable | undefined {
    return Object.values(this.setup).find((table) => table.name.toLowerCase() === name.toLowerCase());
  }

  dataObject(name: string): DataObject | undefined {
    return DATA_OBJECTS.find((object) => object.toLowerCase() === name.toLowerCase());
  }

  /** The index of an existing record of `object`, or undefined. */
  recordIndex(object: DataObject, id: string): number | undefined {
    const index = recordIndex(PREFIXES[object], id);
    return index !== undefined && index < this.records[object].count ? index : undefined;
  }

  /** Fields of a data object the integration user can see, with `updateable` reflecting field-level security. */
  fieldsOf(object: DataObject): Map<string, FieldDef> {
    return this.schema().fields.get(object)!;
  }

  private schema(): NonNullable<Org['cache']> {
    if (this.cache?.version === this.schemaVersion) return this.cache;
    const grants = this.grants();
    const fields = new Map<DataObject, Map<string, FieldDef>>();
    const defaults = new Map<DataObject, Row>();
    for (const object of DATA_OBJECTS) {
      const visible = new Map(STANDARD_FIELDS[object].map((field) => [field.name.toLowerCase(), field]));
      const fill: Row = {};
      for (const [fullName, field] of this.customFields) {
        if (!fullName.startsWith(`${object}.`)) continue;
        fill[field.name] = field.defaultValue ?? null;
        const grant = grants.get(fullName);
        if (grant) visible.set(field.name.toLowerCase(), { ...field, updateable: grant.edit });
      }
      fields.set(object, visible);
      defaults.set(object, fill);
    }
    this.cache = { version: this.schemaVersion, fields, defaults };
    return this.cache;
  }

  /** Field grants of the permission sets assigned to the integration user, by `Object.Field`. */
  private grants(): Map<string, { edit: boolean }> {
    const assigned = new Set(
      this.setup.PermissionSetAssignment.all().filter((a) => a.AssigneeId === this.userId).map((a) => a.PermissionSetId),
    );
    const grants = new Map<string, { edit: boolean }>();
    for (const permission of this.setup.FieldPermissions.all()) {
      if (!assigned.has(permission.ParentId) || !permission.PermissionsRead) continue;
      const name = String(permission.Field);
      grants.set(name, { edit: Boolean(grants.get(name)?.edit || permission.PermissionsEdit) });
    }
    return grants;
  }

  /** Any change to setup records may change what the integration user sees. */
  changed(): void {
    this.schemaVersion += 1;
  }

  createCustomField(fullName: unknown, metadata: CustomFieldMetadata | undefined): Row {
    const [object, name, ...rest] = typeof fullName === 'string' ? fullName.split('.') : [];
    const dataObject = object === undefined ? undefined : this.dataObject(object);
    if (!dataObject || !name || rest.length) {
      throw new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', `FullName must be Object.Field__c on Account or Contact, got ${String(fullName)}`, ['FullName']);
    }
    const match = CUSTOM_NAME.exec(name);
    if (!match || match[1].endsWith('_')) {
      throw new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', `Field Name: The field name ${name} is not valid: it must end with __c, begin with a letter, contain only letters, digits and single underscores, and be at most 40 characters before __c.`, ['FullName']);
    }
    const key = `${dataObject}.${name}`;
    if (STANDARD_FIELDS[dataObject].some((f) => f.name.toLowerCase() === name.toLowerCase())) {
      throw new SalesforceError(400, 'DUPLICATE_DEVELOPER_NAME', `There is already a field named ${match[1]} on ${dataObject}.`, []);
    }
    const field = fieldFromMetadata(name, metadata ?? {});
    const row = this.setup.CustomField.insert(
      { DeveloperName: match[1], TableEnumOrId: dataObject, FullName: key, Metadata: JSON.stringify({ ...metadata, fullName: key }), Description: metadata?.description ?? null },
      this.now(),
    );
    this.customFields.set(key, field);
    this.changed();
    return row;
  }

  updateCustomField(row: Row, metadata: CustomFieldMetadata): void {
    const key = String(row.FullName);
    const current = this.customFields.get(key)!;
    const field = fieldFromMetadata(current.name, metadata);
    if (field.type !== current.type) {
      throw new SalesforceError(400, 'FIELD_INTEGRITY_EXCEPTION', `Cannot change the type of ${key} from ${current.type} to ${field.type} in this sandbox`, []);
    }
    this.setup.CustomField.update(row, { Metadata: JSON.stringify({ ...metadata, fullName: key }) }, this.now());
    this.customFields.set(key, field);
    this.changed();
  }

  /** Makes the next `attempts` writes to a record fail with UNABLE_TO_LOCK_ROW. */
  lock(id: string, attempts: number): void {
    this.locks.set(toId18(id) ?? id, attempts);
  }

  /** Consumes one locked attempt; true when the record is locked for this write. */
  takeLock(id: string): boolean {
    const left = this.locks.get(id) ?? 0;
    if (left <= 0) return false;
    this.locks.set(id, left - 1);
    return true;
  }
}
