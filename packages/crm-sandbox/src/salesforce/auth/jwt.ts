import { verify } from 'node:crypto';

export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const STANDARD_AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];

function decode(part: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    if (value && typeof value === 'object') return value as Record<string, unknown>;
  } catch {
    // falls through to the invalid assertion error below
  }
  throw new OAuthError('invalid_grant', 'invalid assertion');
}

/**
 * Checks a JWT bearer assertion as Salesforce's token endpoint does: RS256, a client id in `iss`,
 * a username in `sub`, the login URL in `aud`, an `exp` in the future and, when a certificate is
 * registered, the signature.
 */
export function checkJwtAssertion(assertion: string, loginUrl: string, publicKey?: string): void {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw new OAuthError('invalid_grant', 'invalid assertion');
  const header = decode(parts[0]);
  const claims = decode(parts[1]);
  if (header.alg !== 'RS256') throw new OAuthError('invalid_grant', 'invalid assertion');
  if (typeof claims.iss !== 'string' || !claims.iss) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const allowed = [...STANDARD_AUDIENCES, loginUrl.replace(/\/$/, '')];
  if (!audiences.some((aud) => typeof aud === 'string' && allowed.includes(aud.replace(/\/$/, '')))) {
    throw new OAuthError('invalid_grant', 'audience is invalid');
  }
  if (typeof claims.sub !== 'string' || !claims.sub.includes('@')) throw new OAuthError('invalid_grant', "user hasn't approved this consumer");
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) throw new OAuthError('invalid_grant', 'invalid assertion');
  if (publicKey && !verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2], 'base64url'))) {
    throw new OAuthError('invalid_grant', 'invalid assertion');
  }
}
