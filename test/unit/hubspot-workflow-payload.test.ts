import { companyIdsFromWebhook } from '../../src/http/hubspot-workflow-payload';

describe('companyIdsFromWebhook', () => {
  it.each([
    ['a company workflow record (all properties)', { objectId: 1234, objectType: 'COMPANY', portalId: 62515, properties: { name: { value: 'Acme', versions: [] }, hs_object_id: { value: '1234' } } }, ['1234']],
    ['objectId as a string', { objectId: '1234', objectType: 'COMPANY' }, ['1234']],
    ['properties.hs_object_id as {value}', { properties: { hs_object_id: { value: '77' } } }, ['77']],
    ['properties.hs_object_id as a plain value', { properties: { hs_object_id: 77 } }, ['77']],
    ['a customized body with hs_object_id', { hs_object_id: '88', domain: 'acme.com' }, ['88']],
    ['a legacy companies-API record', { portalId: 1, companyId: 99, properties: {} }, ['99']],
    ['a Webhooks-API batch', [{ objectId: 1, subscriptionType: 'company.propertyChange' }, { objectId: 2, objectTypeId: '0-2', subscriptionType: 'object.creation' }], ['1', '2']],
    ['duplicates collapse', [{ objectId: 5 }, { objectId: '5' }], ['5']],
    ['a contact with its company', { objectId: 10, objectType: 'CONTACT', properties: { associatedcompanyid: { value: '300' } } }, ['300']],
    ['a legacy contact record', { vid: 10, 'is-contact': true, properties: { associatedcompanyid: { value: '301', versions: [] } } }, ['301']],
    ['a customized contact body with only associatedcompanyid', { associatedcompanyid: '302' }, ['302']],
  ])('%s', (_case, payload, ids) => {
    const result = companyIdsFromWebhook(payload);
    expect(result).toMatchObject({ companyIds: ids, unusable: 0 });
  });

  it('ignores a contact without a company, and other object types, with notes', () => {
    const result = companyIdsFromWebhook([
      { objectId: 10, objectType: 'CONTACT', properties: { email: { value: 'a@b.c' } } },
      { objectId: 20, objectType: 'DEAL' },
      { objectId: 30, objectTypeId: '0-1', subscriptionType: 'object.creation' },
    ]);
    expect(result).toEqual({
      companyIds: [],
      unusable: 0,
      notes: [
        expect.stringContaining('contact 10 ignored'),
        expect.stringContaining('DEAL record 20 ignored'),
        expect.stringContaining('contact 30 ignored'),
      ],
    });
  });

  it.each([
    ['no id', { name: 'Acme' }],
    ['a zero id', { objectId: 0 }],
    ['a non-numeric id', { objectId: 'abc' }],
    ['a fractional id', { objectId: 1.5 }],
  ])('counts an event with %s as unusable', (_case, payload) => {
    expect(companyIdsFromWebhook(payload)).toEqual({ companyIds: [], notes: [], unusable: 1 });
  });

  it.each([['null', null], ['a string', 'x'], ['an empty array', []], ['an array of numbers', [1, 2]]])('rejects %s', (_case, payload) => {
    expect(companyIdsFromWebhook(payload)).toHaveProperty('error');
  });
});
