import { Client } from '@hubspot/api-client';
import { apiError, startHubSpot, type HubSpotHarness } from './sandbox-hubspot-helpers';

describe('HubSpot sandbox: CRM objects through the SDK', () => {
  let h: HubSpotHarness;
  beforeEach(async () => {
    h = await startHubSpot();
  });
  afterEach(() => h.sandbox.close());

  test('pages through every company with after cursors, 100 at most per page', async () => {
    const ids = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await h.client.crm.companies.basicApi.getPage(500, after, ['name', 'domain', 'hs_lastmodifieddate']);
      expect(page.results.length).toBeLessThanOrEqual(100);
      for (const company of page.results) {
        ids.add(company.id);
        expect(company.createdAt).toBeInstanceOf(Date);
        expect(company.updatedAt).toBeInstanceOf(Date);
        expect(company.archived).toBe(false);
        expect(Object.keys(company.properties).sort()).toEqual(['domain', 'hs_lastmodifieddate', 'name']);
      }
      after = page.paging?.next?.after;
      if (after) expect(page.paging!.next!.link).toContain(`after=${after}`);
      pages++;
    } while (after);
    expect(ids.size).toBe(250);
    expect(pages).toBe(3);
  });

  test('answers the default properties, v3 associations, and 404 for an unknown id', async () => {
    const page = await h.client.crm.contacts.basicApi.getPage(5, undefined, undefined, undefined, ['companies']);
    expect(Object.keys(page.results[0].properties).sort()).toEqual(['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname']);
    const withCompany = page.results.find((c) => c.associations?.companies);
    expect(withCompany!.associations!.companies.results.map((a) => a.type)).toEqual(['contact_to_company', 'contact_to_company_unlabeled']);
    const contact = await h.client.crm.contacts.basicApi.getById(page.results[0].id, ['jobtitle', 'lastmodifieddate', 'nonexistent']);
    expect(Object.keys(contact.properties).sort()).toEqual(['jobtitle', 'lastmodifieddate']);
    const error = await apiError(h.client.crm.companies.basicApi.getById(page.results[0].id));
    expect(error.code).toBe(404);
    expect(error.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
  });

  test('batch read answers 207 with the ids it could not find', async () => {
    const page = await h.client.crm.companies.basicApi.getPage(3);
    const ids = page.results.map((c) => c.id);
    const response = await h.client.crm.companies.batchApi.read({ inputs: [...ids, '999'].map((id) => ({ id })), properties: ['name', 'industry'], propertiesWithHistory: [] });
    expect(response.status).toBe('COMPLETE');
    expect(response.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect((response as { numErrors?: number }).numErrors).toBe(1);
    expect((response as { errors?: { category: string; context: Record<string, string[]> }[] }).errors![0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['999'] } });
  });

  test('batch update writes, bumps hs_lastmodifieddate, ignores null and clears ""', async () => {
    const [first, second] = (await h.client.crm.companies.basicApi.getPage(2, undefined, ['name', 'domain'])).results;
    const before = Date.now();
    const response = await h.client.crm.companies.batchApi.update({
      inputs: [
        { id: first.id, properties: { industry: 'COMPUTER_SOFTWARE', hs_is_target_account: 'true', domain: null as unknown as string } },
        { id: second.id, properties: { name: '' } },
      ],
    });
    expect(response.status).toBe('COMPLETE');
    expect(response.startedAt).toBeInstanceOf(Date);
    expect(response.completedAt).toBeInstanceOf(Date);
    const read = await h.client.crm.companies.batchApi.read({ inputs: [{ id: first.id }, { id: second.id }], properties: ['industry', 'hs_is_target_account', 'domain', 'name', 'hs_lastmodifieddate'], propertiesWithHistory: [] });
    const byId = new Map(read.results.map((r) => [r.id, r]));
    expect(byId.get(first.id)!.properties).toMatchObject({ industry: 'COMPUTER_SOFTWARE', hs_is_target_account: 'true', domain: first.properties.domain });
    expect(byId.get(second.id)!.properties.name).toBeNull();
    expect(Date.parse(byId.get(first.id)!.properties.hs_lastmodifieddate!)).toBeGreaterThanOrEqual(before - 5);
    expect(byId.get(first.id)!.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(await h.sandbox.stats()).toMatchObject({ written: { companies: 2, contacts: 0 } });
  });

  test('contacts bump lastmodifieddate, not hs_lastmodifieddate', async () => {
    const [contact] = (await h.client.crm.contacts.basicApi.getPage(1)).results;
    const response = await h.client.crm.contacts.batchApi.update({ inputs: [{ id: contact.id, properties: { hs_buying_role: 'DECISION_MAKER;BUDGET_HOLDER' } }] });
    expect(Object.keys(response.results[0].properties)).toContain('lastmodifieddate');
    expect(Object.keys(response.results[0].properties)).not.toContain('hs_lastmodifieddate');
  });

  test('batch results come back in another order than the inputs', async () => {
    const ids = (await h.client.crm.companies.basicApi.getPage(100)).results.map((c) => c.id);
    const response = await h.client.crm.companies.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { hs_is_target_account: 'false' } })) });
    const order = response.results.map((r) => r.id);
    expect(order).not.toEqual(ids);
    expect([...order].sort()).toEqual([...ids].sort());
  });

  test('more than 100 inputs is a 400 VALIDATION_ERROR', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(18_000_000_001 + i), properties: { name: 'x' } }));
    const error = await apiError(h.client.crm.companies.batchApi.update({ inputs }));
    expect(error.code).toBe(400);
    expect(error.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', message: expect.stringContaining('100') });
    expect(error.body.correlationId).toEqual(expect.any(String));
  });

  test('duplicate ids in one batch is a 400', async () => {
    const error = await apiError(h.client.crm.companies.batchApi.update({ inputs: [{ id: '18000000001', properties: { name: 'a' } }, { id: '18000000001', properties: { name: 'b' } }] }));
    expect(error.code).toBe(400);
    expect(error.body.message).toContain('Duplicate');
  });

  test.each([
    ['unknown property', { no_such_property: 'x' }, 'PROPERTY_DOESNT_EXIST'],
    ['enumeration value not in the options', { industry: 'SOFTWARE' }, 'INVALID_OPTION'],
    ['non-numeric number', { annualrevenue: '2,5M' }, 'INVALID_DOUBLE'],
    ['bad bool', { hs_is_target_account: 'yes' }, 'INVALID_OPTION'],
    ['bad datetime', { createdate: 'yesterday' }, 'INVALID_DATE'],
    ['read-only value', { hs_lastmodifieddate: '1735689600000' }, 'READ_ONLY_VALUE'],
    ['string too long', { name: 'x'.repeat(65_537) }, 'INVALID_STRING_LENGTH'],
  ])('one bad value (%s) fails the whole batch with 400 and writes nothing', async (_, properties, code) => {
    const error = await apiError(h.client.crm.companies.batchApi.update({ inputs: [{ id: '18000000001', properties: { name: 'kept?' } }, { id: '18000000002', properties: properties as Record<string, string> }] }));
    expect(error.code).toBe(400);
    expect(error.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', message: expect.stringContaining('Property values were not valid') });
    expect(error.body.errors[0].code).toBe(code);
    expect(await h.sandbox.stats()).toMatchObject({ written: { companies: 0 } });
  });

  test('upsert by email creates the unknown contacts and updates the known ones', async () => {
    const [known] = (await h.client.crm.contacts.basicApi.getPage(20, undefined, ['email'])).results.filter((c) => c.properties.email);
    const response = await h.client.crm.contacts.batchApi.upsert({
      inputs: [
        { id: known.properties.email!, idProperty: 'email', properties: { jobtitle: 'DRH' } },
        { id: 'new.person@example.fr', idProperty: 'email', properties: { jobtitle: 'DSI' } },
      ],
    });
    const byEmail = new Map(response.results.map((r) => [r.properties.email, r]));
    expect(byEmail.get(known.properties.email!)).toMatchObject({ id: known.id, _new: false });
    expect(byEmail.get('new.person@example.fr')!._new).toBe(true);
    const created = await h.client.crm.contacts.basicApi.getById(byEmail.get('new.person@example.fr')!.id, ['jobtitle', 'email']);
    expect(created.properties).toMatchObject({ jobtitle: 'DSI', email: 'new.person@example.fr' });
  });

  test('a missing or wrong bearer token is a 401 INVALID_AUTHENTICATION', async () => {
    const anonymous = new Client({ basePath: h.sandbox.url });
    const error = await apiError(anonymous.crm.companies.basicApi.getPage(1));
    expect(error.code).toBe(401);
    expect(error.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION', correlationId: expect.any(String) });
    await h.sandbox.close();
    h = await startHubSpot({ token: 'the-one' });
    expect((await apiError(new Client({ accessToken: 'another', basePath: h.sandbox.url }).crm.companies.basicApi.getPage(1))).code).toBe(401);
    expect((await new Client({ accessToken: 'the-one', basePath: h.sandbox.url }).crm.companies.basicApi.getPage(1)).results).toHaveLength(1);
  });
});

describe('HubSpot sandbox: per-input validation mode', () => {
  test('answers 207 with per-input VALIDATION_ERRORs and applies the valid inputs', async () => {
    const h = await startHubSpot({ invalidValues: 'per-input' });
    try {
      const response = await h.client.crm.companies.batchApi.update({
        inputs: [
          { id: '18000000001', properties: { industry: 'COMPUTER_SOFTWARE' } },
          { id: '18000000002', properties: { industry: 'NOT_AN_INDUSTRY' } },
          { id: '17000000000', properties: { industry: 'BANKING' } },
        ],
      });
      const errors = (response as { errors?: { category: string; context: { ids: string[] } }[] }).errors!;
      expect(response.results.map((r) => r.id)).toEqual(['18000000001']);
      expect((response as { numErrors?: number }).numErrors).toBe(2);
      expect(errors.map((e) => [e.category, e.context.ids[0]]).sort()).toEqual([['OBJECT_NOT_FOUND', '17000000000'], ['VALIDATION_ERROR', '18000000002']]);
    } finally {
      await h.sandbox.close();
    }
  });
});
