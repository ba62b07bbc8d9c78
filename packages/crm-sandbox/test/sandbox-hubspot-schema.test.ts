import { apiError, startHubSpot, type HubSpotHarness } from './sandbox-hubspot-helpers';

type PropertyCreate = Parameters<HubSpotHarness['client']['crm']['properties']['coreApi']['create']>[1];
type ListCreate = Parameters<HubSpotHarness['client']['crm']['lists']['listsApi']['create']>[0];

const tierProperty = {
  name: 'icp_tier', label: 'ICP tier', type: 'enumeration', fieldType: 'select', groupName: 'icp_sync',
  options: ['tier_1', 'tier_2', 'tier_3', 'no_fit', 'insufficient_data'].map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
} as PropertyCreate;

const tier1List = (name: string): ListCreate => ({
  name, objectTypeId: '0-2', processingType: 'DYNAMIC',
  filterBranch: {
    filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [],
    filterBranches: [{
      filterBranchType: 'AND', filterBranchOperator: 'AND', filterBranches: [],
      filters: [{ filterType: 'PROPERTY', property: 'icp_tier', operation: { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values: ['tier_1'], includeObjectsWithNoValueSet: false } }],
    }],
  },
} as unknown as ListCreate);

describe('HubSpot sandbox: properties, lists and associations through the SDK', () => {
  let h: HubSpotHarness;
  beforeEach(async () => {
    h = await startHubSpot();
  });
  afterEach(() => h.sandbox.close());

  test("has HubSpot's default properties with their real types", async () => {
    const companies = new Map((await h.client.crm.properties.coreApi.getAll('companies')).results.map((p) => [p.name, p]));
    expect(companies.get('industry')).toMatchObject({ type: 'enumeration', fieldType: 'select' });
    expect(companies.get('industry')!.options.map((o) => o.value)).toEqual(expect.arrayContaining(['COMPUTER_SOFTWARE', 'HOSPITAL_HEALTH_CARE', 'FINANCIAL_SERVICES']));
    expect(companies.get('annualrevenue')).toMatchObject({ type: 'number', fieldType: 'number' });
    expect(companies.get('hs_is_target_account')).toMatchObject({ type: 'bool', fieldType: 'booleancheckbox' });
    expect(companies.get('hs_lastmodifieddate')).toMatchObject({ type: 'datetime' });
    const contacts = new Map((await h.client.crm.properties.coreApi.getAll('contacts')).results.map((p) => [p.name, p]));
    expect(contacts.has('lastmodifieddate')).toBe(true);
    expect(contacts.has('hs_lastmodifieddate')).toBe(false);
    expect(contacts.get('hs_buying_role')!.options.map((o) => o.value)).toContain('DECISION_MAKER');
  });

  test('creates groups and properties, 409 on an existing name, 400 on a bad definition', async () => {
    const group = await h.client.crm.properties.groupsApi.create('companies', { name: 'icp_sync', label: 'ICP sync' });
    expect(group).toMatchObject({ name: 'icp_sync', archived: false });
    const conflict = await apiError(h.client.crm.properties.groupsApi.create('companies', { name: 'icp_sync', label: 'again' }));
    expect(conflict.code).toBe(409);
    const created = await h.client.crm.properties.coreApi.create('companies', tierProperty);
    expect(created).toMatchObject({ name: 'icp_tier', type: 'enumeration', groupName: 'icp_sync' });
    expect(created.options).toHaveLength(5);
    const again = await apiError(h.client.crm.properties.coreApi.create('companies', tierProperty));
    expect(again.code).toBe(409);
    expect(again.body).toMatchObject({ status: 'error', category: 'OBJECT_ALREADY_EXISTS', correlationId: expect.any(String) });
    const badField = await apiError(h.client.crm.properties.coreApi.create('companies', { ...tierProperty, name: 'icp_x', fieldType: 'text' } as PropertyCreate));
    expect(badField.code).toBe(400);
    const noGroup = await apiError(h.client.crm.properties.coreApi.create('companies', { ...tierProperty, name: 'icp_y', groupName: 'missing' } as PropertyCreate));
    expect(noGroup.code).toBe(400);
    const updated = await h.client.crm.properties.coreApi.update('companies', 'icp_tier', { label: 'ICP Tier' });
    expect(updated.label).toBe('ICP Tier');
    expect((await h.client.crm.properties.coreApi.getByName('companies', 'icp_tier')).label).toBe('ICP Tier');
    expect((await apiError(h.client.crm.properties.coreApi.getByName('companies', 'nope'))).code).toBe(404);
    const write = await h.client.crm.companies.batchApi.update({ inputs: [{ id: '18000000001', properties: { icp_tier: 'tier_1' } }] });
    expect(write.results[0].properties.icp_tier).toBe('tier_1');
  });

  test('dynamic company lists: create, fetch by id and by name, search, members; duplicate names are refused', async () => {
    await h.client.crm.properties.groupsApi.create('companies', { name: 'icp_sync', label: 'ICP sync' });
    await h.client.crm.properties.coreApi.create('companies', tierProperty);
    await h.client.crm.companies.batchApi.update({ inputs: ['18000000001', '18000000002'].map((id) => ({ id, properties: { icp_tier: 'tier_1' } })) });
    const { list } = await h.client.crm.lists.listsApi.create(tier1List('ICP: Tier 1'));
    expect(list).toMatchObject({ name: 'ICP: Tier 1', processingType: 'DYNAMIC', objectTypeId: '0-2', listVersion: 1, size: 2 });
    expect((await h.client.crm.lists.listsApi.getById(list.listId, true)).list.filterBranch).toBeDefined();
    expect((await h.client.crm.lists.listsApi.getByName('ICP: Tier 1', '0-2')).list.listId).toBe(list.listId);
    expect((await apiError(h.client.crm.lists.listsApi.getByName('ICP: Target accounts', '0-2'))).code).toBe(404);
    const found = await h.client.crm.lists.listsApi.doSearch({ query: 'ICP', processingTypes: ['DYNAMIC'] } as never);
    expect(found).toMatchObject({ total: 1, hasMore: false });
    expect(found.lists[0].additionalProperties.hs_list_size).toBe('2');
    const members = await h.client.crm.lists.membershipsApi.getPage(list.listId);
    expect(members.results.map((m) => m.recordId).sort()).toEqual(['18000000001', '18000000002']);
    expect((await apiError(h.client.crm.lists.listsApi.create(tier1List('ICP: Tier 1')))).code).toBe(400);
    const unknownProperty = tier1List('Other');
    (unknownProperty.filterBranch as any).filterBranches[0].filters[0].property = 'icp_missing';
    expect((await apiError(h.client.crm.lists.listsApi.create(unknownProperty))).code).toBe(400);
  });

  test('associations v4 batch read: company to contacts with typeIds 2 and 280, 207 for none', async () => {
    const response = await h.client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: [{ id: '18000000001' }, { id: '18000009999' }] });
    const [result] = response.results;
    expect(result._from.id).toBe('18000000001');
    expect(result.to.length).toBeGreaterThan(0);
    expect(result.to[0].associationTypes.map((t) => t.typeId).sort()).toEqual([2, 280]);
    const errors = (response as { errors?: { subCategory: string }[] }).errors!;
    expect(errors[0].subCategory).toBe('crm.associations.NO_ASSOCIATIONS_FOUND');
    const back = await h.client.crm.associations.v4.batchApi.getPage('contacts', 'companies', { inputs: [{ id: String(result.to[0].toObjectId) }] });
    expect(back.results[0].to).toEqual([expect.objectContaining({ toObjectId: 18000000001 })]);
    expect(back.results[0].to[0].associationTypes.map((t) => t.typeId).sort((a, b) => a - b)).toEqual([1, 279]);
  });
});
