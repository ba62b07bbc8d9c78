import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SyncContext } from '../sync/context';
import { requestRescore } from '../sync/trigger';
import { HUBSPOT_MAX_SIGNATURE_AGE_MS, verifyHubSpotSignatureV3, WEBHOOK_KEY_HEADER, webhookKeyMatches } from './hubspot-signature';
import { companyIdsFromWebhook } from './hubspot-workflow-payload';

/** "Include all properties" on a contact workflow sends every property with its history. */
const HOOK_BODY_LIMIT = 5 * 1024 * 1024;

const firstValue = (header: string | string[] | undefined) =>
  (Array.isArray(header) ? header[0] : header)?.split(',')[0].trim() || undefined;

/**
 * The URL HubSpot called, as it signed it. Behind a proxy the scheme and host HubSpot used are in
 * X-Forwarded-Proto/-Host. Trusting them is safe here: they only choose which URL the signature
 * is checked against, and a forged one cannot make a signature HubSpot never produced match.
 */
function calledUrl(request: FastifyRequest): string {
  const proto = firstValue(request.headers['x-forwarded-proto']) ?? request.protocol;
  const host = firstValue(request.headers['x-forwarded-host']) ?? request.headers.host ?? '';
  return `${proto}://${host}${request.url}`;
}

const header = (request: FastifyRequest, name: string) => firstValue(request.headers[name]);

export interface HubSpotHookAuth {
  /** An app's client secret: requests signed v3 (X-HubSpot-Signature-v3). */
  clientSecret?: string;
  /** The shared key of a workflow's "API key" authentication (header X-ICP-Sync-Key): the Service Key way. */
  webhookKey?: string;
}

/**
 * POST /hooks/hubspot: a workflow "Send a webhook" action, authenticated either with HubSpot's
 * "API key" option (our shared key in X-ICP-Sync-Key) or signed v3 with an app's client secret.
 * With neither configured the route answers 503: it never accepts an unauthenticated call.
 */
export function registerHubSpotHookRoute(app: FastifyInstance, ctx: SyncContext, auth: HubSpotHookAuth): void {
  const { clientSecret, webhookKey } = auth;
  app.register(async (scope) => {
    // The signature covers the body byte for byte: keep it raw, parse JSON only once it is verified.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: HOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));

    scope.post('/hooks/hubspot', {
      onRequest: async (_request, reply) => {
        if (!clientSecret && !webhookKey) {
          return reply.code(503).send({
            error: 'POST /hooks/hubspot is disabled: set HUBSPOT_WEBHOOK_KEY (the key the workflow sends in X-ICP-Sync-Key) or HUBSPOT_CLIENT_SECRET (the client secret of the HubSpot app signing the webhooks)',
          });
        }
      },
      handler: async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const key = header(request, WEBHOOK_KEY_HEADER);
        const signature = header(request, 'x-hubspot-signature-v3');
        if (webhookKey && (key !== undefined || !clientSecret)) {
          if (!webhookKeyMatches(webhookKey, key)) {
            request.log.warn({ reason: key === undefined ? 'missing key' : 'wrong key' }, 'HubSpot webhook refused');
            return reply.code(401).send({ error: key === undefined ? 'missing X-ICP-Sync-Key header (the workflow action\'s API key)' : 'invalid X-ICP-Sync-Key (check HUBSPOT_WEBHOOK_KEY and the secret of the workflow action)' });
          }
          return accept(request, reply, body);
        }
        if (!clientSecret) {
          return reply.code(401).send({ error: 'missing X-ICP-Sync-Key header (the workflow action\'s API key)' });
        }
        const check = verifyHubSpotSignatureV3({
          clientSecret: clientSecret!,
          method: request.method,
          uri: calledUrl(request),
          body,
          signature,
          timestamp: header(request, 'x-hubspot-request-timestamp'),
        });
        if (!check.ok) {
          request.log.warn({ reason: check.reason }, 'HubSpot webhook refused');
          switch (check.reason) {
            case 'stale':
              return reply.code(400).send({ error: `stale request: X-HubSpot-Request-Timestamp is more than ${HUBSPOT_MAX_SIGNATURE_AGE_MS / 60_000} minutes from now` });
            case 'missing':
              return reply.code(401).send({ error: 'missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp header' });
            case 'malformed-timestamp':
              return reply.code(401).send({ error: 'X-HubSpot-Request-Timestamp is not a time in milliseconds' });
            case 'mismatch':
              return reply.code(401).send({ error: 'invalid X-HubSpot-Signature-v3 (check HUBSPOT_CLIENT_SECRET and that the proxy forwards X-Forwarded-Proto/-Host)' });
          }
        }
        // A signature is only valid for 5 minutes, so remembering it that long refuses every replay.
        const fresh = await ctx.redis.set(ctx.keys.webhookSeen(signature!), '1', 'PX', HUBSPOT_MAX_SIGNATURE_AGE_MS, 'NX');
        if (fresh !== 'OK') {
          request.log.warn('HubSpot webhook refused: replayed signature');
          return reply.code(400).send({ error: 'replayed request: this signature was already accepted' });
        }
        return accept(request, reply, body);
      },
    });
  });

  /** An authenticated call: re-score the companies it names. */
  async function accept(request: FastifyRequest, reply: FastifyReply, body: Buffer) {
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'the body is not valid JSON' });
    }
    const found = companyIdsFromWebhook(payload);
    if ('error' in found) return reply.code(400).send({ error: found.error });
    if (!found.companyIds.length && found.unusable) {
      return reply.code(400).send({
        error: 'no company id in the payload: send the record id as objectId or hs_object_id (or a contact\'s associatedcompanyid)',
        notes: found.notes,
      });
    }
    const runId = found.companyIds.length ? await requestRescore(ctx.queue, ctx.redis, 'hubspot', found.companyIds) : null;
    request.log.info({ crm: 'hubspot', runId, companies: found.companyIds.length, notes: found.notes.length }, 'rescore requested by a HubSpot webhook');
    return reply.code(202).send({ runId, companyIds: found.companyIds, ...(found.notes.length ? { notes: found.notes } : {}) });
  }
}
