import { PassThrough } from 'node:stream';
import { crmConfigSchema } from '../../src/config/crm.schema';
import { companyColumns, detectDelimiter, readCompanies } from '../../src/commands/companies-input';
import type { BadLines } from '../../src/io/lines';
import type { CompanyInput } from '../../src/scoring/icp';

/** Collects what BadLines would print. */
function bad(): BadLines & { problems: string[] } {
  const problems: string[] = [];
  return { count: 0, problems, report(lineNo: number, problem: string) { this.count += 1; problems.push(`${lineNo}: ${problem}`); } } as BadLines & { problems: string[] };
}

async function read(text: string | Buffer, columns = companyColumns()): Promise<{ companies: CompanyInput[]; problems: string[]; stderr: string }> {
  const b = bad();
  const companies: CompanyInput[] = [];
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    const input = new PassThrough();
    input.end(typeof text === 'string' ? Buffer.from(text) : text);
    for await (const c of readCompanies(input, b, columns)) companies.push(c);
  } finally {
    process.stderr.write = write;
  }
  return { companies, problems: b.problems, stderr };
}

const BOM = '\uFEFF';

describe('companies from files as they really are', () => {
  it('a French Excel CSV: BOM, ";" separators, decimal commas, quoted fields, CRLF', async () => {
    const csv = `${BOM}id;name;annualRevenue;employees;country;technologies\r\n1;"Dupont; Fils";"2,5 M€";"1 500";France;"Salesforce;HubSpot"\r\n2;"Le ""Bon"" Coin";"12,5";51-200;France;\r\n`;
    const { companies, problems } = await read(csv);
    expect(problems).toEqual([]);
    expect(companies).toEqual([
      { id: '1', name: 'Dupont; Fils', annualRevenue: '2,5 M€', employees: '1 500', country: 'France', technologies: 'Salesforce;HubSpot' },
      { id: '2', name: 'Le "Bon" Coin', annualRevenue: '12,5', employees: '51-200', country: 'France', technologies: '' },
    ]);
  });

  it('tab-separated, and JSON lines with a BOM', async () => {
    expect((await read('id\tname\n7\tAcme\n')).companies).toEqual([{ id: '7', name: 'Acme' }]);
    expect((await read(`${BOM}{"id":"x","employees":12}\n`)).companies).toEqual([{ id: 'x', employees: 12 }]);
  });

  it.each([
    ['a,b;c;d', ';'],
    ['"a;b",c,d', ','],
    ['a\tb\tc', '\t'],
    ['id', ','],
  ])('delimiter of %j is %j', (header, delimiter) => expect(detectDelimiter(header)).toBe(delimiter));

  it("HubSpot's export headers and CRM property names map to the company fields; other columns warned about once", async () => {
    const hubspot = 'Record ID,Company name,numberofemployees,web_technologies,Annual Revenue,Country/Region,Company owner\n11,Acme,"1,500",Slack,3 millions,France,Marie\n12,Beta,10,,,,Paul\n';
    const { companies, stderr } = await read(hubspot);
    expect(companies[0]).toEqual({ id: '11', name: 'Acme', employees: '1,500', technologies: 'Slack', annualRevenue: '3 millions', country: 'France' });
    expect(stderr.match(/warning/g)).toHaveLength(1);
    expect(stderr).toMatch(/"Company owner"/);
    const salesforce = 'Id,Name,NumberOfEmployees,BillingCountry,Technologies__c,AnnualRevenue\n001A,Acme,250,France,Slack,1000000\n';
    expect((await read(salesforce)).companies).toEqual([{ id: '001A', name: 'Acme', employees: '250', country: 'France', technologies: 'Slack', annualRevenue: '1000000' }]);
  });

  it("the properties of crm.yaml's own mapping are accepted too", async () => {
    const crm = crmConfigSchema.parse({ hubspot: { companies: { employees: 'headcount_2026' } } });
    expect((await read('id,headcount_2026\n1,40\n', companyColumns(crm))).companies).toEqual([{ id: '1', employees: '40' }]);
  });

  it('a refused row says why in user terms', async () => {
    const { companies, problems } = await read('id;name;employees\n1;Acme;10\n2;Beta;10;extra\n3;"Gamma;5\n');
    expect(companies).toEqual([{ id: '1', name: 'Acme', employees: '10' }]);
    expect(problems[0]).toBe('3: 4 values where the header has 3 columns (a separator inside a value that is not quoted?)');
    expect(problems[1]).toMatch(/quoted value is never closed/);
    expect((await read('name\nAcme\n')).problems).toEqual([expect.stringMatching(/^2: no company id in this row/)]);
  });
});
