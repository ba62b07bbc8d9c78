import { icpConfigSchema, type IcpConfig } from '../../src/config/icp.schema';
import { compileIcp, reasonsText, type CompanyInput } from '../../src/scoring/icp';

const config = (raw: unknown): IcpConfig => icpConfigSchema.parse(raw);

describe('criteria matches', () => {
  const one = (match: unknown, field = 'industry') => compileIcp(config({ criteria: [{ id: 'c', field, weight: 10, match }], minCompleteness: 0 }));

  it.each([
    [{ in: ['Software'] }, 'software', 100],
    [{ in: ['Software'] }, '  SOFTWARE ', 100],
    [{ in: ['Santé'] }, 'sante', 100],
    [{ in: ['sante'] }, 'SANTÉ', 100],
    [{ in: ['Software'] }, 'Retail', 0],
    [{ in: [250] }, '250', 100],
  ])('in %j with %j scores %d', (match, value, score) => {
    expect(one(match)({ id: 1, industry: value }).score).toBe(score);
  });

  it.each([
    // inside [min, max]
    [{ min: 50, max: 1000 }, 50, 100],
    [{ min: 50, max: 1000 }, 1000, 100],
    [{ min: 50, max: 1000 }, '500', 100],
    // outside without falloff
    [{ min: 50, max: 1000 }, 49, 0],
    [{ min: 50, max: 1000 }, 1001, 0],
    // below min: 1 - (min - v) / (f * min)
    [{ min: 100, falloff: 0.5 }, 75, 50],
    [{ min: 100, falloff: 0.5 }, 50, 0],
    [{ min: 100, falloff: 0.5 }, 10, 0],
    // above max: 1 - (v - max) / (f * max)
    [{ max: 1000, falloff: 1 }, 1500, 50],
    [{ max: 1000, falloff: 1 }, 2000, 0],
    [{ max: 1000, falloff: 1 }, 5000, 0],
    [{ max: 1000, falloff: 2 }, 1500, 75],
    [{ min: 10 }, 1e12, 100],
  ])('range %j with %j scores %d', (range, value, score) => {
    expect(one({ range }, 'employees')({ id: 1, employees: value }).score).toBe(score);
  });

  it.each([
    [{ any: ['Slack', 'Notion'] }, ['slack'], 100],
    [{ any: ['Slack', 'Notion'] }, 'Jira; Notion', 100],
    [{ any: ['Slack', 'Notion'] }, 'Jira', 0],
    [{ all: ['Slack', 'Notion', 'Jira', 'Figma'] }, 'Slack;Jira', 50],
    [{ all: ['Slack', 'Notion'] }, ['Notion', 'Slack', 'Zoom'], 100],
    [{ none: ['Workday'] }, 'Slack;Jira', 100],
    [{ none: ['Workday'] }, ' workday ;Jira', 0],
  ])('%j with %j scores %d', (match, value, score) => {
    expect(one(match, 'technologies')({ id: 1, technologies: value }).score).toBe(score);
  });

  it.each([[undefined], [null], [''], ['   '], [[]], ['; ;'], [{}]])('list value %j is unknown', (value) => {
    const result = one({ any: ['Slack'] }, 'technologies')({ id: 1, technologies: value });
    expect(result.completeness).toBe(0);
    expect(result.reasons).toEqual(['?c: unknown']);
  });

  it.each([[undefined], [null], [''], ['n/a'], ['lots'], [NaN]])('number %j is unknown', (value) => {
    expect(one({ range: { min: 1 } }, 'employees')({ id: 1, employees: value }).completeness).toBe(0);
  });
});

describe('score, completeness, tiers', () => {
  const icp = config({
    criteria: [
      { id: 'industry', field: 'industry', weight: 30, match: { in: ['COMPUTER_SOFTWARE'] } },
      { id: 'size', field: 'employees', weight: 50, match: { range: { min: 50, max: 500, falloff: 1 } } },
      { id: 'country', field: 'country', weight: 20, match: { in: ['FR'] } },
    ],
    knockouts: [{ id: 'competitor', field: 'domain', match: { in: ['rival.com'] } }],
    tiers: { tier_1: 80, tier_2: 60, tier_3: 40 },
  });
  const score = compileIcp(icp);
  const company = (c: Partial<CompanyInput>): CompanyInput => ({ id: 'x', ...c });

  it.each([
    ['all known and matching', { industry: 'COMPUTER_SOFTWARE', employees: 100, country: 'FR' }, 100, 'tier_1', 1],
    ['unknown fields leave the sums', { industry: 'COMPUTER_SOFTWARE', employees: 100 }, 100, 'tier_1', 0.8],
    ['partial range', { industry: 'RETAIL', employees: 750, country: 'FR' }, 45, 'tier_3', 1],
    ['60 exactly is tier 2', { industry: 'RETAIL', employees: 100, country: 'DE' }, 50, 'tier_3', 1],
    ['below completeness', { country: 'FR' }, 100, 'insufficient_data', 0.2],
    ['completeness exactly at the minimum', { employees: 100 }, 100, 'tier_1', 0.5],
    ['nothing known', {}, 0, 'insufficient_data', 0],
    ['no fit', { industry: 'RETAIL', employees: 5000, country: 'DE' }, 0, 'no_fit', 1],
  ])('%s', (_, fields, expectedScore, tier, completeness) => {
    const result = score(company(fields));
    expect(result).toMatchObject({ score: expectedScore, tier });
    expect(result.completeness).toBeCloseTo(completeness, 10);
  });

  it('rounds half up', () => {
    const halves = compileIcp(config({ criteria: [
      { id: 'a', field: 'industry', weight: 1, match: { in: ['x'] } },
      { id: 'b', field: 'country', weight: 1, match: { in: ['x'] } },
      { id: 'c', field: 'name', weight: 2, match: { in: ['x'] } },
      { id: 'd', field: 'domain', weight: 4, match: { in: ['x'] } },
    ] }));
    // 3 / 8 = 37.5 -> 38, 5 / 8 = 62.5 -> 63
    expect(halves({ id: 1, industry: 'x', name: 'x', country: 'y', domain: 'y' }).score).toBe(38);
    expect(halves({ id: 1, industry: 'x', domain: 'x', name: 'y', country: 'y' }).score).toBe(63);
    // 1 / 8 = 12.5 -> 13
    expect(halves({ id: 1, industry: 'x', domain: 'y', name: 'y', country: 'y' }).score).toBe(13);
  });

  it('a knockout zeroes the score, sets no_fit and names itself', () => {
    const result = score(company({ domain: 'Rival.com', industry: 'COMPUTER_SOFTWARE', employees: 100, country: 'FR' }));
    expect(result).toMatchObject({ score: 0, tier: 'no_fit', knockedOut: true });
    expect(result.reasons[0]).toMatch(/^knockout competitor/);
  });

  it('a knockout on an unknown field does not fire', () => {
    expect(score(company({ industry: 'COMPUTER_SOFTWARE', employees: 100, country: 'FR' })).knockedOut).toBe(false);
  });

  it('explains every criterion', () => {
    const result = score(company({ industry: 'COMPUTER_SOFTWARE', employees: 750 }));
    expect(result.reasons).toEqual(['+30 industry: COMPUTER_SOFTWARE', '+25/50 size: 750', '?country: unknown']);
    expect(score(company({ industry: 'RETAIL', employees: 100 })).reasons[0]).toBe('+0/30 industry: RETAIL');
  });

  it('uses custom tier thresholds, first threshold <= score wins', () => {
    const strict = compileIcp({ ...icp, tiers: { tier_1: 95, tier_2: 90, tier_3: 10 } });
    expect(strict(company({ industry: 'RETAIL', employees: 100, country: 'FR' })).tier).toBe('tier_3');
  });

  it('keeps the reasons text within 1024 characters, never cutting an emoji in half', () => {
    const text = reasonsText(Array.from({ length: 200 }, (_, i) => `+1 criterion_${i}: some value`));
    expect(text.length).toBeLessThanOrEqual(1024);
    for (let pad = 0; pad < 4; pad++) {
      const cut = reasonsText(['x'.repeat(1020 + pad), '😀'.repeat(10)]);
      expect(cut.length).toBeLessThanOrEqual(1024);
      expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
  });

  it('never throws on hostile values', () => {
    const hostile = ['\u0000\u001f', '😀'.repeat(5000), 'x'.repeat(10_000), { toString: 1 }, [1, {}, null]];
    for (const value of hostile) {
      expect(() => score({ id: 1, industry: value, employees: value, country: value, technologies: value })).not.toThrow();
    }
  });
});
