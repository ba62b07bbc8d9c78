import { summarizeMessage, toCrmError } from '../../src/crm/hubspot/hubspot.errors';

const apiError = (code: number, body: unknown, headers: Record<string, string> = {}) => ({ code, body, headers, message: `HTTP-Code: ${code}` });

describe('HubSpot errors -> CrmError', () => {
  it.each([
    ['429 ten-secondly, Retry-After', apiError(429, { policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' }, { 'retry-after': '2' }), 'RATE_LIMITED', { retryAfterMs: 2000 }],
    ['429 without Retry-After uses the window', apiError(429, { policyName: 'TEN_SECONDLY_ROLLING' }, { 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' }), 'RATE_LIMITED', { retryAfterMs: 10000 }],
    ['429 daily', apiError(429, { policyName: 'DAILY' }), 'DAILY_LIMIT', {}],
    ['401', apiError(401, { category: 'INVALID_AUTHENTICATION' }), 'AUTH', {}],
    ['500', apiError(502, 'Bad Gateway'), 'TRANSIENT', {}],
    ['network', new Error('socket hang up'), 'TRANSIENT', {}],
    ['404', apiError(404, { message: 'not found' }), 'NOT_FOUND', {}],
    ['400 bad value', apiError(400, { message: 'Property values were not valid: []', category: 'VALIDATION_ERROR' }), 'VALIDATION', {}],
  ])('%s', (_, err, code, details) => {
    const mapped = toCrmError(err, 'doing something');
    expect(mapped.code).toBe(code);
    expect(mapped.details).toMatchObject(details);
  });

  it('a missing scope names the scope and how to add it', () => {
    const body = {
      status: 'error',
      message: "This app hasn't been granted all required scopes to make this call.",
      category: 'MISSING_SCOPES',
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.schemas.companies.write'] } }],
    };
    const mapped = toCrmError(apiError(403, body), 'creating the companies property icp_tier');
    expect(mapped.code).toBe('AUTH');
    expect(mapped.message).toMatch(/crm\.schemas\.companies\.write/);
    expect(mapped.message).toMatch(/Service Keys/);
  });

  it('a missing property is a setup problem with the fix', () => {
    const message = 'Property values were not valid: [{"isValid":false,"message":"Property \\"icp_tier\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"icp_tier"}]';
    const mapped = toCrmError(apiError(400, { message, errors: [{ code: 'PROPERTY_DOESNT_EXIST' }] }), 'updating 100 companies');
    expect(mapped.code).toBe('SETUP');
    expect(mapped.message).toMatch(/icp-sync setup --crm hubspot/);
  });

  it('summarises repeated invalid values into one line per property and problem', () => {
    const one = { isValid: false, message: 'tier_9 was not one of the allowed options', error: 'INVALID_OPTION', name: 'icp_tier' };
    const text = summarizeMessage(`Property values were not valid: ${JSON.stringify(Array(50).fill(one))}`);
    expect(text).toBe('Property values were not valid: icp_tier: tier_9 was not one of the allowed options (INVALID_OPTION)');
    expect(summarizeMessage('x'.repeat(5000)).length).toBeLessThanOrEqual(600);
  });
});
