import { talSchema } from '../../src/config/icp.schema';
import { compileTal, normalizeDomain, type TalEntry } from '../../src/scoring/tal';

const entry = (id: string | number, score: number, tier: TalEntry['tier'], domain?: string, completeness = 1): TalEntry => ({ id, score, tier, domain, completeness });

describe('normalizeDomain', () => {
  it.each([
    ['acme.fr', 'acme.fr'],
    ['https://www.Acme.fr/about?x=1', 'acme.fr'],
    ['WWW.ACME.FR.', 'acme.fr'],
    ['http://shop.acme.fr:8080', 'shop.acme.fr'],
    ['  ', undefined],
    [undefined, undefined],
  ])('%j -> %j', (input, expected) => expect(normalizeDomain(input)).toBe(expected));
});

describe('TAL', () => {
  const tal = (raw: unknown) => compileTal(talSchema.parse(raw));

  it('takes minTier or better, not excluded, or included', () => {
    const t = tal({ minTier: 'tier_2', include: ['https://www.vip.fr'], exclude: ['Customer.com'] });
    const entries = [
      entry('a', 90, 'tier_1'),
      entry('b', 65, 'tier_2'),
      entry('c', 45, 'tier_3'),
      entry('d', 95, 'tier_1', 'customer.com'),
      entry('e', 0, 'no_fit', 'vip.fr'),
      entry('f', 100, 'insufficient_data'),
    ];
    expect([...t.select(entries)].sort()).toEqual(['a', 'b', 'e']);
    expect(entries.map((e) => t.qualifies(e))).toEqual([true, true, false, false, true, false]);
  });

  it('included wins over excluded', () => {
    expect(tal({ minTier: 'tier_1', include: ['x.fr'], exclude: ['x.fr'] }).status(entry(1, 0, 'no_fit', 'x.fr'))).toBe('included');
  });

  it('with maxSize keeps the included and the best (maxSize - included) candidates', () => {
    const t = tal({ minTier: 'tier_3', maxSize: 3, include: ['vip.fr'] });
    const entries = [
      entry('low', 41, 'tier_3'),
      entry('vip', 10, 'no_fit', 'vip.fr'),
      entry('b', 90, 'tier_1', undefined, 0.8),
      entry('a', 90, 'tier_1', undefined, 0.8),
      entry('c', 90, 'tier_1', undefined, 1),
      entry('d', 85, 'tier_1'),
    ];
    // ranked: c (90, 1.0), a (90, 0.8, id a), b (90, 0.8, id b), d...; room = 3 - 1 = 2
    expect([...t.select(entries)].sort()).toEqual(['a', 'c', 'vip']);
  });

  it('ranks numeric ids in number order on ties ("8" before "10")', () => {
    const t = tal({ minTier: 'tier_1', maxSize: 2 });
    expect([...t.select([entry('10', 90, 'tier_1'), entry('9', 90, 'tier_1'), entry('8', 90, 'tier_1')])].sort()).toEqual(['8', '9']);
  });

  it('with more included than maxSize keeps only the included', () => {
    const t = tal({ minTier: 'tier_1', maxSize: 1, include: ['a.fr', 'b.fr'] });
    expect([...t.select([entry(1, 0, 'no_fit', 'a.fr'), entry(2, 0, 'no_fit', 'b.fr'), entry(3, 99, 'tier_1')])].sort()).toEqual([1, 2]);
  });

  it('no tal config: nobody is on it', () => {
    expect(compileTal(undefined).select([entry(1, 100, 'tier_1')]).size).toBe(0);
  });
});

describe('TAL prediction from the last ranking', () => {
  const tal = compileTal({ minTier: 'tier_2', maxSize: 2, include: ['vip.fr'], exclude: ['no.fr'] });
  const ranked = tal.createSelector();
  for (const e of [entry('1', 90, 'tier_1'), entry('2', 85, 'tier_1'), entry('3', 70, 'tier_2'), entry('4', 20, 'no_fit')]) ranked.add(e);
  ranked.result();
  const cut = ranked.cut();

  it('keeps the lowest-ranked member as the cut', () => expect(cut?.id).toBe('2'));
  it.each([
    ['above the cut', entry('9', 95, 'tier_1'), true],
    ['the cut itself', entry('2', 85, 'tier_1'), true],
    ['below the cut', entry('3', 70, 'tier_2'), false],
    ['not a candidate', entry('4', 20, 'no_fit'), false],
    ['included by domain', entry('5', 10, 'no_fit', 'vip.fr'), true],
    ['excluded by domain', entry('6', 99, 'tier_1', 'no.fr'), false],
  ])('%s', (_label, e, expected) => expect(tal.predict(e, cut)).toBe(expected));
  it('with a null cut (every candidate kept) a candidate is in; before any ranking it is out', () => {
    const roomy = compileTal({ minTier: 'tier_2', maxSize: 10, include: [], exclude: [] }).createSelector();
    roomy.add(entry('1', 90, 'tier_1'));
    roomy.result();
    expect(roomy.cut()).toBeNull();
    expect(tal.predict(entry('3', 70, 'tier_2'), null)).toBe(true);
    expect(tal.predict(entry('3', 70, 'tier_2'), undefined)).toBe(false);
    expect(tal.predict(entry('5', 10, 'no_fit', 'vip.fr'), undefined)).toBe(true);
  });
});
