const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Trimmed, lower-case, accent-free form used for every case- and accent-insensitive comparison. */
export function fold(value: string): string {
  return value.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().trim();
}
