import { diffProperties, mergePlans, planWrite, sameValue } from '../../src/scoring/change-plan';
import { personaCoverage } from '../../src/scoring/coverage';

describe('sameValue', () => {
  it.each([
    [73, '73', true],
    [73, '73.0', true],
    [73, '74', false],
    [true, 'true', true],
    [false, 'true', false],
    [false, 'FALSE', true],
    ['', null, true],
    [null, '', true],
    ['tier_1', 'tier_1', true],
    ['tier_1', 'tier_2', false],
    ['', 'x', false],
    [0, '', false],
  ])('%j vs %j -> %s', (a, b, expected) => expect(sameValue(a, b)).toBe(expected));
});

describe('diffProperties', () => {
  const next = { icp_fit_score: 80, icp_tier: 'tier_1', icp_scored_at: '2026-11-26T00:00:00.000Z' };

  it('returns null when only the stamp differs', () => {
    expect(diffProperties(next, { icp_fit_score: '80', icp_tier: 'tier_1', icp_scored_at: 'old' }, 'icp_scored_at')).toBeNull();
  });

  it('returns the changed values plus the stamp', () => {
    expect(diffProperties(next, { icp_fit_score: '79', icp_tier: 'tier_1' }, 'icp_scored_at')).toEqual({
      icp_fit_score: 80,
      icp_scored_at: '2026-11-26T00:00:00.000Z',
    });
  });

  it('force writes every value', () => {
    expect(diffProperties(next, { icp_fit_score: '80', icp_tier: 'tier_1' }, 'icp_scored_at', true)).toEqual(next);
  });
});

describe('personaCoverage', () => {
  const key = [
    { id: 'hr', label: 'HR decision maker' },
    { id: 'cfo', label: 'Finance' },
    { id: 'it', label: 'IT' },
  ] as never;

  it.each([
    [[], 0, 'HR decision maker; Finance; IT'],
    [['hr', 'other', 'hr'], 33, 'Finance; IT'],
    [['hr', 'cfo', 'it'], 100, ''],
  ])('%j -> %d%%', (found, percent, missing) => {
    expect(personaCoverage(key, found as string[])).toEqual({ percent, missing });
  });

  it('no key personas is full coverage', () => expect(personaCoverage([], []).percent).toBe(100));
});

describe('planWrite: current values + scores -> the write', () => {
  const stamp = 'icp_scored_at';
  const at = '2026-12-01T00:00:00.000Z';
  it.each([
    ['first run: everything, with the stamp', { icp_tier: 'tier_1', icp_fit_score: 80, [stamp]: at }, {}, false, { values: { icp_tier: 'tier_1', icp_fit_score: 80, [stamp]: at }, before: { icp_tier: null, icp_fit_score: null, [stamp]: null } }],
    ['nothing changed: no write', { icp_tier: 'tier_1', icp_fit_score: 80, [stamp]: at }, { icp_tier: 'tier_1', icp_fit_score: '80', [stamp]: 'yesterday' }, false, null],
    ['one value: that value and the stamp', { icp_tier: 'tier_2', icp_fit_score: 80, [stamp]: at }, { icp_tier: 'tier_1', icp_fit_score: '80' }, false, { values: { icp_tier: 'tier_2', [stamp]: at }, before: { icp_tier: 'tier_1', [stamp]: null } }],
    ['clearing a value writes ""', { icp_personas_missing: '' }, { icp_personas_missing: 'CFO' }, false, { values: { icp_personas_missing: '' }, before: { icp_personas_missing: 'CFO' } }],
    ['a re-score writes even unchanged values', { icp_tal: true }, { icp_tal: 'true' }, true, { values: { icp_tal: true }, before: { icp_tal: 'true' } }],
    ['the stamp alone is never a reason to write', { [stamp]: at }, { [stamp]: 'yesterday' }, false, null],
  ])('%s', (_label, next, current, force, expected) => {
    expect(planWrite(next as never, current as never, stamp, force as boolean)).toEqual(expected);
  });

  it('a later plan of the same record overrides values, keeps the first before', () => {
    const first = { values: { icp_tier: 'tier_1', icp_tal: false }, before: { icp_tier: 'tier_2', icp_tal: true } };
    const then = { values: { icp_tal: true }, before: { icp_tal: false } };
    expect(mergePlans(first, then)).toEqual({ values: { icp_tier: 'tier_1', icp_tal: true }, before: { icp_tier: 'tier_2', icp_tal: true } });
    expect(mergePlans(undefined, then)).toBe(then);
  });
});
