/**
 * Throughput of the Salesforce sandbox through the real jsforce, no faults, no limits: query pages,
 * a filtered and ordered scan, sObject Collection updates of 200 and Bulk API 2.0 result pages.
 * Run: node -r ./bin/register.js bench/sandbox-salesforce.ts
 */
import jsforce from 'jsforce';
import { startSalesforceSandbox } from '@icp-sync/crm-sandbox';

const COMPANIES = 20_000;
const CONTACTS = 200_000;
const CONCURRENCY = 4;
const TOKEN = 'bench';

async function timed(label: string, records: number, run: () => PromiseLike<unknown>): Promise<void> {
  const started = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${label.padEnd(52)} ${records} records in ${seconds.toFixed(2)} s = ${Math.round(records / seconds)} records/s`);
}

async function main(): Promise<void> {
  const sandbox = await startSalesforceSandbox({ companies: COMPANIES, contacts: CONTACTS, apiDailyLimit: 1_000_000 });
  const conn = new jsforce.Connection({ instanceUrl: sandbox.url, accessToken: TOKEN, version: '62.0' });
  try {
    await timed('query contacts (query + queryMore, pages of 2,000)', CONTACTS, async () => {
      let page = await conn.query('SELECT Id, Title, Department, AccountId, SystemModstamp FROM Contact');
      while (!page.done) page = await conn.queryMore(page.nextRecordsUrl!);
    });
    await timed('query contacts WHERE SystemModstamp > X ORDER BY it', CONTACTS, async () => {
      let page = await conn.query('SELECT Id, Title, SystemModstamp FROM Contact WHERE SystemModstamp > 2020-01-01T00:00:00Z ORDER BY SystemModstamp');
      while (!page.done) page = await conn.queryMore(page.nextRecordsUrl!);
    });

    await conn.tooling.sobject('CustomField').create({ FullName: 'Account.ICP_Fit_Score__c', Metadata: { type: 'Number', label: 'ICP Fit Score', precision: 3, scale: 0 } });
    await conn.tooling.sobject('CustomField').create({ FullName: 'Account.ICP_Fit_Reasons__c', Metadata: { type: 'LongTextArea', label: 'ICP Fit Reasons', length: 1024, visibleLines: 3 } });
    const set = await conn.sobject('PermissionSet').create({ Name: 'ICP_Sync', Label: 'ICP Sync' });
    for (const field of ['Account.ICP_Fit_Score__c', 'Account.ICP_Fit_Reasons__c']) {
      await conn.sobject('FieldPermissions').create({ ParentId: set.id, SobjectType: 'Account', Field: field, PermissionsRead: true, PermissionsEdit: true });
    }
    await conn.sobject('PermissionSetAssignment').create({ PermissionSetId: set.id, AssigneeId: (await conn.identity()).user_id });
    const ids = (await conn.query<{ Id: string }>('SELECT Id FROM Account').run({ autoFetch: true, maxFetch: COMPANIES })).records.map((r) => r.Id);
    await timed(`update accounts (collections of 200, ${CONCURRENCY} concurrent)`, COMPANIES, () =>
      Promise.all(Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let start = worker * 200; start < ids.length; start += CONCURRENCY * 200) {
          const records = ids.slice(start, start + 200).map((Id, k) => ({ Id, ICP_Fit_Score__c: k % 101, ICP_Fit_Reasons__c: '+30 industry: Technology; +20 revenue; ?country: unknown' }));
          await conn.sobject('Account').update(records, { allOrNone: false });
        }
      })),
    );

    const job = await conn.requestPost<{ id: string; state: string }>('/services/data/v62.0/jobs/query', { operation: 'query', query: 'SELECT Id, Title, AccountId FROM Contact' });
    for (let state = job.state; state !== 'JobComplete'; ) state = (await conn.requestGet<{ state: string }>(`/services/data/v62.0/jobs/query/${job.id}`)).state;
    await timed('Bulk 2.0 query results (maxRecords=50,000 + locator)', CONTACTS, async () => {
      let locator: string | null = '';
      while (locator !== 'null') {
        const response: Response = await fetch(`${sandbox.url}/services/data/v62.0/jobs/query/${job.id}/results?maxRecords=50000${locator ? `&locator=${locator}` : ''}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
        await response.text();
        locator = response.headers.get('sforce-locator');
      }
    });
    const stats = (await (await fetch(`${sandbox.url}/__sandbox/stats`)).json()) as { apiUsage: unknown; recordsWritten: unknown };
    console.log(`api usage ${JSON.stringify(stats.apiUsage)}, records written ${JSON.stringify(stats.recordsWritten)}`);
  } finally {
    await sandbox.close();
  }
  const large = await startSalesforceSandbox({ companies: 50_000, contacts: 1_000_000 });
  try {
    const big = new jsforce.Connection({ instanceUrl: large.url, accessToken: TOKEN, version: '62.0' });
    await timed('1,000,000 contacts: filtered scan, first page', 1_000_000, () => big.query("SELECT Id FROM Contact WHERE Title LIKE '%Directeur%'"));
  } finally {
    await large.close();
  }
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (sandbox and jsforce client in one process)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
