import { randomBytes } from 'node:crypto';

export interface SessionOptions {
  /** Fixed token accepted besides the ones the token endpoint issues; without it any non-empty token is. */
  token?: string;
  /** Lifetime of issued access tokens (default two hours, Salesforce's default session timeout). */
  tokenTtlMs?: number;
  /** A refresh token the org starts with, as if an admin had authorised the app (default `sandbox-refresh-token`). */
  refreshToken?: string;
}

const TWO_HOURS = 2 * 3600 * 1000;

/** Access and refresh tokens of the org: issued tokens expire, refresh tokens rotate on use. */
export class Sessions {
  private readonly issued = new Map<string, number>();
  private readonly refreshTokens = new Set<string>();

  constructor(
    private readonly orgId: string,
    private readonly options: SessionOptions,
  ) {
    this.refreshTokens.add(options.refreshToken ?? 'sandbox-refresh-token');
  }

  private token(): string {
    return `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
  }

  issueAccessToken(): { accessToken: string; issuedAt: number } {
    const accessToken = this.token();
    const issuedAt = Date.now();
    this.issued.set(accessToken, issuedAt + (this.options.tokenTtlMs ?? TWO_HOURS));
    return { accessToken, issuedAt };
  }

  /** Spends a refresh token and returns its successor, or undefined when it is unknown or already spent. */
  rotate(refreshToken: string): string | undefined {
    if (!this.refreshTokens.delete(refreshToken)) return undefined;
    const next = this.token();
    this.refreshTokens.add(next);
    return next;
  }

  isValid(token: string | undefined): boolean {
    if (!token) return false;
    const expiresAt = this.issued.get(token);
    if (expiresAt !== undefined) return expiresAt > Date.now();
    return this.options.token === undefined || token === this.options.token;
  }
}
