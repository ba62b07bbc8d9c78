import { createHmac } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import { decodeHubSpotUri, hubspotSignatureV3, verifyHubSpotSignatureV3 } from '../../src/http/hubspot-signature';

// The v3 vector published in HubSpot's own SDK test suites: hubspot-api-python
// tests/spec/utils/test_signature.py and hubspot-api-ruby spec/helpers/signature_spec.rb.
const SDK = {
  clientSecret: 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy',
  method: 'POST',
  uri: 'https://www.example.com/webhook_uri',
  body: "{'example_field':'example_value'}",
};

describe('hubspotSignatureV3', () => {
  it('reproduces the SDK vector', () => {
    expect(hubspotSignatureV3({ ...SDK, timestamp: '15000000' })).toBe('HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=');
  });

  it.each([
    ['plain body', 'https://icp.example.com/hooks/hubspot', '{"objectId":1}'],
    ['non-ASCII body', 'https://icp.example.com/hooks/hubspot', '{"name":"Société Générale — Café"}'],
    ['query without listed escapes', 'https://icp.example.com/hooks/hubspot?a=1&b=x%20y', '[]'],
  ])('matches the official Node SDK getSignature (%s)', (_case, uri, body) => {
    const timestamp = '1790000001000';
    const sdk = Signature.getSignature('POST', 'v3', { clientSecret: 'secret', requestBody: body, url: uri, timestamp: Number(timestamp), signature: '' });
    expect(hubspotSignatureV3({ clientSecret: 'secret', method: 'POST', uri, body, timestamp })).toBe(sdk);
  });

  it('hashes a Buffer body as its bytes', () => {
    const body = '{"name":"Société"}';
    const input = { clientSecret: 's', method: 'POST', uri: 'https://h/x', timestamp: '1' };
    expect(hubspotSignatureV3({ ...input, body: Buffer.from(body) })).toBe(hubspotSignatureV3({ ...input, body }));
  });
});

describe('decodeHubSpotUri', () => {
  it.each([
    ['https://h/hooks/hubspot', 'https://h/hooks/hubspot'],
    ['https://h/x?src=hs%3Aapp%2Fv3&x=%28a%29', 'https://h/x?src=hs:app/v3&x=(a)'],
    ['https://h/x?all=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B', "https://h/x?all=:/?@!$'()*,;"],
    ['https://h/x?lower=%3a%2f', 'https://h/x?lower=:/'],
    // Not in HubSpot's table: stays encoded.
    ['https://h/x?q=a%20b%26c%3Dd%25', 'https://h/x?q=a%20b%26c%3Dd%25'],
  ])('%s -> %s', (uri, decoded) => {
    expect(decodeHubSpotUri(uri)).toBe(decoded);
  });

  it('signs the decoded URI, so the encoded and decoded forms sign alike', () => {
    const input = { clientSecret: 's', method: 'POST', body: '[]', timestamp: '1' };
    const decoded = createHmac('sha256', 's').update("POSThttps://h/x?src=hs:app[]1").digest('base64');
    expect(hubspotSignatureV3({ ...input, uri: 'https://h/x?src=hs%3Aapp' })).toBe(decoded);
  });
});

describe('verifyHubSpotSignatureV3', () => {
  const now = 1_790_000_000_000;
  const base = { clientSecret: 'secret', method: 'POST', uri: 'https://icp.example.com/hooks/hubspot', body: '{"objectId":42}' };
  const signed = (timestamp: number, overrides: Partial<typeof base> = {}) => ({
    ...base,
    timestamp: String(timestamp),
    signature: hubspotSignatureV3({ ...base, ...overrides, timestamp: String(timestamp) }),
    nowMs: now,
  });

  it.each([
    ['a fresh signature', signed(now - 1000), { ok: true }],
    ['exactly 5 minutes old', signed(now - 300_000), { ok: true }],
    ['5 minutes and 1 ms old', signed(now - 300_001), { ok: false, reason: 'stale' }],
    ['more than 5 minutes ahead', signed(now + 300_001), { ok: false, reason: 'stale' }],
    ['another secret', signed(now, { clientSecret: 'other' }), { ok: false, reason: 'mismatch' }],
    ['another body', signed(now, { body: '{"objectId":43}' }), { ok: false, reason: 'mismatch' }],
    ['http instead of https', signed(now, { uri: 'http://icp.example.com/hooks/hubspot' }), { ok: false, reason: 'mismatch' }],
    ['a trailing slash', signed(now, { uri: 'https://icp.example.com/hooks/hubspot/' }), { ok: false, reason: 'mismatch' }],
    ['GET instead of POST', signed(now, { method: 'GET' }), { ok: false, reason: 'mismatch' }],
    ['a truncated signature', { ...signed(now), signature: signed(now).signature.slice(0, 20) }, { ok: false, reason: 'mismatch' }],
    ['no signature', { ...signed(now), signature: undefined }, { ok: false, reason: 'missing' }],
    ['no timestamp', { ...signed(now), timestamp: undefined }, { ok: false, reason: 'missing' }],
    ['a timestamp in seconds with letters', { ...signed(now), timestamp: '1790000000abc' }, { ok: false, reason: 'malformed-timestamp' }],
  ])('%s', (_case, input, expected) => {
    expect(verifyHubSpotSignatureV3(input)).toEqual(expected);
  });

  it('checks the signature before the age: a stale forgery is a mismatch, not "stale"', () => {
    expect(verifyHubSpotSignatureV3({ ...signed(now - 600_000), signature: 'A'.repeat(44) })).toEqual({ ok: false, reason: 'mismatch' });
  });
});
