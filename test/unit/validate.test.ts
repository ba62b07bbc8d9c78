import YAML from 'yaml';
import { icpConfigSchema, type IcpConfig } from '../../src/config/icp.schema';
import { personasConfigSchema } from '../../src/config/personas.schema';
import { compileIcp, compileIcpWithMatches, type CompanyInput } from '../../src/scoring/icp';
import { fitWeights, thresholdsFor } from '../../src/validate/fit';
import { groupStats, GroupTotals } from '../../src/validate/groups';
import { parseCloseDate, toDeal } from '../../src/validate/records';
import { validateConfig, type ValidationData } from '../../src/validate/report';
import { runValidation } from '../../src/validate/run';
import { suggestionYaml } from '../../src/validate/suggest';
import type { DealInput } from '../../src/validate/types';
import { closedWindow, inWindow } from '../../src/validate/window';

const icp = (raw: Record<string, unknown>): IcpConfig => icpConfigSchema.parse(raw);
const personas = personasConfigSchema.parse({
  personas: [
    { id: 'hr_head', label: 'HR head', functions: ['hr'], seniorities: ['c_level', 'vp', 'director'], buyingRole: 'DECISION_MAKER', key: true },
    { id: 'finance_head', label: 'Finance head', functions: ['finance'], seniorities: ['c_level', 'director'], buyingRole: 'BUDGET_HOLDER', key: true },
    { id: 'it_people', label: 'IT', functions: ['it'], seniorities: ['manager'], buyingRole: 'INFLUENCER' },
  ],
});

const NOW = new Date('2026-06-15T10:00:00Z');
const WINDOW = closedWindow(NOW, 24);
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

let dealNo = 0;
function deal(companyId: string | null, won: boolean, amount: number | null = 100, day = '2026-01-10', closed = true): DealInput {
  return { id: `d${++dealNo}`, companyId, closed, won, amount, closedAt: day === '' ? null : at(day) };
}

/** One criterion on employees: 1 inside 100-200, partial with falloff, 0 far off, unknown when missing. */
const headcountIcp = icp({
  criteria: [{ id: 'headcount', field: 'employees', weight: 10, match: { range: { min: 100, max: 200, falloff: 1 } } }],
  tiers: { tier_1: 80, tier_2: 60, tier_3: 40 },
  minCompleteness: 0.5,
  tal: { minTier: 'tier_2' },
});
const config = (i: IcpConfig) => ({ icp: i, personas, modelVersion: 'test' });

describe('group figures', () => {
  const totals = (closed: number, won: number, accounts = 1, wonAmount = 0) => {
    const t = new GroupTotals();
    for (let i = 0; i < accounts; i++) t.add(i === 0 ? { closed, won, wonAmount } : undefined);
    return t;
  };
  it.each([
    // closed, won, baseline win rate, baseline wins -> winRate, lift, shareOfWins
    [10, 5, 0.25, 20, 0.5, 2, 0.25],
    [4, 0, 0.25, 20, 0, 0, 0],
    [0, 0, 0.25, 20, null, null, 0],
    [10, 5, 0, 0, 0.5, null, null],
    [10, 5, null, 0, 0.5, null, null],
    [3, 3, 0.5, 3, 1, 2, 1],
  ])('closed %d won %d against win rate %p (%d wins)', (closed, won, baseRate, baseWon, rate, lift, share) => {
    const g = groupStats(totals(closed, won), { winRate: baseRate as number | null, won: baseWon });
    expect(g.winRate).toBe(rate);
    expect(g.lift).toBe(lift);
    expect(g.shareOfWins).toBe(share);
  });

  it('counts accounts with and without deals', () => {
    const t = totals(2, 1, 3, 500);
    expect(groupStats(t, { winRate: 0.5, won: 1 })).toEqual({ closed: 2, won: 1, winRate: 0.5, lift: 1, wonAmount: 500, shareOfWins: 1, accounts: 3, accountsWithDeals: 1 });
  });
});

describe('window', () => {
  it.each([
    ['2026-06-15T10:00:00Z', 24, '2024-06-15T00:00:00.000Z', '2026-06-15T23:59:59.999Z'],
    ['2026-03-31T23:00:00Z', 1, '2026-02-28T00:00:00.000Z', '2026-03-31T23:59:59.999Z'],
    ['2024-03-31T01:00:00Z', 1, '2024-02-29T00:00:00.000Z', '2024-03-31T23:59:59.999Z'],
    ['2026-01-15T00:00:00Z', 12, '2025-01-15T00:00:00.000Z', '2026-01-15T23:59:59.999Z'],
  ])('%s minus %d months', (now, months, from, to) => {
    const w = closedWindow(new Date(now), months);
    expect(new Date(w.from).toISOString()).toBe(from);
    expect(new Date(w.to).toISOString()).toBe(to);
  });

  it.each([
    ['closed on the first day', { closed: true, closedAt: Date.parse('2024-06-15T00:00:00Z') }, true],
    ['closed the day before', { closed: true, closedAt: Date.parse('2024-06-14T23:59:59Z') }, false],
    ['closed today, later than now', { closed: true, closedAt: Date.parse('2026-06-15T22:00:00Z') }, true],
    ['closed tomorrow', { closed: true, closedAt: Date.parse('2026-06-16T00:00:00Z') }, false],
    ['open', { closed: false, closedAt: Date.parse('2026-01-01T00:00:00Z') }, false],
    ['closed without a close date', { closed: true, closedAt: null }, false],
  ])('%s', (_name, fields, expected) => {
    expect(inWindow({ id: 'x', companyId: '1', won: false, amount: 1, ...fields }, WINDOW)).toBe(expected);
  });
});

describe('attribution and counts', () => {
  const companies: CompanyInput[] = [
    { id: 'a', name: 'A', employees: 150 },
    { id: 'b', name: 'B', employees: 1000 },
    { id: 'c', name: 'C' },
  ];
  const deals = [
    deal('a', true, 1000),
    deal('a', false, 300),
    deal('b', true, null),
    deal(null, true, 50),
    deal('zzz', false, 10),
    deal('a', true, 99, '2020-01-01'),
    deal('a', true, 99, '2026-03-01', false),
    deal('c', false, 1, ''),
  ];
  const { report, companies: scored } = validateConfig(config(headcountIcp), { companies, deals }, WINDOW);

  it('counts closed deals in the window, with those without a known company as unattributed', () => {
    expect(report.deals).toEqual({ closed: 5, won: 3, lost: 2, unattributed: 2 });
  });

  it('overall is the attributed deals', () => {
    expect(report.overall).toEqual({ closed: 3, won: 2, winRate: 2 / 3, lift: 1, wonAmount: 1000, shareOfWins: 1, accounts: 3, accountsWithDeals: 2 });
  });

  it('gives every tier and both TAL groups, in order, with accounts whether or not they have deals', () => {
    expect(report.tiers.map((t) => [t.tier, t.accounts, t.closed, t.won])).toEqual([
      ['tier_1', 1, 2, 1],
      ['tier_2', 0, 0, 0],
      ['tier_3', 0, 0, 0],
      ['no_fit', 1, 1, 1],
      ['insufficient_data', 1, 0, 0],
    ]);
    expect(report.tiers[0].lift).toBeCloseTo(0.5 / (2 / 3));
    expect(report.tiers[1].winRate).toBeNull();
    expect(report.tal.map((t) => [t.tal, t.accounts, t.closed, t.won])).toEqual([
      [true, 1, 2, 1],
      [false, 2, 1, 1],
    ]);
  });

  it('buckets each criterion by its match value', () => {
    const b = scored.find((c) => c.id === 'b')!;
    expect(b.matches).toEqual([0]);
    const k = report.criteria[0];
    expect([k.full.accounts, k.partial.accounts, k.none.accounts, k.unknown.accounts]).toEqual([1, 0, 1, 1]);
    expect([k.full.closed, k.none.closed, k.unknown.closed]).toEqual([2, 1, 0]);
  });

  it('lists won no_fit accounts, biggest won amount first', () => {
    expect(report.falseNegatives).toEqual([{ id: 'b', name: 'B', score: 0, tier: 'no_fit', won: 1, wonAmount: 0 }]);
  });

  it('warns under 50 wins, and about unattributed deals and missing contacts', () => {
    expect(report.warnings[0]).toMatch(/only 2 won deals.*directional only/);
    expect(report.warnings.join('\n')).toMatch(/2 closed deals have no company/);
    expect(report.personas).toEqual([]);
  });
});

describe('buckets', () => {
  it.each([
    [150, 'full'],
    [100, 'full'],
    [75, 'partial'],
    [300, 'partial'],
    [0, 'none'],
    [500, 'none'],
    [20, 'partial'],
    [401, 'none'],
    [undefined, 'unknown'],
    ['n/a', 'unknown'],
  ])('employees %p is %s', (employees, bucket) => {
    const { report } = validateConfig(config(headcountIcp), { companies: [{ id: 'x', employees }], deals: [deal('x', true)] }, WINDOW);
    const k = report.criteria[0];
    expect(k[bucket as 'full'].closed).toBe(1);
    expect(k.full.closed + k.partial.closed + k.none.closed + k.unknown.closed).toBe(1);
  });
});

describe('falseNegatives order and TAL with maxSize', () => {
  it('sorts by won amount, then wins, then id', () => {
    const companies = ['p', 'q', 'r', 's'].map((id) => ({ id, employees: 5000 }));
    const deals = [deal('p', true, 100), deal('q', true, 900), deal('r', true, 100), deal('r', true, 0), deal('s', false, 100)];
    const { report } = validateConfig(config(headcountIcp), { companies, deals }, WINDOW);
    expect(report.falseNegatives.map((f) => [f.id, f.won, f.wonAmount])).toEqual([
      ['q', 1, 900],
      ['r', 2, 100],
      ['p', 1, 100],
    ]);
  });

  it('computes the TAL with the config rules, maxSize included', () => {
    const capped = icp({ ...headcountIcp, tal: { minTier: 'tier_2', maxSize: 2 } });
    const companies = [
      { id: '1', employees: 150 },
      { id: '2', employees: 160 },
      { id: '3', employees: 170 },
    ];
    const { report } = validateConfig(config(capped), { companies, deals: [deal('3', true)] }, WINDOW);
    expect(report.tal[0]).toMatchObject({ tal: true, accounts: 2, closed: 0 });
    expect(report.tal[1]).toMatchObject({ tal: false, accounts: 1, closed: 1, won: 1 });
  });
});

describe('personas', () => {
  it('splits accounts by whether each key persona is present', () => {
    const companies = [{ id: 'a', employees: 150 }, { id: 'b', employees: 150 }, { id: 'c', employees: 150 }];
    const data: ValidationData = {
      companies,
      deals: [deal('a', true), deal('b', false), deal('c', false), deal('c', true)],
      personasFound: new Map([
        ['a', new Set(['hr_head'])],
        ['b', new Set(['hr_head', 'finance_head'])],
      ]),
    };
    const { report } = validateConfig(config(headcountIcp), data, WINDOW);
    expect(report.personas.map((p) => p.id)).toEqual(['hr_head', 'finance_head']);
    expect(report.personas[0].present).toMatchObject({ accounts: 2, closed: 2, won: 1, winRate: 0.5 });
    expect(report.personas[0].absent).toMatchObject({ accounts: 1, closed: 2, won: 1 });
    expect(report.personas[1].present).toMatchObject({ accounts: 1, closed: 1, won: 0, winRate: 0 });
  });
});

describe('deal rows from exports', () => {
  it.each([
    [{ id: '1', companyId: '9', closed: 'true', won: 'false', amount: '1 500', closeDate: '2026-01-02' }, { companyId: '9', closed: true, won: false, amount: 1500, closedAt: Date.parse('2026-01-02T00:00:00Z') }],
    [{ 'Record ID': '2', 'Associated Company ID': '7', hs_is_closed: 'TRUE', hs_is_closed_won: 'TRUE', Amount: '2,5k', closedate: '1767225600000' }, { companyId: '7', closed: true, won: true, amount: 2500, closedAt: 1767225600000 }],
    [{ Id: '006x', AccountId: '001x', IsClosed: true, IsWon: true, Amount: 10, CloseDate: '2026-02-01' }, { companyId: '001x', closed: true, won: true, amount: 10 }],
    [{ id: '3', dealstage: 'closedwon', closedate: '2026-01-01T10:00:00Z' }, { companyId: null, closed: true, won: true, amount: null }],
    [{ id: '4', StageName: 'Closed Lost', CloseDate: '2026-01-01' }, { closed: true, won: false }],
    [{ id: '5', dealstage: 'appointmentscheduled', amount: '' }, { closed: false, won: false, amount: null, closedAt: null }],
    [{ id: '6', closed: 'false', won: 'true' }, { closed: false, won: false }],
    [{ 'Record ID': '7', 'Deal Stage': 'Closed Won', 'Associated Company IDs (Primary)': '18;19', 'Close Date': '2026-03-15 10:00' }, { companyId: '18', closed: true, won: true }],
    [{ 'Record ID': '8', 'Is Deal Closed?': 'true', 'Is Closed Won': 'false', 'Associated Company IDs': '' }, { companyId: null, closed: true, won: false }],
  ])('%j', (row, expected) => {
    expect(toDeal(row)).toMatchObject(expected);
  });

  it('needs an id', () => {
    expect(toDeal({ amount: 1 })).toMatch(/no deal id/);
  });

  it.each([
    ['2026-01-02', Date.parse('2026-01-02T00:00:00Z')],
    ['2026-01-02T03:04:05.000Z', Date.parse('2026-01-02T03:04:05Z')],
    ['1767225600000', 1767225600000],
    ['soon', null],
    ['', null],
  ])('close date %p', (value, expected) => {
    expect(parseCloseDate(value)).toBe(expected);
  });
});

describe('scorer with match values', () => {
  it('keeps the scores of compileIcp and tells each criterion match', () => {
    const config2 = icp({
      criteria: [
        { id: 'country', field: 'country', weight: 25, match: { in: ['FR'] } },
        { id: 'headcount', field: 'employees', weight: 30, match: { range: { min: 50, max: 1000, falloff: 1 } } },
        { id: 'stack', field: 'technologies', weight: 10, match: { all: ['Slack', 'Notion'] } },
      ],
      knockouts: [{ id: 'micro', field: 'employees', match: { range: { max: 9 } } }],
    });
    const plain = compileIcp(config2);
    const withMatches = compileIcpWithMatches(config2);
    const companies: CompanyInput[] = [
      { id: 1, country: 'FR', employees: 25, technologies: 'Slack' },
      { id: 2, country: 'DE' },
      { id: 3, employees: 5 },
    ];
    for (const c of companies) {
      const { matches, ...result } = withMatches(c);
      expect(result).toEqual(plain(c));
    }
    expect(withMatches(companies[0]).matches).toEqual([1, 0.5, 0.5]);
    expect(withMatches(companies[1]).matches).toEqual([0, null, null]);
    const knockedOut = withMatches(companies[2]);
    expect(knockedOut.score).toBe(0);
    expect(knockedOut.matches[0]).toBeNull();
    expect(knockedOut.matches[1]).toBeCloseTo(0.1);
  });
});

describe('recalibration', () => {
  /** Truth: criterion `stack` decides, `country` does nothing, whatever the current weights say. */
  const truthIcp = icp({
    criteria: [
      { id: 'country', field: 'country', weight: 60, match: { in: ['FR'] } },
      { id: 'stack', field: 'technologies', weight: 10, match: { any: ['Slack'] } },
      { id: 'industry', field: 'industry', weight: 30, match: { in: ['SOFTWARE'] } },
    ],
    tiers: { tier_1: 80, tier_2: 60, tier_3: 40 },
    tal: { minTier: 'tier_1' },
  });
  const companies: CompanyInput[] = [];
  const deals: DealInput[] = [];
  // Deterministic: every combination of the three criteria, many times.
  for (let i = 0; i < 800; i++) {
    const fr = i % 2 === 0;
    const slack = Math.floor(i / 2) % 2 === 0;
    const software = Math.floor(i / 4) % 2 === 0;
    const id = `c${i}`;
    companies.push({ id, country: fr ? 'FR' : 'DE', technologies: slack ? 'Slack' : 'Jira', industry: software ? 'SOFTWARE' : 'RETAIL', employees: i % 7 === 0 ? undefined : 100 });
    // Win probability 0.75 with Slack (0.85 if also software), 0.1 without; country has no effect.
    const p = slack ? (software ? 0.85 : 0.75) : software ? 0.2 : 0.1;
    const won = ((i * 7919) % 100) / 100 < p;
    deals.push(deal(id, won, 1000));
  }
  const data: ValidationData = { companies, deals };

  it('fits weights that follow the deals: the decisive criterion up, the useless one down, same total', () => {
    const { companies: scored } = validateConfig(config(truthIcp), data, WINDOW);
    const weights = fitWeights(truthIcp, scored)!;
    const [country, stack, industry] = weights;
    expect(stack).toBeGreaterThan(60);
    expect(country).toBeLessThan(5);
    expect(industry).toBeGreaterThan(country);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 0);
  });

  it('raises the top tier lift and keeps tier shares; the YAML is a valid icp.yaml', () => {
    const run = runValidation({ current: config(truthIcp), suggest: true, data, window: WINDOW });
    const before = run.report.tiers[0];
    const after = run.report.candidate!.tiers[0];
    expect(after.lift!).toBeGreaterThan(before.lift!);
    expect(Math.abs(after.accounts - before.accounts)).toBeLessThanOrEqual(companies.length * 0.15);
    const yaml = suggestionYaml(run.suggestion!, { closed: 800, won: 400, from: run.report.window.from, to: run.report.window.to, current: truthIcp });
    const parsed = icpConfigSchema.parse(YAML.parse(yaml));
    expect(parsed.criteria.map((c) => c.id)).toEqual(['country', 'stack', 'industry']);
    expect(parsed.criteria.map((c) => c.match)).toEqual(truthIcp.criteria.map((c) => c.match));
    expect(parsed.tal).toEqual(truthIcp.tal);
    expect(yaml).toMatch(/copy this file over icp.yaml/);
  });

  it('suggests nothing without closed deals on scored companies', () => {
    const run = runValidation({ current: config(truthIcp), suggest: true, data: { companies, deals: [] }, window: WINDOW });
    expect(run.suggestion).toBeUndefined();
    expect(run.report.candidate).toBeUndefined();
    expect(run.report.criteria.every((c) => c.suggestedWeight === null)).toBe(true);
  });

  it.each([
    // scores, targets (tier_1, tier_1..2, tier_1..3) -> thresholds
    [[95, 90, 85, 70, 65, 50, 30, 10], [2, 4, 6], { tier_1: 90, tier_2: 70, tier_3: 50 }],
    [[95, 90, 85, 70, 65, 50, 30, 10], [3, 5, 7], { tier_1: 85, tier_2: 65, tier_3: 30 }],
    [[100, 100, 100, 40], [1, 3, 4], { tier_1: 100, tier_2: 100, tier_3: 40 }],
    [[50, 50, 50, 50], [0, 0, 4], { tier_1: 100, tier_2: 100, tier_3: 50 }],
    [[], [0, 0, 0], { tier_1: 100, tier_2: 100, tier_3: 100 }],
  ])('thresholds for %j keeping %j', (scores, targets, expected) => {
    expect(thresholdsFor(scores, targets as [number, number, number])).toEqual(expected);
  });
});
