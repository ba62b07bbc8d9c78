import { CrmError } from '../crm.error';

interface HubSpotErrorBody {
  message?: string;
  category?: string;
  policyName?: string;
  context?: Record<string, string[]>;
  errors?: Array<{ message?: string; context?: Record<string, string[]> }>;
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

function bodyOf(err: { body?: unknown }): HubSpotErrorBody {
  if (err.body && typeof err.body === 'object') return err.body as HubSpotErrorBody;
  if (typeof err.body === 'string') {
    try {
      return JSON.parse(err.body) as HubSpotErrorBody;
    } catch {
      return { message: err.body.slice(0, 300) };
    }
  }
  return {};
}

const MESSAGE_MAX = 600;

/**
 * HubSpot lists every invalid value of every input ("Property values were not valid: [{...}]"):
 * keep one line per distinct property and problem, so the message stays readable.
 */
export function summarizeMessage(message: string): string {
  const match = /^Property values were not valid: (\[.*\])$/s.exec(message);
  let text = message;
  if (match) {
    try {
      const invalid = JSON.parse(match[1]) as Array<{ name?: string; error?: string; message?: string }>;
      const distinct = [...new Set(invalid.map((v) => `${v.name}: ${v.message} (${v.error})`))];
      text = `Property values were not valid: ${distinct.join('; ')}`;
    } catch {
      // keep HubSpot's text as it is
    }
  }
  return text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX - 1)}…` : text;
}

/** How long to wait after a 429: Retry-After, else the window length, else HubSpot's 10 s. */
function retryAfterMs(headers: Record<string, string> | undefined): number {
  const retryAfter = Number(header(headers, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000;
  const interval = Number(header(headers, 'x-hubspot-ratelimit-interval-milliseconds'));
  return Number.isFinite(interval) && interval > 0 ? interval : 10_000;
}

/** Turns whatever the SDK threw into a CrmError that says what to do about it. */
export function toCrmError(err: unknown, what: string): CrmError {
  if (err instanceof CrmError) return err;
  const e = err as { code?: unknown; body?: unknown; headers?: Record<string, string>; message?: string };
  const status = typeof e.code === 'number' ? e.code : undefined;
  if (status === undefined) {
    return new CrmError('TRANSIENT', `HubSpot could not be reached while ${what}: ${e.message ?? String(err)}`);
  }
  const body = bodyOf(e);
  const message = summarizeMessage(body.message ?? e.message ?? `HTTP ${status}`);
  if (status === 429) {
    if (body.policyName === 'DAILY') {
      return new CrmError('DAILY_LIMIT', `HubSpot's daily API limit is used up (while ${what}); the run stops cleanly and the next run picks up from the last successful one (a full run starts over). Ask HubSpot for the API limit increase, or run less often.`, { status });
    }
    return new CrmError('RATE_LIMITED', `HubSpot rate limit (${body.policyName ?? 'unknown policy'}) while ${what}`, { status, retryAfterMs: retryAfterMs(e.headers) });
  }
  if (status === 401) {
    return new CrmError('AUTH', `HubSpot rejected the access token (401) while ${what}: check HUBSPOT_ACCESS_TOKEN (a Service Key, or a legacy private app's token starting "pat-"): it may be revoked, expired or mistyped.`, { status });
  }
  if (status === 403) {
    const scopes = body.errors?.flatMap((d) => Object.values(d.context ?? {}).flat()) ?? [];
    const need = scopes.length ? ` It needs the scope(s): ${[...new Set(scopes)].join(', ')}.` : '';
    return new CrmError('AUTH', `HubSpot refused ${what} (403 ${body.category ?? ''}): ${message}.${need} Add the missing scopes to the Service Key (Settings > Integrations > Service Keys; or to the legacy private app), then use its token.`, { status });
  }
  if (status === 404) return new CrmError('NOT_FOUND', `HubSpot found nothing while ${what}: ${message}`, { status });
  if (status >= 500 || status === 408 || status === 423) {
    return new CrmError('TRANSIENT', `HubSpot error ${status} while ${what}: ${message}`, { status });
  }
  const codes = body.errors?.map((d) => (d as { code?: string }).code) ?? [];
  if (codes.includes('PROPERTY_DOESNT_EXIST') || message.includes('PROPERTY_DOESNT_EXIST')) {
    return new CrmError('SETUP', `HubSpot has no such property (${what}): ${message}. Run \`icp-sync setup --crm hubspot\` to create the icp_sync properties, or fix the property names in config/crm.yaml.`, { status });
  }
  const hint = /INVALID_OPTION/.test(message) && /icp_/.test(message) ? ' (after changing personas.yaml, run `icp-sync setup --crm hubspot` to add the new options)' : '';
  // A batch refused for some of its records may name them (context.ids): the others can be written.
  const named = [...(body.context?.ids ?? []), ...(body.context?.id ?? [])].map(String);
  return new CrmError('VALIDATION', `HubSpot rejected ${what} (${status}): ${message}${hint}`, { status, ...(named.length ? { recordIds: named } : {}) });
}
