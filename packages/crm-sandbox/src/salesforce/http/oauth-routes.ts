import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkJwtAssertion, OAuthError } from '../auth/jwt';
import type { SandboxState } from './state';

type Params = Record<string, string | undefined>;

export const baseUrl = (request: FastifyRequest): string => `${request.protocol}://${request.headers.host}`;

const API_VERSION = 'v62.0';

export function registerOAuthRoutes(app: FastifyInstance, state: SandboxState): void {
  const identityUrl = (request: FastifyRequest) => `${baseUrl(request)}/id/${state.org.orgId}/${state.org.userId}`;

  const grant = (request: FastifyRequest, params: Params): { scope: string; refreshToken?: string } => {
    switch (params.grant_type) {
      case 'client_credentials':
        if (!params.client_id) throw new OAuthError('invalid_client_id', 'client identifier invalid');
        if (!params.client_secret) throw new OAuthError('invalid_client', 'invalid client credentials');
        return { scope: 'api' };
      case 'refresh_token': {
        if (!params.client_id) throw new OAuthError('invalid_client_id', 'client identifier invalid');
        const next = params.refresh_token ? state.sessions.rotate(params.refresh_token) : undefined;
        if (!next) throw new OAuthError('invalid_grant', 'expired access/refresh token');
        return { scope: 'api refresh_token', refreshToken: next };
      }
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer':
        if (!params.assertion) throw new OAuthError('invalid_request', 'assertion is required');
        checkJwtAssertion(params.assertion, baseUrl(request), state.options.jwtPublicKey);
        return { scope: 'api' };
      default:
        throw new OAuthError('unsupported_grant_type', 'grant type not supported');
    }
  };

  app.post('/services/oauth2/token', async (request, reply) => {
    const params = (request.body ?? {}) as Params;
    try {
      const { scope, refreshToken } = grant(request, params);
      const { accessToken, issuedAt } = state.sessions.issueAccessToken();
      const id = identityUrl(request);
      const signature = createHmac('sha256', params.client_secret ?? '').update(id + issuedAt).digest('base64');
      return {
        access_token: accessToken,
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
        signature,
        scope,
        instance_url: baseUrl(request),
        id,
        token_type: 'Bearer',
        issued_at: String(issuedAt),
      };
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return reply.status(400).send({ error: error.error, error_description: error.description });
    }
  });

  const identity = (request: FastifyRequest) => {
    const base = baseUrl(request);
    const rest = `${base}/services/data/${API_VERSION}/`;
    return {
      id: identityUrl(request),
      user_id: state.org.userId,
      organization_id: state.org.orgId,
      username: state.org.username,
      display_name: 'Integration User',
      email: state.org.username,
      active: true,
      user_type: 'STANDARD',
      urls: {
        rest,
        sobjects: `${rest}sobjects/`,
        query: `${rest}query/`,
        limits: `${rest}limits/`,
        tooling_rest: `${rest}tooling/`,
        profile: `${base}/${state.org.userId}`,
      },
    };
  };

  app.get('/id/:orgId/:userId', async (request, reply) => {
    const { orgId, userId } = request.params as Params;
    if (orgId !== state.org.orgId || userId !== state.org.userId) return reply.status(403).send('Bad_Id');
    return { ...identity(request), asserted_user: true };
  });

  app.get('/services/oauth2/userinfo', async (request) => {
    const { id, user_id, organization_id, username, display_name, email, active, user_type, urls } = identity(request);
    return {
      sub: id, user_id, organization_id, preferred_username: username, name: display_name, email,
      email_verified: true, active, user_type, zoneinfo: 'Europe/Paris', locale: 'en_US', urls,
    };
  });
}
