import type { FieldDef, Row } from '../src/salesforce/schema/field';
import type { Table } from '../src/salesforce/schema/table';
import { compileSoql } from '../src/salesforce/soql/compile';
import { execute } from '../src/salesforce/soql/execute';
import { parseSoql } from '../src/salesforce/soql/parser';
import { recordId } from '../src/salesforce/ids';

const field = (name: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  name, label: name, type, updateable: true, nillable: true, custom: name.endsWith('__c'), ...extra,
});

const FIELDS = [
  field('Id', 'id'), field('Name', 'string', { length: 255 }), field('Industry', 'picklist'),
  field('AnnualRevenue', 'currency'), field('NumberOfEmployees', 'int'), field('IsActive__c', 'boolean'),
  field('Technologies__c', 'multipicklist'), field('SystemModstamp', 'datetime'), field('Founded__c', 'date'),
  field('Notes__c', 'textarea'),
];

const at = (iso: string): number => Date.parse(iso);
const ROWS: Row[] = [
  { Name: 'Acme', Industry: 'Technology', AnnualRevenue: 5e7, NumberOfEmployees: 250, IsActive__c: true, Technologies__c: 'Salesforce;Slack', SystemModstamp: at('2026-01-01T00:00:00Z'), Founded__c: '2001-05-01' },
  { Name: "O'Brien 100% Ltd", Industry: 'Finance', AnnualRevenue: 1e6, NumberOfEmployees: 12, IsActive__c: false, Technologies__c: 'HubSpot', SystemModstamp: at('2026-02-01T12:30:00Z'), Founded__c: '1999-12-31' },
  { Name: 'acme labs', Industry: null, AnnualRevenue: null, NumberOfEmployees: 3000, IsActive__c: true, Technologies__c: null, SystemModstamp: at('2025-12-31T23:59:59Z'), Founded__c: null },
  { Name: 'Zeta_Corp', Industry: 'Healthcare', AnnualRevenue: 2e8, NumberOfEmployees: null, IsActive__c: false, Technologies__c: 'Slack;Salesforce;Zoom', SystemModstamp: at('2026-01-01T00:00:01Z'), Founded__c: '2010-01-01' },
].map((row, i) => ({ Id: recordId('001', i), ...row }));

const table: Table = {
  name: 'Account',
  fields: () => new Map(FIELDS.map((f) => [f.name.toLowerCase(), f])),
  size: () => ROWS.length,
  row: (i) => ROWS[i],
};
const resolve = (name: string): Table | undefined => (name.toLowerCase() === 'account' ? table : undefined);

function names(soql: string): string[] {
  const set = execute(compileSoql(soql, resolve));
  return Array.from({ length: set.length }, (_, k) => ROWS[set.at(k)].Name as string);
}

function errorOf(soql: string): { errorCode: string; message: string } {
  try {
    execute(compileSoql(soql, resolve));
  } catch (err) {
    const { errorCode, message } = err as { errorCode: string; message: string };
    return { errorCode, message };
  }
  throw new Error(`no error for ${soql}`);
}

describe('SOQL: matching records', () => {
  const acme = 'Acme';
  const obrien = "O'Brien 100% Ltd";
  const labs = 'acme labs';
  const zeta = 'Zeta_Corp';
  test.each<[string, string[]]>([
    ['SELECT Id FROM Account', [acme, obrien, labs, zeta]],
    ["select id from account where name = 'ACME'", [acme]],
    ["SELECT Id FROM Account WHERE Name != 'acme'", [obrien, labs, zeta]],
    ["SELECT Id FROM Account WHERE Industry != 'Finance'", [acme, labs, zeta]],
    ['SELECT Id FROM Account WHERE Industry = null', [labs]],
    ['SELECT Id FROM Account WHERE Industry != null', [acme, obrien, zeta]],
    ["SELECT Id FROM Account WHERE Name LIKE 'acme%'", [acme, labs]],
    ["SELECT Id FROM Account WHERE Name LIKE '%\\%%'", [obrien]],
    ["SELECT Id FROM Account WHERE Name LIKE 'Zeta\\_C_rp'", [zeta]],
    ["SELECT Id FROM Account WHERE Name LIKE 'Zeta_Corp'", [zeta]],
    ["SELECT Id FROM Account WHERE Name = 'O\\'Brien 100% Ltd'", [obrien]],
    ["SELECT Id FROM Account WHERE Industry IN ('Finance', 'healthcare')", [obrien, zeta]],
    ["SELECT Id FROM Account WHERE Industry NOT IN ('Finance', 'Healthcare')", [acme, labs]],
    ['SELECT Id FROM Account WHERE AnnualRevenue >= 1000000 AND AnnualRevenue < 200000000', [acme, obrien]],
    ['SELECT Id FROM Account WHERE NumberOfEmployees > 100 OR AnnualRevenue > 100000000', [acme, labs, zeta]],
    ['SELECT Id FROM Account WHERE (NumberOfEmployees > 100 OR AnnualRevenue > 100000000) AND IsActive__c = true', [acme, labs]],
    ['SELECT Id FROM Account WHERE NOT (IsActive__c = true)', [obrien, zeta]],
    ['SELECT Id FROM Account WHERE NOT IsActive__c = false AND NumberOfEmployees <= 250', [acme]],
    ['SELECT Id FROM Account WHERE SystemModstamp > 2026-01-01T00:00:00Z', [obrien, zeta]],
    ['SELECT Id FROM Account WHERE SystemModstamp >= 2026-01-01T01:00:00+01:00', [acme, obrien, zeta]],
    ['SELECT Id FROM Account WHERE SystemModstamp < 2026-01-01T00:00:00.000Z', [labs]],
    ['SELECT Id FROM Account WHERE Founded__c < 2005-01-01', [acme, obrien]],
    ["SELECT Id FROM Account WHERE Technologies__c INCLUDES ('slack')", [acme, zeta]],
    ["SELECT Id FROM Account WHERE Technologies__c INCLUDES ('Zoom', 'HubSpot')", [obrien, zeta]],
    ["SELECT Id FROM Account WHERE Technologies__c INCLUDES ('Slack;Zoom')", [zeta]],
    ["SELECT Id FROM Account WHERE Technologies__c EXCLUDES ('Slack')", [obrien, labs]],
    ["SELECT Id FROM Account WHERE Technologies__c = 'Slack;Salesforce'", [acme]],
    [`SELECT Id FROM Account WHERE Id = '${recordId('001', 1).slice(0, 15)}'`, [obrien]],
    [`SELECT Id FROM Account WHERE Id IN ('${recordId('001', 2)}', '${recordId('001', 3)}')`, [labs, zeta]],
    ['SELECT Id FROM Account ORDER BY Name', [acme, labs, obrien, zeta]],
    ['SELECT Id FROM Account ORDER BY Name DESC', [zeta, obrien, labs, acme]],
    ['SELECT Id FROM Account ORDER BY Industry', [labs, obrien, zeta, acme]],
    ['SELECT Id FROM Account ORDER BY Industry NULLS LAST', [obrien, zeta, acme, labs]],
    ['SELECT Id FROM Account ORDER BY Industry DESC', [acme, zeta, obrien, labs]],
    ['SELECT Id FROM Account ORDER BY Industry DESC NULLS FIRST', [labs, acme, zeta, obrien]],
    ['SELECT Id FROM Account ORDER BY IsActive__c, Name DESC', [zeta, obrien, labs, acme]],
    ['SELECT Id FROM Account ORDER BY SystemModstamp ASC LIMIT 2', [labs, acme]],
    ['SELECT Id FROM Account ORDER BY Name LIMIT 2 OFFSET 1', [labs, obrien]],
    ['SELECT Id FROM Account WHERE IsActive__c = true LIMIT 1 OFFSET 1', [labs]],
    ['SELECT Id FROM Account LIMIT 3 OFFSET 2', [labs, zeta]],
  ])('%s', (soql, expected) => {
    expect(names(soql)).toEqual(expected);
  });
});

describe('SOQL: errors as Salesforce reports them', () => {
  test.each<[string, string, RegExp]>([
    ['SELECT FROM Account', 'MALFORMED_QUERY', /unexpected token: 'FROM'/],
    ['SELECT Id FROM Account WHER Name = null', 'MALFORMED_QUERY', /Row:1:Column:24\nunexpected token: 'WHER'/],
    ["SELECT Id FROM Account WHERE Name = 'x", 'MALFORMED_QUERY', /expecting '''/],
    ["SELECT Id FROM Account WHERE Name = 'a\\qb'", 'MALFORMED_QUERY', /Illegal escape sequence/],
    ['SELECT Id FROM Account WHERE Name = 1 AND Id = null OR Id = null', 'MALFORMED_QUERY', /unexpected token: 'OR'/],
    ['SELECT Id FROM Account LIMIT 10 OFFSET 2001', 'MALFORMED_QUERY', /Maximum SOQL offset allowed is 2000/],
    ['SELECT Id FROM Account GROUP BY Name', 'MALFORMED_QUERY', /not supported/],
    ['SELECT Id FROM Account ORDER BY', 'MALFORMED_QUERY', /unexpected token: '<EOF>'/],
    ['SELECT Id FROM Widget__c', 'INVALID_TYPE', /sObject type 'Widget__c' is not supported/],
    ['SELECT Id, Foo FROM Account', 'INVALID_FIELD', /No such column 'Foo' on entity 'Account'/],
    ['SELECT Id FROM Account WHERE ICP_Tier__c = null', 'INVALID_FIELD', /No such column 'ICP_Tier__c'/],
    ['SELECT Owner.Name FROM Account', 'INVALID_FIELD', /relationship 'Owner'/],
    ['SELECT Id, id FROM Account', 'DUPLICATE_FIELD', /duplicate field selected: Id/],
    ["SELECT Id FROM Account WHERE AnnualRevenue > '5'", 'INVALID_FIELD', /must be of type double and should not be enclosed in quotes/],
    ['SELECT Id FROM Account WHERE Name = 5', 'INVALID_FIELD', /must be of type string and should be enclosed in quotes/],
    ["SELECT Id FROM Account WHERE SystemModstamp > '2026-01-01T00:00:00Z'", 'INVALID_FIELD', /type dateTime and should not be enclosed/],
    ['SELECT Id FROM Account WHERE SystemModstamp > 2026-01-01', 'INVALID_FIELD', /must be of type dateTime/],
    ['SELECT Id FROM Account WHERE IsActive__c = 1', 'INVALID_FIELD', /must be of type boolean/],
    ['SELECT Id FROM Account WHERE IsActive__c > true', 'INVALID_FIELD', /invalid operator/],
    ["SELECT Id FROM Account WHERE Id = 'nope'", 'INVALID_QUERY_FILTER_OPERATOR', /invalid ID field: nope/],
    ["SELECT Id FROM Account WHERE AnnualRevenue LIKE '5%'", 'INVALID_FIELD', /LIKE/],
    ["SELECT Id FROM Account WHERE Name INCLUDES ('a')", 'INVALID_FIELD', /multipicklist/],
    ['SELECT Id FROM Account ORDER BY Notes__c', 'INVALID_FIELD', /can not be sorted/],
  ])('%s -> %s', (soql, errorCode, message) => {
    const error = errorOf(soql);
    expect(error.errorCode).toBe(errorCode);
    expect(error.message).toMatch(message);
  });
});

describe('SOQL: parse tree', () => {
  test.each<[string, unknown]>([
    ['SELECT COUNT() FROM Contact', { select: 'count', from: { name: 'Contact' } }],
    ['SELECT Id FROM Account ORDER BY Name DESC NULLS FIRST, Id', {
      orderBy: [
        { field: { name: 'Name' }, descending: true, nullsLast: false },
        { field: { name: 'Id' }, descending: false, nullsLast: false },
      ],
    }],
    ["SELECT Id FROM Account WHERE Name = 'a\\nb\\u00e9'", { where: { kind: 'compare', value: { kind: 'string', value: 'a\nbé' } } }],
    ['SELECT Id FROM Account WHERE AnnualRevenue > -1.5', { where: { kind: 'compare', op: '>', value: { kind: 'number', value: -1.5 } } }],
    ['SELECT Id FROM Account WHERE SystemModstamp > 2026-01-01T00:00:00+0200', { where: { value: { kind: 'datetime', value: Date.parse('2025-12-31T22:00:00Z') } } }],
    ['SELECT Id FROM Account WHERE Name <> null', { where: { op: '!=', value: { kind: 'null' } } }],
  ])('%s', (soql, shape) => {
    expect(parseSoql(soql)).toMatchObject(shape as object);
  });
});
