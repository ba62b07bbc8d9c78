const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII = /^[\x00-\x7f]*$/;

/** Trimmed, lower-case, accent-free form used for every case- and accent-insensitive comparison. */
export function fold(value: string): string {
  // Most CRM values are plain ASCII: skip the (costly) Unicode decomposition for them.
  if (ASCII.test(value)) return value.toLowerCase().trim();
  return value.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().trim();
}
