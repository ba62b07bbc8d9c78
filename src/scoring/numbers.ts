const SPACES = /[\s\u00a0\u202f\u2007]+/g;
const CURRENCY = /[€$£¥₣₤₹]|\b(?:eur|euros?|usd|gbp|chf)\b/gi;
/** "~64", "ca. 500", "env. 2M": the number is approximate, which is all a score needs. */
const APPROX = /^(?:~|≈|ca\.|env\.)\s*/i;
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  mille: 1e3,
  m: 1e6,
  mm: 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  md: 1e9,
  mds: 1e9,
  milliard: 1e9,
  milliards: 1e9,
  billion: 1e9,
  billions: 1e9,
};
/** Digits with separators, then an optional unit word: "1.500.000", "2,5m", "3millions". */
const SHAPE = /^(\d[\d.,']*|[.,]\d+)([a-z]*)$/;
/** "51-200", "51–200", "10 to 50", "10 à 50" (a leading minus is a negative number, not a range). */
const RANGE = /^(.*?\d.*?)\s*(?:-|–|—|\sto\s|\sà\s)\s*(\S.*)$/i;
const MAX_LENGTH = 64;
const DIGITS = /^\d+$/;

/** `1.500.000`, `1,500.5`, `2,5`: which separator groups thousands and which marks decimals. */
function parseDigits(text: string): number | undefined {
  if (text.includes("'")) {
    if (!/^\d{1,3}('\d{3})+([.,]\d+)?$/.test(text)) return undefined;
    return Number(text.replace(/'/g, '').replace(',', '.'));
  }
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  if (dots && commas) {
    // Both: the last one is the decimal mark, the other groups thousands.
    const decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [int, frac, extra] = text.split(decimal);
    if (extra !== undefined || !new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(int) || !/^\d+$/.test(frac)) return undefined;
    return Number(`${int.split(group).join('')}.${frac}`);
  }
  const separator = dots ? '.' : commas ? ',' : '';
  if (!separator) return Number(text);
  const parts = text.split(separator);
  const grouped = /^\d{1,3}$/.test(parts[0]) && parts[0] !== '0' && parts.slice(1).every((p) => /^\d{3}$/.test(p));
  // Groups of three digits are thousands ("1,500", "1.500.000"); otherwise a single mark is a decimal one.
  if (grouped) return Number(parts.join(''));
  if (parts.length === 2 && /^\d*$/.test(parts[0]) && /^\d+$/.test(parts[1])) return Number(`${parts[0] || '0'}.${parts[1]}`);
  return undefined;
}

/** One number with its unit word, no range; undefined when it is not one. */
function parseSingle(raw: string): { value: number; unit: string } | undefined {
  let text = raw.replace(CURRENCY, '').trim().replace(APPROX, '').replace(SPACES, '').toLowerCase();
  if (text.endsWith('+')) text = text.slice(0, -1);
  const shape = SHAPE.exec(text);
  if (!shape) return undefined;
  const value = parseDigits(shape[1]);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  if (shape[2] && MULTIPLIERS[shape[2]] === undefined) return undefined;
  return { value, unit: shape[2] };
}

const scaled = (n: { value: number; unit: string }, unit = n.unit) => n.value * (unit ? MULTIPLIERS[unit] : 1);

/**
 * Reads numbers as CRMs, exports and data providers give them (DESIGN.md, ICP scoring semantics):
 * "1 500 000", "1,500,000", "1.500.000", "1'500'000", "2,5M", "12k", "1.5 M€", "$3B", "4 Mds €",
 * "3 millions", "1000+", "~64", and ranges "51-200" (their midpoint). Spaces and currency signs are
 * ignored. Negative numbers, exponents and anything else are undefined (unknown).
 */
export function parseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return undefined;
  // What CRM number properties hold: plain digits.
  if (DIGITS.test(value)) return Number(value);
  const text = value.trim();
  if (!text || text.startsWith('-')) return undefined;
  const single = parseSingle(text);
  if (single) return scaled(single);
  const range = RANGE.exec(text);
  if (!range) return undefined;
  const low = parseSingle(range[1]);
  const high = parseSingle(range[2]);
  if (!low || !high) return undefined;
  // "1-5M": the unit of the upper bound applies to a bare lower bound.
  const a = scaled(low, low.unit || high.unit);
  const b = scaled(high);
  return a <= b ? (a + b) / 2 : undefined;
}
