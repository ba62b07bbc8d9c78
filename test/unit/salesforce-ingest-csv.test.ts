import { csvCell, fitUpload, updateCsv } from '../../src/crm/salesforce/salesforce.ingest';

describe('Bulk API 2.0 update CSV cells', () => {
  test.each([
    ['plain text', 'tier_1', 'tier_1'],
    ['a number', 87, '87'],
    ['a boolean', true, 'true'],
    ['null clears the field', null, '#N/A'],
    ['"" clears it too (REST writes clear it for both)', '', '#N/A'],
    ['a value the change does not carry is left as is', undefined, ''],
    ['a comma', '+30 industry: SOFTWARE, SAAS', '"+30 industry: SOFTWARE, SAAS"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'a\nb', '"a\nb"'],
    ['a carriage return', 'a\rb', '"a\rb"'],
    ['leading and trailing spaces', ' x ', '" x "'],
    ['accents', 'Directrice des Systèmes', 'Directrice des Systèmes'],
  ])('%s', (_label, value, cell) => {
    expect(csvCell(value as never)).toBe(cell);
  });
});

test('the upload has Id and every changed field; records lacking one leave it empty', () => {
  const csv = updateCsv([
    { id: '001A', values: { ICP_Tier__c: 'tier_1', ICP_TAL__c: true } },
    { id: '001B', values: { ICP_TAL__c: false } },
    { id: '001C', values: { ICP_Personas_Missing__c: null } },
  ]);
  expect(csv).toBe('Id,ICP_Tier__c,ICP_TAL__c,ICP_Personas_Missing__c\n001A,tier_1,true,\n001B,,false,\n001C,,,#N/A\n');
});

test('fitUpload counts the records that fit in one upload by bytes, at least one', () => {
  const updates = Array.from({ length: 10 }, (_, i) => ({ id: `00300000000000${i}`, values: { ICP_Persona__c: 'é'.repeat(10) } }));
  const header = 'Id,ICP_Persona__c\n'.length;
  const rowBytes = Buffer.byteLength(`00300000000000${0},${'é'.repeat(10)}\n`);
  expect(fitUpload(updates)).toBe(10);
  expect(fitUpload(updates, header + 3 * rowBytes)).toBe(3);
  expect(fitUpload(updates, header + 3 * rowBytes - 1)).toBe(2);
  expect(fitUpload(updates, 1)).toBe(1);
  expect(fitUpload([], 1)).toBe(0);
});
