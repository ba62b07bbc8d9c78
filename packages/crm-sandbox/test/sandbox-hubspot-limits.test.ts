import { startSandbox } from '../src';
import { apiError, startHubSpot, type HubSpotHarness } from './sandbox-hubspot-helpers';

describe('HubSpot sandbox: limit and fault specs', () => {
  test.each([
    [{ faults: '503=0.1' }, 'unknown fault kind "503"'],
    [{ faults: '429=1.5' }, 'bad rate "1.5" for 429'],
    [{ faults: '429=0.6,500=0.6' }, 'add up to 1.2'],
    [{ rateLimit: '190' }, 'expected MAX/SECONDS'],
  ])('refuses %j with a message that says why', async (spec, message) => {
    await expect(startSandbox({ crm: 'hubspot', ...spec })).rejects.toThrow(message);
  });
});

describe('HubSpot sandbox: rate limits and injected faults', () => {
  let h: HubSpotHarness;
  afterEach(() => h.sandbox.close());

  test('a rolling window per token: limit headers on every response, then a 429 with its headers and no Retry-After (HubSpot sends none for it)', async () => {
    h = await startHubSpot({ rateLimit: '3/10' });
    const response = await fetch(`${h.sandbox.url}/crm/v3/objects/companies?limit=1`, { headers: { authorization: 'Bearer test-token' } });
    expect(response.headers.get('x-hubspot-ratelimit-max')).toBe('3');
    expect(response.headers.get('x-hubspot-ratelimit-remaining')).toBe('2');
    expect(response.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    await h.client.crm.companies.basicApi.getPage(1);
    await h.client.crm.companies.basicApi.getPage(1);
    const error = await apiError(h.client.crm.companies.basicApi.getPage(1));
    expect(error.code).toBe(429);
    expect(error.body).toMatchObject({
      status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT',
      correlationId: expect.any(String), policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(error.headers['retry-after']).toBeUndefined();
    expect(error.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    expect(error.headers['x-hubspot-ratelimit-max']).toBe('3');
    expect(error.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('10000');
    const other = await fetch(`${h.sandbox.url}/crm/v3/objects/companies?limit=1`, { headers: { authorization: 'Bearer another-token' } });
    expect(other.status).toBe(200);
    expect(await h.sandbox.stats()).toMatchObject({ rateLimited: 1, apiCalls: 5 });
  });

  test('a daily budget answers 429 DAILY once used up', async () => {
    h = await startHubSpot({ dailyLimit: 2 });
    const ok = await fetch(`${h.sandbox.url}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: 'Bearer test-token' } });
    expect(ok.headers.get('x-hubspot-ratelimit-daily')).toBe('2');
    expect(ok.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('1');
    await h.client.crm.contacts.basicApi.getPage(1);
    const error = await apiError(h.client.crm.contacts.basicApi.getPage(1));
    expect(error.code).toBe(429);
    expect(error.body.policyName).toBe('DAILY');
  });

  test('faults are drawn per request from the seed: the same seed serves the same faults', async () => {
    const run = async () => {
      const harness = await startHubSpot({ faults: '429=0.2,500=0.2', seed: 7 });
      const codes: number[] = [];
      for (let i = 0; i < 30; i++) {
        codes.push(await harness.client.crm.companies.basicApi.getPage(1).then(() => 200, (e: { code: number }) => e.code));
      }
      const stats = await harness.sandbox.stats();
      await harness.sandbox.close();
      return { codes, stats };
    };
    const first = await run();
    h = await startHubSpot();
    expect((await run()).codes).toEqual(first.codes);
    expect(first.codes).toEqual(expect.arrayContaining([200, 429, 500]));
    expect(first.stats).toMatchObject({ faults: { '429': first.codes.filter((c) => c === 429).length } });
  });

  test('a partial fault answers 207: some inputs fail with a retryable error and are not written', async () => {
    h = await startHubSpot({ faults: 'partial=1' });
    const inputs = Array.from({ length: 20 }, (_, i) => ({ id: String(18_000_000_001 + i), properties: { hs_is_target_account: 'true' } }));
    const response = await h.client.crm.companies.batchApi.update({ inputs });
    const errors = (response as { errors?: { category: string; context: { ids: string[] } }[] }).errors!;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.category === 'INTERNAL_ERROR')).toBe(true);
    expect(response.results.length + errors.length).toBe(20);
    expect(await h.sandbox.stats()).toMatchObject({ written: { companies: response.results.length } });
  });

  test('a timeout fault holds the request, then answers 504', async () => {
    h = await startHubSpot({ faults: 'timeout=1', timeoutFaultMs: 200 });
    const started = Date.now();
    expect((await apiError(h.client.crm.companies.basicApi.getPage(1))).code).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  test('latency delays every API response; reset restores the seed and the counters', async () => {
    h = await startHubSpot({ latencyMs: 50 });
    const started = Date.now();
    await h.client.crm.companies.batchApi.update({ inputs: [{ id: '18000000001', properties: { name: 'Renamed' } }] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    await fetch(`${h.sandbox.url}/__sandbox/reset`, { method: 'POST' });
    const company = await h.client.crm.companies.basicApi.getById('18000000001', ['name']);
    expect(company.properties.name).not.toBe('Renamed');
    expect(await h.sandbox.stats()).toMatchObject({ apiCalls: 1, written: { companies: 0 } });
  });
});
