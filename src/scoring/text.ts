const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII = /^[\x00-\x7f]*$/;

const MEMO_MAX = 50_000;
const memo = new Map<string, string>();

/** Trimmed, lower-case, accent-free form used for every case- and accent-insensitive comparison. */
export function fold(value: string): string {
  let folded = memo.get(value);
  if (folded !== undefined) return folded;
  // Most CRM values are plain ASCII: skip the (costly) Unicode decomposition for them.
  folded = ASCII.test(value) ? value.toLowerCase().trim() : value.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().trim();
  // CRM values repeat (industries, countries, tools): remember them, within a bound.
  if (value.length <= 64) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(value, folded);
  }
  return folded;
}
