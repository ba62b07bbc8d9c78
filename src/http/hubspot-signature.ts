import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HubSpot's v3 rule: refuse a request whose timestamp is more than 5 minutes old. */
export const HUBSPOT_MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

/**
 * The percent-encodings HubSpot's "Validating requests" page (v3) says to decode in the request
 * URI before hashing; every other escape (e.g. %20, %26, %3D) stays as it was sent.
 */
const DECODED_IN_URI: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
  '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

export function decodeHubSpotUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED_IN_URI[escape.toUpperCase()]);
}

export interface SignatureV3Input {
  clientSecret: string;
  method: string;
  /** The full URL HubSpot called (https://host/path?query), as sent: it is decoded here. */
  uri: string;
  /** The raw body, byte for byte. */
  body: string | Buffer;
  /** The X-HubSpot-Request-Timestamp header, verbatim (milliseconds since the epoch). */
  timestamp: string;
}

/** base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)), as HubSpot signs v3. */
export function hubspotSignatureV3(input: SignatureV3Input): string {
  return createHmac('sha256', input.clientSecret)
    .update(input.method.toUpperCase() + decodeHubSpotUri(input.uri))
    .update(input.body)
    .update(input.timestamp)
    .digest('base64');
}

/** The header a workflow's "API key" authentication sends the shared key in (HUBSPOT_WEBHOOK_KEY). */
export const WEBHOOK_KEY_HEADER = 'x-icp-sync-key';

/**
 * A shared key compared in constant time: both sides are hashed first, so neither the length nor
 * the content of the expected key leaks through the timing.
 */
export function webhookKeyMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed-timestamp' | 'mismatch' | 'stale' };

/**
 * Checks X-HubSpot-Signature-v3. The signature is checked before the age, so that only a request
 * HubSpot really signed learns that it came too late. A timestamp more than 5 minutes ahead is
 * refused too (the docs only mention "older"; a signer's clock that far off is not HubSpot's).
 */
export function verifyHubSpotSignatureV3(
  input: Omit<SignatureV3Input, 'timestamp'> & { signature?: string; timestamp?: string; nowMs?: number },
): SignatureCheck {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, reason: 'missing' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'malformed-timestamp' };
  const expected = Buffer.from(hubspotSignatureV3({ ...input, timestamp }));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  const age = (input.nowMs ?? Date.now()) - Number(timestamp);
  if (Math.abs(age) > HUBSPOT_MAX_SIGNATURE_AGE_MS) return { ok: false, reason: 'stale' };
  return { ok: true };
}
