const SPACES = /[\s\u00a0\u202f\u2007]+/g;
const CURRENCY = /[€$£¥₣₤₹]|\b(?:eur|euros?|usd|gbp|chf)\b/gi;
const SUFFIXES: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9, md: 1e9, mds: 1e9 };
const SHAPE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([a-z]*)$/;
const PLAIN = /^\d+(?:\.\d+)?$/;

/**
 * Reads the numbers real CRMs hold: "1 500 000", "2,5M", "12k", "1.5 M€", "$3B", "4 Mds €".
 * Spaces and currency signs are ignored, a comma with no dot is a decimal comma (with a dot,
 * commas group thousands), k/M/MM/B/bn/Md/Mds multiply. Anything else is undefined (unknown).
 */
export function parseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.length > 64) return undefined;
  if (PLAIN.test(value)) return Number(value);
  let text = value.replace(CURRENCY, '').replace(SPACES, '');
  text = text.includes('.') ? text.replace(/,/g, '') : text.replace(',', '.');
  const shape = SHAPE.exec(text.toLowerCase());
  if (!shape) return undefined;
  const multiplier = shape[2] ? SUFFIXES[shape[2]] : 1;
  if (multiplier === undefined) return undefined;
  const number = Number(shape[1]) * multiplier;
  return Number.isFinite(number) ? number : undefined;
}
