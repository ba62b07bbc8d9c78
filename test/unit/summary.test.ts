import { formatDiffValue } from '../../src/commands/summary';

describe('dry-run diff values', () => {
  it.each([
    ['100', '100'],
    [0, '0'],
    ['72.5', '72.5'],
    [true, 'true'],
    ['false', 'false'],
    ['tier_1', '"tier_1"'],
    [null, '(empty)'],
    [undefined, '(empty)'],
    ['', '(empty)'],
    ['+30 industry: X', '"+30 industry: X"'],
  ])('%j is shown as %s', (value, shown) => expect(formatDiffValue(value)).toBe(shown));

  it('a number the CRM holds as a string and the one we computed read alike', () => {
    expect(`${formatDiffValue('100')} -> ${formatDiffValue(0)}`).toBe('100 -> 0');
  });
});
