import jsforce from 'jsforce';
import { startSalesforceSandbox } from '../src/salesforce/server';

type Rec = Record<string, unknown> & { Id: string };

/** Plain fetch: jsforce itself retries GETs answered 429/5xx, which would hide the faults. */
async function outcomes(faults: Record<string, number>, requests: number): Promise<string[]> {
  const sandbox = await startSalesforceSandbox({ companies: 5, contacts: 5, seed: 7, faults, timeoutFaultMs: 10 });
  try {
    const seen: string[] = [];
    for (let i = 0; i < requests; i += 1) {
      const response = await fetch(`${sandbox.url}/services/data/v62.0/query?q=SELECT+Id+FROM+Account`, { headers: { Authorization: 'Bearer t' } });
      seen.push(response.ok ? 'ok' : `${response.status} ${((await response.json()) as { errorCode: string }[])[0].errorCode}`);
    }
    return seen;
  } finally {
    await sandbox.close();
  }
}

describe('faults and rate limits', () => {
  test('faults are drawn deterministically from the seed, with Salesforce error shapes', async () => {
    const faults = { '429': 0.2, '500': 0.2, timeout: 0.1 };
    const first = await outcomes(faults, 40);
    expect(await outcomes(faults, 40)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', '403 REQUEST_LIMIT_EXCEEDED', '500 UNKNOWN_EXCEPTION', '504 REQUEST_TIMEOUT']));
  });

  test('a partial fault fails some records of a collection with UNABLE_TO_LOCK_ROW', async () => {
    const sandbox = await startSalesforceSandbox({ companies: 200, contacts: 5, faults: { partial: 1 } });
    try {
      const conn = new jsforce.Connection({ instanceUrl: sandbox.url, accessToken: 't', version: '62.0' });
      const { records } = await conn.query<Rec>('SELECT Id FROM Account');
      const results = await conn.sobject('Account').update(records.map((r) => ({ Id: r.Id, Description: 'x' })));
      const locked = results.filter((r) => !r.success);
      expect(locked.length).toBeGreaterThan(10);
      expect(locked.length).toBeLessThan(100);
      expect(locked[0]).toEqual({ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: expect.stringMatching(/^unable to obtain exclusive access to this record/), fields: [] }] });
    } finally {
      await sandbox.close();
    }
  });

  test('the rate-limit window answers like Salesforce\'s concurrent request limit; stats count it', async () => {
    const sandbox = await startSalesforceSandbox({ companies: 5, contacts: 5, rateLimit: { max: 3, intervalMs: 60_000 } });
    try {
      const conn = new jsforce.Connection({ instanceUrl: sandbox.url, accessToken: 't', version: '62.0' });
      const seen: string[] = [];
      for (let i = 0; i < 5; i += 1) seen.push(await conn.query('SELECT Id FROM Account').then(() => 'ok', (e: Error) => (e as Error & { errorCode: string }).errorCode));
      expect(seen).toEqual(['ok', 'ok', 'ok', 'REQUEST_LIMIT_EXCEEDED', 'REQUEST_LIMIT_EXCEEDED']);
      const stats = (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as Record<string, unknown>;
      expect(stats).toEqual({
        requests: { 'GET /services/data/:version/query': { 200: 3, 403: 2 } },
        recordsWritten: {},
        apiUsage: { used: 5, max: 100000 },
      });
    } finally {
      await sandbox.close();
    }
  });
});
