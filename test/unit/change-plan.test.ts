import { diffProperties, sameValue } from '../../src/scoring/change-plan';
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
