import jsforce, { type Connection } from 'jsforce';
import { startSalesforceSandbox, type RunningSalesforceSandbox } from '../src/salesforce/server';

type Rec = Record<string, unknown> & { Id: string };

let sandbox: RunningSalesforceSandbox;
let conn: Connection;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox({ companies: 50, contacts: 100 });
  conn = new jsforce.Connection({ instanceUrl: sandbox.url, accessToken: 'any-token', version: '62.0' });
});
afterAll(() => sandbox.close());
beforeEach(() => fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' }));

const errorOf = async (promise: PromiseLike<unknown>): Promise<{ errorCode: string; message: string }> => {
  try {
    await promise;
  } catch (error) {
    return error as { errorCode: string; message: string };
  }
  throw new Error('expected an error');
};

const tierMetadata = {
  type: 'Picklist',
  label: 'ICP Tier',
  valueSet: { restricted: true, valueSetDefinition: { sorted: false, value: ['tier_1', 'tier_2', 'tier_3', 'no_fit', 'insufficient_data'].map((v) => ({ fullName: v, label: v, default: false })) } },
};

async function createFields(): Promise<void> {
  await conn.tooling.sobject('CustomField').create({ FullName: 'Account.ICP_Tier__c', Metadata: tierMetadata });
  await conn.tooling.sobject('CustomField').create({ FullName: 'Account.ICP_Fit_Score__c', Metadata: { type: 'Number', label: 'ICP Fit Score', precision: 3, scale: 0 } });
  await conn.tooling.sobject('CustomField').create({ FullName: 'Account.ICP_TAL__c', Metadata: { type: 'Checkbox', label: 'ICP TAL', defaultValue: 'false' } });
}

async function grant(fields: string[], edit = true): Promise<void> {
  const userId = (await conn.identity()).user_id;
  const set = await conn.sobject('PermissionSet').create({ Name: 'ICP_Sync', Label: 'ICP Sync' });
  for (const field of fields) {
    await conn.sobject('FieldPermissions').create({ ParentId: set.id, SobjectType: field.split('.')[0], Field: field, PermissionsRead: true, PermissionsEdit: edit });
  }
  await conn.sobject('PermissionSetAssignment').create({ PermissionSetId: set.id, AssigneeId: userId });
}

describe('custom fields through the Tooling API', () => {
  test('create, re-create (DUPLICATE_DEVELOPER_NAME) and find them by Tooling SOQL', async () => {
    const created = await conn.tooling.sobject('CustomField').create({ FullName: 'Account.ICP_Tier__c', Metadata: tierMetadata });
    expect(created).toMatchObject({ id: expect.stringMatching(/^00N\w{15}$/), success: true, errors: [] });
    expect(await errorOf(conn.tooling.sobject('CustomField').create({ FullName: 'Account.ICP_Tier__c', Metadata: tierMetadata }))).toMatchObject({ errorCode: 'DUPLICATE_DEVELOPER_NAME' });
    expect(await errorOf(conn.tooling.sobject('CustomField').create({ FullName: 'Account.ICP_Bad__c', Metadata: { type: 'Text', label: 'Bad', length: 9000 } }))).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
    const found = await conn.tooling.query<Rec>("SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId = 'Account' AND DeveloperName = 'ICP_Tier'");
    expect(found.records).toEqual([{ attributes: { type: 'CustomField', url: `/services/data/v62.0/tooling/sobjects/CustomField/${created.id}` }, Id: created.id, DeveloperName: 'ICP_Tier', TableEnumOrId: 'Account' }]);
    const one = await conn.tooling.query<Rec>(`SELECT Id, FullName, Metadata FROM CustomField WHERE Id = '${created.id}'`);
    expect(one.records[0]).toMatchObject({ FullName: 'Account.ICP_Tier__c', Metadata: { type: 'Picklist', label: 'ICP Tier' } });
  });

  test('Metadata and FullName need a single-row Tooling query', async () => {
    await createFields();
    expect(await errorOf(conn.tooling.query("SELECT Id, FullName FROM CustomField WHERE TableEnumOrId = 'Account'"))).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });

  test('picklist values are updated through PATCH of the Metadata', async () => {
    const { id } = await conn.tooling.sobject('CustomField').create({ FullName: 'Account.ICP_Tier__c', Metadata: tierMetadata });
    const metadata = { ...tierMetadata, valueSet: { restricted: true, valueSetDefinition: { value: [{ fullName: 'gold' }] } } };
    await conn.tooling.sobject('CustomField').update({ Id: id!, Metadata: metadata });
    await grant(['Account.ICP_Tier__c']);
    const field = (await conn.describe('Account')).fields.find((f) => f.name === 'ICP_Tier__c')!;
    expect(field.picklistValues!.map((v) => v.value)).toEqual(['gold']);
  });
});

describe('field-level security', () => {
  test('a new field is invisible to query, describe and update until a permission set grants it', async () => {
    await createFields();
    const [account] = (await conn.query<Rec>('SELECT Id FROM Account LIMIT 1')).records;
    expect(await errorOf(conn.query('SELECT Id, ICP_Tier__c FROM Account'))).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect((await conn.describe('Account')).fields.some((f) => f.name === 'ICP_Tier__c')).toBe(false);
    expect(await errorOf(conn.sobject('Account').update([{ Id: account.Id, ICP_Tier__c: 'tier_1' }]))).toMatchObject({ errorCode: 'INVALID_FIELD' });

    await grant(['Account.ICP_Tier__c', 'Account.ICP_Fit_Score__c', 'Account.ICP_TAL__c']);
    const describe = new Map((await conn.describe('Account')).fields.map((f) => [f.name, f]));
    expect(describe.get('ICP_Tier__c')).toMatchObject({ type: 'picklist', custom: true, updateable: true, restrictedPicklist: true });
    expect(describe.get('ICP_Fit_Score__c')).toMatchObject({ type: 'double', precision: 3, scale: 0 });
    expect(describe.get('ICP_TAL__c')).toMatchObject({ type: 'boolean', nillable: false });

    const before = await conn.query<Rec>(`SELECT ICP_Tier__c, ICP_TAL__c, ICP_Fit_Score__c FROM Account WHERE Id = '${account.Id}'`);
    expect(before.records[0]).toMatchObject({ ICP_Tier__c: null, ICP_TAL__c: false, ICP_Fit_Score__c: null });
    const results = await conn.sobject('Account').update([
      { Id: account.Id, ICP_Tier__c: 'tier_1', ICP_Fit_Score__c: 87, ICP_TAL__c: true },
      { Id: account.Id.replace(/0AAA$/, '1AAA'), ICP_Tier__c: 'platinum' },
    ]);
    expect(results[0]).toEqual({ id: account.Id, success: true, errors: [] });
    expect(results[1]).toEqual({ success: false, errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'ICP Tier: bad value for restricted picklist field: platinum', fields: ['ICP_Tier__c'] }] });
    const tiered = await conn.query<Rec>("SELECT Id, ICP_Fit_Score__c FROM Account WHERE ICP_Tier__c = 'tier_1' AND ICP_TAL__c = true");
    expect(tiered.records).toEqual([expect.objectContaining({ Id: account.Id, ICP_Fit_Score__c: 87 })]);
  });

  test('read-only access shows the field but refuses writes', async () => {
    await createFields();
    await grant(['Account.ICP_Tier__c'], false);
    const [account] = (await conn.query<Rec>('SELECT Id, ICP_Tier__c FROM Account LIMIT 1')).records;
    const [result] = await conn.sobject('Account').update([{ Id: account.Id, ICP_Tier__c: 'tier_1' }]);
    expect(result).toMatchObject({ success: false, errors: [{ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['ICP_Tier__c'] }] });
  });

  test('setup records are queryable for idempotent setup, with duplicates refused', async () => {
    await createFields();
    await grant(['Account.ICP_Tier__c']);
    const [set] = (await conn.query<Rec>("SELECT Id, Name, Label FROM PermissionSet WHERE Name = 'ICP_Sync'")).records;
    expect(set).toMatchObject({ Name: 'ICP_Sync', Label: 'ICP Sync' });
    const permissions = await conn.query<Rec>(`SELECT Id, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = '${set.Id}'`);
    expect(permissions.records).toEqual([expect.objectContaining({ Field: 'Account.ICP_Tier__c', PermissionsRead: true, PermissionsEdit: true })]);
    const assignments = await conn.query<Rec>(`SELECT Id, AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId = '${set.Id}'`);
    expect(assignments.records).toHaveLength(1);
    const userId = (await conn.identity()).user_id;
    expect(await errorOf(conn.sobject('PermissionSet').create({ Name: 'ICP_Sync', Label: 'Again' }))).toMatchObject({ errorCode: 'DUPLICATE_DEVELOPER_NAME' });
    expect(await errorOf(conn.sobject('PermissionSetAssignment').create({ PermissionSetId: set.Id, AssigneeId: userId }))).toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
    expect(await errorOf(conn.sobject('FieldPermissions').create({ ParentId: set.Id, SobjectType: 'Account', Field: 'Account.Nope__c', PermissionsRead: true }))).toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    expect(await errorOf(conn.sobject('FieldPermissions').create({ ParentId: set.Id, SobjectType: 'Account', Field: 'Account.ICP_TAL__c', PermissionsEdit: true }))).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
  });
});

describe('identity and list views', () => {
  test('identity() gives the integration user', async () => {
    const identity = await conn.identity();
    expect(identity).toMatchObject({ user_id: expect.stringMatching(/^005\w{15}$/), organization_id: expect.stringMatching(/^00D\w{15}$/), username: 'integration@icp-sync.sandbox' });
    const userinfo = await conn.requestGet<Record<string, unknown>>('/services/oauth2/userinfo');
    expect(userinfo.user_id).toBe(identity.user_id);
  });

  test('UI API list-info creates Account list views on visible fields', async () => {
    const body = {
      listViewApiName: 'ICP_Tier_1', label: 'ICP: Tier 1', displayColumns: ['Name', 'ICP_Tier__c'],
      filteredByInfo: [{ fieldApiName: 'ICP_Tier__c', operandLabels: ['tier_1'], operator: 'Equals' }], visibility: 'Public',
    };
    await createFields();
    expect(await errorOf(conn.requestPost('/services/data/v62.0/ui-api/list-info/Account', body))).toMatchObject({ errorCode: 'INVALID_FIELD' });
    await grant(['Account.ICP_Tier__c']);
    const created = await conn.requestPost<Record<string, unknown>>('/services/data/v62.0/ui-api/list-info/Account', body);
    expect(created).toMatchObject({ label: 'ICP: Tier 1', listReference: { listViewApiName: 'ICP_Tier_1', objectApiName: 'Account', type: 'listView' } });
    expect(await conn.requestGet('/services/data/v62.0/ui-api/list-info/Account/ICP_Tier_1')).toEqual(created);
    const views = await conn.query<Rec>("SELECT Id, Name, DeveloperName FROM ListView WHERE SobjectType = 'Account'");
    expect(views.records).toEqual([expect.objectContaining({ Name: 'ICP: Tier 1', DeveloperName: 'ICP_Tier_1' })]);
    expect(await errorOf(conn.requestPost('/services/data/v62.0/ui-api/list-info/Account', body))).toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
    expect(await errorOf(conn.requestGet('/services/data/v62.0/ui-api/list-info/Account/Nope'))).toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
