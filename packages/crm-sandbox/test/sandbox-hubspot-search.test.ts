import { apiError, startHubSpot, type HubSpotHarness } from './sandbox-hubspot-helpers';

type SearchRequest = Parameters<HubSpotHarness['client']['crm']['companies']['searchApi']['doSearch']>[0];
const search = (h: HubSpotHarness, type: 'companies' | 'contacts', request: Partial<SearchRequest>) =>
  h.client.crm[type].searchApi.doSearch(request as SearchRequest);

describe('HubSpot sandbox: CRM search through the SDK', () => {
  let h: HubSpotHarness;
  afterEach(() => h.sandbox.close());

  test('filters with AND inside a group and OR across groups, sorts, and pages by offset', async () => {
    h = await startHubSpot({ searchPerSecond: 0 });
    const request = {
      filterGroups: [
        { filters: [{ propertyName: 'industry', operator: 'EQ', value: 'COMPUTER_SOFTWARE' }, { propertyName: 'numberofemployees', operator: 'GTE', value: '50' }] },
        { filters: [{ propertyName: 'industry', operator: 'IN', values: ['BANKING', 'INSURANCE'] }] },
      ],
      sorts: [{ propertyName: 'numberofemployees', direction: 'DESCENDING' }],
      properties: ['industry', 'numberofemployees'],
      limit: 7,
    } as unknown as Partial<SearchRequest>;
    const first = await search(h, 'companies', request);
    expect(first.total).toBeGreaterThan(7);
    for (const company of first.results) {
      const { industry, numberofemployees } = company.properties;
      expect(industry === 'COMPUTER_SOFTWARE' ? Number(numberofemployees) >= 50 : ['BANKING', 'INSURANCE'].includes(industry!)).toBe(true);
    }
    expect(first.paging!.next!.after).toBe('7');
    const second = await search(h, 'companies', { ...request, after: first.paging!.next!.after });
    expect(second.results[0].id).not.toBe(first.results[0].id);
  });

  test('finds records modified since a date given as epoch millis, on lastmodifieddate for contacts', async () => {
    h = await startHubSpot({ searchPerSecond: 0 });
    const since = String(Date.now() - 1000);
    const [contact] = (await h.client.crm.contacts.basicApi.getPage(1)).results;
    await h.client.crm.contacts.batchApi.update({ inputs: [{ id: contact.id, properties: { jobtitle: 'RSSI' } }] });
    const found = await search(h, 'contacts', { filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: since }] }] } as Partial<SearchRequest>);
    expect(found.results.map((c) => c.id)).toEqual([contact.id]);
    const wrongProperty = await search(h, 'contacts', { filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: since }] }] } as Partial<SearchRequest>);
    expect(wrongProperty.total).toBe(0);
  });

  test('HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN and BETWEEN', async () => {
    h = await startHubSpot({ searchPerSecond: 0 });
    const total = (await search(h, 'companies', {})).total;
    const has = (await search(h, 'companies', { filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'HAS_PROPERTY' }] }] } as Partial<SearchRequest>)).total;
    const hasNot = (await search(h, 'companies', { filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'NOT_HAS_PROPERTY' }] }] } as Partial<SearchRequest>)).total;
    expect(has + hasNot).toBe(total);
    expect(hasNot).toBeGreaterThan(0);
    const drh = await search(h, 'contacts', { filterGroups: [{ filters: [{ propertyName: 'jobtitle', operator: 'CONTAINS_TOKEN', value: 'drh' }] }], properties: ['jobtitle'] } as Partial<SearchRequest>);
    expect(drh.results.every((c) => /drh/i.test(c.properties.jobtitle!))).toBe(true);
    const between = await search(h, 'companies', { filterGroups: [{ filters: [{ propertyName: 'numberofemployees', operator: 'BETWEEN', value: '10', highValue: '20' }] }], properties: ['numberofemployees'], limit: 200 } as Partial<SearchRequest>);
    expect(between.results.every((c) => Number(c.properties.numberofemployees) >= 10 && Number(c.properties.numberofemployees) <= 20)).toBe(true);
  });

  test('limit above 200, too many filter groups and paging past 10,000 results are 400s', async () => {
    h = await startHubSpot({ contacts: 12_000, searchPerSecond: 0 });
    expect((await apiError(search(h, 'contacts', { limit: 201 }))).code).toBe(400);
    const group = { filters: [{ propertyName: 'email', operator: 'HAS_PROPERTY' }] };
    expect((await apiError(search(h, 'contacts', { filterGroups: Array(6).fill(group) } as Partial<SearchRequest>))).code).toBe(400);
    const last = await search(h, 'contacts', { limit: 200, after: '9800' });
    expect(last.total).toBe(12_000);
    expect(last.paging!.next!.after).toBe('10000');
    const error = await apiError(search(h, 'contacts', { limit: 200, after: '10000' }));
    expect(error.code).toBe(400);
    expect(error.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  test('allows 5 searches per second per token, then answers the secondly 429', async () => {
    h = await startHubSpot();
    for (let i = 0; i < 5; i++) await search(h, 'companies', { limit: 1 });
    const error = await apiError(search(h, 'companies', { limit: 1 }));
    expect(error.code).toBe(429);
    expect(error.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', message: 'You have reached your secondly limit.' });
    expect((await h.client.crm.companies.basicApi.getPage(1)).results).toHaveLength(1);
  });
});
