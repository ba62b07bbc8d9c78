const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** Pod and reserved characters (positions 4-6) shared by every id this org issues. */
const POD = '8d0';

/** Appends the 3-character case-safe checksum that turns a 15-character id into its 18-character form. */
function withSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const ch = id15.charCodeAt(chunk * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return id15 + suffix;
}

/** The 18-character id of the `index`-th record of the object whose key prefix is `prefix`. */
export function recordId(prefix: string, index: number): string {
  let digits = '';
  let rest = index;
  for (let i = 0; i < 9; i += 1) {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  }
  return withSuffix(prefix + POD + digits);
}

/** The record index an id of this prefix encodes, or undefined when it is not one of ours. */
export function recordIndex(prefix: string, id: string): number | undefined {
  const id18 = toId18(id);
  if (!id18 || !id18.startsWith(prefix + POD)) return undefined;
  let index = 0;
  for (let i = 6; i < 15; i += 1) index = index * 62 + BASE62.indexOf(id18[i]);
  return index;
}

/** Normalises a 15- or 18-character id to 18 characters; undefined when malformed. */
export function toId18(id: string): string | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/.test(id)) return undefined;
  const id18 = withSuffix(id.slice(0, 15));
  return id.length === 15 || id18.slice(15) === id.slice(15).toUpperCase() ? id18 : undefined;
}
