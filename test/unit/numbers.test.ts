import { parseNumber } from '../../src/scoring/numbers';

describe('parseNumber', () => {
  it.each([
    [1500, 1500],
    ['1500', 1500],
    ['1 500 000', 1_500_000],
    ['1\u00a0500\u00a0000', 1_500_000],
    ['1\u202f500', 1500],
    ['2,5M', 2_500_000],
    ['2,5', 2.5],
    ['12k', 12_000],
    ['12K', 12_000],
    ['1.5 M€', 1_500_000],
    ['$3B', 3e9],
    ['3bn', 3e9],
    ['4 Mds €', 4e9],
    ['4 Md€', 4e9],
    ['3 MM', 3e6],
    ['€ 1.2bn', 1.2e9],
    ['£250', 250],
    ['1,500.50', 1500.5],
    ['10 000 EUR', 10_000],
    ['-5', -5],
    ['  42  ', 42],
  ])('%j -> %d', (input, expected) => {
    expect(parseNumber(input)).toBeCloseTo(expected, 6);
  });

  it.each([
    [''],
    ['   '],
    ['abc'],
    ['N/A'],
    ['12 apples'],
    ['2.5.3'],
    ['1,500,000'],
    ['5x'],
    [NaN],
    [Infinity],
    [null],
    [undefined],
    [{}],
    [['12']],
    [true],
    ['9'.repeat(10_000)],
  ])('%j is unknown', (input) => {
    expect(parseNumber(input)).toBeUndefined();
  });
});
