import type { Config } from '../../src/config/load';
import type { CrmAdapter } from '../../src/crm/adapter';
import { CrmError } from '../../src/crm/crm.error';
import { compileIcp } from '../../src/scoring/icp';
import { compilePersonas } from '../../src/scoring/personas';
import { keys } from '../../src/sync/keys';
import { allCompanies, allContacts } from '../support/records';
import { SyncHarness } from '../support/sync-harness';
import { loadDefaultConfig } from '../support/env';

const BULK_THRESHOLD = 100;

function bulkConfig(): Config {
  const config = loadDefaultConfig();
  return { ...config, crm: { ...config.crm, salesforce: { ...config.crm.salesforce, bulkThreshold: BULK_THRESHOLD } } };
}

const INGEST = {
  create: 'POST /services/data/:version/jobs/ingest',
  upload: 'PUT /services/data/:version/jobs/ingest/:id/batches',
  patch: 'PATCH /services/data/:version/jobs/ingest/:id',
  collection: 'PATCH /services/data/:version/composite/sobjects',
};
/** Calls per route, and `ingest`: every Bulk ingest call (per kind at least create, upload, close, 2 status checks, successfulResults). */
type Counts = Record<keyof typeof INGEST | 'ingest', number>;

async function counts(h: SyncHarness): Promise<Counts> {
  const requests = (await h.sandboxStats()).requests as Record<string, Record<string, number>>;
  const sum = (routes: string[]) => routes.flatMap((route) => Object.values(requests[route] ?? {})).reduce((a, b) => a + b, 0);
  const ingest = Object.keys(requests).filter((route) => route.includes('/jobs/ingest'));
  return { ...(Object.fromEntries(Object.entries(INGEST).map(([name, route]) => [name, sum([route])])) as Counts), ingest: sum(ingest) };
}

const delta = (after: Counts, before: Counts): Counts =>
  Object.fromEntries(Object.keys(after).map((name) => [name, after[name as keyof Counts] - before[name as keyof Counts]])) as Counts;

describe('Salesforce writes through Bulk API 2.0 ingest jobs above bulkThreshold (sandbox over HTTP, real Redis and queue)', () => {
  const h = new SyncHarness('salesforce');
  let adapter: CrmAdapter;

  beforeAll(async () => {
    await h.start({ companies: 450, contacts: 900 }, bulkConfig());
    adapter = await h.adapter();
    await adapter.setup({ personas: h.config.personas.personas, lists: false });
  });
  afterAll(async () => {
    await adapter.close();
    await h.close();
  });

  it('a full run writes each kind through one ingest job, in the minimum of API calls', async () => {
    const before = await counts(h);
    const summary = await h.sync({ mode: 'full' });
    expect(summary).toMatchObject({ status: 'completed', mode: 'full' });
    expect(summary.companies).toMatchObject({ read: 450, changed: 450, written: 450, failed: 0 });
    expect(summary.contacts).toMatchObject({ read: 900, changed: 900, written: 900, failed: 0 });
    expect(delta(await counts(h), before)).toEqual({ create: 2, upload: 2, patch: 2, collection: 0, ingest: 2 * 6 });

    const score = compileIcp(h.config.icp);
    const companies = await allCompanies(adapter);
    for (const company of companies) {
      const expected = score(company.fields);
      expect(company.current).toMatchObject({ ICP_Fit_Score__c: expected.score, ICP_Tier__c: expected.tier, ICP_Model_Version__c: h.config.modelVersion });
    }
    expect(companies.filter((c) => c.current.ICP_TAL__c === true).length).toBe(summary.talSize);
    const classify = compilePersonas(h.config.personas);
    for (const contact of await allContacts(adapter)) {
      expect(contact.current.ICP_Persona__c).toBe(classify(contact.jobTitle, contact.department).persona);
    }
  });

  it('a second run with nothing changed creates no ingest job and writes nothing', async () => {
    const before = await counts(h);
    const summary = await h.sync({ mode: 'full' });
    expect(summary.status).toBe('completed');
    expect(summary.companies).toMatchObject({ read: 450, changed: 0, written: 0 });
    expect(summary.contacts).toMatchObject({ read: 900, changed: 0, written: 0 });
    expect(delta(await counts(h), before)).toEqual({ create: 0, upload: 0, patch: 0, collection: 0, ingest: 0 });
    expect(summary.apiCalls).toBe(2);
  });

  it('records Bulk could not lock are written by collection writes; the run counts each record once', async () => {
    const accounts = (await allCompanies(adapter)).slice(0, 3).map((c) => c.id);
    await fetch(`${h.sandbox.url}/__sandbox/locks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: accounts, attempts: 1 }) });
    const before = await counts(h);
    const summary = await h.rescore();
    expect(summary.status).toBe('completed');
    expect(summary.companies).toMatchObject({ read: 450, changed: 450, written: 450, failed: 0 });
    expect(summary.contacts).toMatchObject({ read: 900, changed: 900, written: 900, failed: 0 });
    expect(summary.failures).toEqual([]);
    // The 3 locked accounts: one collection write after the ingest job.
    expect(delta(await counts(h), before)).toEqual({ create: 2, upload: 2, patch: 2, collection: 1, ingest: 2 * 6 + 1 });
    expect(summary.apiCalls).toBe(2 + 2 * 6 + 1 + 1);
  });

  it('a write-bulk job cut off around its upload never uploads twice', async () => {
    const bulk = (await h.workers!.ctx.adapter('salesforce')).bulk!;
    const upload = bulk.upload;
    // Contacts: the connection drops after the upload (Salesforce has the job); companies: before it.
    const cut = new Set(['after', 'before']);
    bulk.upload = async (jobId, updates) => {
      const kind = updates[0].id.startsWith('003') ? 'after' : 'before';
      if (kind === 'after') await upload.call(bulk, jobId, updates);
      if (cut.delete(kind)) throw new CrmError('TRANSIENT', `connection lost ${kind} the upload`);
      if (kind === 'before') await upload.call(bulk, jobId, updates);
    };
    try {
      const before = await counts(h);
      const written = (await h.sandboxStats()).recordsWritten;
      const summary = await h.rescore();
      expect(cut.size).toBe(0);
      expect(summary.status).toBe('completed');
      expect(summary.companies).toMatchObject({ changed: 450, written: 450, failed: 0 });
      expect(summary.contacts).toMatchObject({ changed: 900, written: 900, failed: 0 });
      // Contacts: one job, one upload (the retry found it closed). Companies: the job that never got
      // its upload was aborted and replaced: two created, one upload, one abort + one close.
      expect(delta(await counts(h), before)).toMatchObject({ create: 3, upload: 2, patch: 3, collection: 0 });
      const stats = await h.sandboxStats();
      expect(stats.recordsWritten).toEqual({ Account: written.Account + 450, Contact: written.Contact + 900 });
    } finally {
      bulk.upload = upload;
    }
  });

  it('above the upload size, one write-bulk job splits the records into several ingest jobs', async () => {
    const bulk = (await h.workers!.ctx.adapter('salesforce')).bulk!;
    const fits = bulk.fits;
    // 100 MB is out of reach here: pretend 200 records fill an upload.
    bulk.fits = (updates) => Math.min(200, fits.call(bulk, updates));
    try {
      const before = await counts(h);
      const summary = await h.rescore();
      expect(summary.status).toBe('completed');
      expect(summary.companies).toMatchObject({ changed: 450, written: 450, failed: 0 });
      expect(summary.contacts).toMatchObject({ changed: 900, written: 900, failed: 0 });
      expect(delta(await counts(h), before)).toMatchObject({ create: 3 + 5, upload: 3 + 5, patch: 3 + 5, collection: 0 });
    } finally {
      bulk.fits = fits;
    }
  });
});

/** What an admin does in Setup > Object Manager, through the Tooling API. */
async function removePicklistValue(h: SyncHarness, developerName: string, value: string): Promise<void> {
  const tooling = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${h.sandbox.url}/services/data/v62.0/tooling/${path}`, { ...init, headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' } });
    expect(response.ok).toBe(true);
    return response.status === 204 ? undefined : response.json();
  };
  const query = (soql: string) => tooling(`query?q=${encodeURIComponent(soql)}`);
  const [{ Id }] = (await query(`SELECT Id FROM CustomField WHERE DeveloperName = '${developerName}' AND TableEnumOrId = 'Contact'`)).records;
  const [{ Metadata }] = (await query(`SELECT Id, Metadata FROM CustomField WHERE Id = '${Id}'`)).records;
  const definition = Metadata.valueSet.valueSetDefinition;
  definition.value = definition.value.filter((v: { fullName: string }) => v.fullName !== value);
  await tooling(`sobjects/CustomField/${Id}`, { method: 'PATCH', body: JSON.stringify({ Metadata }) });
}

describe('a record Bulk API 2.0 refuses is reported by id', () => {
  const h = new SyncHarness('salesforce');
  let adapter: CrmAdapter;
  const dropped = 'it_leader';

  beforeAll(async () => {
    await h.start({ companies: 120, contacts: 360 }, bulkConfig());
    adapter = await h.adapter();
  });
  afterAll(async () => {
    await adapter.close();
    await h.close();
  });

  it('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST fails those contacts only, by id, with no retry', async () => {
    expect((await h.sync({ mode: 'full' })).status).toBe('completed');
    // Someone removes a persona's value from the restricted picklist in Salesforce (Setup) after the run checked the fields.
    await removePicklistValue(h, 'ICP_Persona', dropped);
    const classify = compilePersonas(h.config.personas);
    const contacts = await allContacts(adapter);
    const refused = contacts.filter((c) => classify(c.jobTitle, c.department).persona === dropped).map((c) => c.id).sort();
    expect(refused.length).toBeGreaterThan(0);

    const before = await counts(h);
    const summary = await h.rescore();
    expect(summary.status).toBe('completed_with_failures');
    expect(summary.contacts).toMatchObject({ read: 360, changed: 360, written: 360 - refused.length, failed: refused.length });
    expect(summary.companies).toMatchObject({ read: 120, written: 120, failed: 0 });
    const failures = await h.redis.hgetall(keys(h.queueName).runFailures(summary.id));
    expect(Object.keys(failures).sort()).toEqual(refused.map((id) => `contacts:${id}`));
    for (const message of Object.values(failures)) expect(message).toMatch(/^INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/);
    // Not retried: no collection write; failedResults read for contacts only.
    expect(delta(await counts(h), before)).toEqual({ create: 2, upload: 2, patch: 2, collection: 0, ingest: 2 * 6 + 1 });
    expect(summary.apiCalls).toBe(2 + 2 * 6 + 1);
  });
});
