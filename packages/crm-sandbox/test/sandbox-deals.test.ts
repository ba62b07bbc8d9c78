import { createDataset, OUTCOME_MODEL, startSandbox, winProbability, type RunningSandbox } from '../src';

const share = (items: unknown[], test: (item: any) => boolean) => items.filter(test).length / items.length;
const END = Date.UTC(2026, 5, 1);

describe('sandbox seed deals', () => {
  const dataset = createDataset({ seed: 42, companies: 1000, contacts: 10, dealsEndAt: END });
  const deals = Array.from({ length: dataset.deals }, (_, i) => dataset.deal(i));

  test('two per company by default, deterministic by seed, different across seeds', () => {
    expect(dataset.deals).toBe(2000);
    expect(createDataset({ seed: 42, companies: 1000, contacts: 10, dealsEndAt: END }).deal(1234)).toEqual(deals[1234]);
    expect(createDataset({ seed: 43, companies: 1000, contacts: 10, dealsEndAt: END }).deal(1234)).not.toEqual(deals[1234]);
    expect(() => dataset.deal(2000)).toThrow(RangeError);
  });

  test('mostly closed in the 36 months before the end day, a few without company or amount', () => {
    const closed = deals.filter((d) => d.closed);
    expect(share(deals, (d) => d.closed)).toBeCloseTo(0.85, 1);
    expect(closed.every((d) => d.closeAt <= END && d.closeAt > END - 37 * 31 * 86_400_000)).toBe(true);
    expect(deals.filter((d) => !d.closed).every((d) => d.closeAt >= END && !d.won)).toBe(true);
    expect(share(deals, (d) => d.companyIndex === null)).toBeGreaterThan(0.01);
    expect(share(deals, (d) => d.companyIndex === null)).toBeLessThan(0.06);
    expect(share(deals, (d) => d.amount === null)).toBeLessThan(0.1);
    expect(deals.some((d) => d.association === 'partner-first' && d.partnerIndex !== d.companyIndex)).toBe(true);
  });

  test('outcomes follow the seeded model: the stack decides, headcount does nothing', () => {
    expect(OUTCOME_MODEL.headcount).toBe(0);
    const closed = deals.filter((d) => d.closed && d.companyIndex !== null);
    const modern = ['Slack', 'Microsoft 365', 'Google Workspace', 'Notion', 'HubSpot', 'Salesforce'];
    const stack = (d: (typeof closed)[number]) => Boolean(dataset.company(d.companyIndex!).technologies?.some((t) => modern.includes(t)));
    const midSize = (d: (typeof closed)[number]) => {
      const employees = dataset.company(d.companyIndex!).employees;
      return typeof employees === 'number' && employees >= 50 && employees <= 1000;
    };
    const rate = (items: typeof closed) => share(items, (d) => d.won);
    expect(rate(closed.filter(stack))).toBeGreaterThan(rate(closed.filter((d) => !stack(d))) + 0.4);
    expect(Math.abs(rate(closed.filter(midSize)) - rate(closed.filter((d) => !midSize(d))))).toBeLessThan(0.08);
    expect(winProbability(dataset.company(0))).toBeGreaterThan(0);
  });
});

describe('Salesforce sandbox: Opportunity', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ crm: 'salesforce', companies: 50, contacts: 10, deals: 120, seed: 3 });
  });
  afterAll(() => sandbox.close());

  test('SOQL on closed Opportunities by CloseDate, with AccountId, Amount, IsWon', async () => {
    const soql = 'SELECT Id, AccountId, IsClosed, IsWon, Amount, CloseDate, StageName FROM Opportunity WHERE IsClosed = true AND CloseDate >= 2000-01-01';
    const res = await fetch(`${sandbox.url}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, { headers: { authorization: 'Bearer t' } });
    const body = await res.json();
    const dataset = createDataset({ seed: 3, companies: 50, contacts: 10, deals: 120 });
    const expected = Array.from({ length: 120 }, (_, i) => dataset.deal(i)).filter((d) => d.closed);
    expect(body.totalSize).toBe(expected.length);
    const row = body.records[0];
    expect(row.Id).toMatch(/^006/);
    expect(row.CloseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.StageName).toBe(row.IsWon ? 'Closed Won' : 'Closed Lost');
    expect(body.records.filter((r: { IsWon: boolean }) => r.IsWon)).toHaveLength(expected.filter((d) => d.won).length);
    expect(body.records.filter((r: { AccountId: string | null }) => r.AccountId === null)).toHaveLength(expected.filter((d) => d.companyIndex === null).length);
  });
});
