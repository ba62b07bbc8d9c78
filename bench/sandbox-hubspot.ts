/**
 * Throughput of the HubSpot sandbox through the real SDK, no faults, no limits: list pages and
 * batch updates of 100 records. Run: node -r ./bin/register.js bench/sandbox-hubspot.ts
 */
import { Client } from '@hubspot/api-client';
import { startSandbox } from '@icp-sync/crm-sandbox';

const COMPANIES = 20_000;
const CONTACTS = 60_000;
const CONCURRENCY = 4;

async function timed(label: string, records: number, run: () => Promise<void>): Promise<void> {
  const started = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${label.padEnd(44)} ${records} records in ${seconds.toFixed(2)} s = ${Math.round(records / seconds)} records/s`);
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ crm: 'hubspot', companies: COMPANIES, contacts: CONTACTS, seed: 42 });
  const client = new Client({ accessToken: 'bench', basePath: sandbox.url });
  const base = { companies: 18_000_000_001, contacts: 51_000_000_001 };
  try {
    await timed('list contacts (sequential pages of 100)', CONTACTS, async () => {
      let after: string | undefined;
      do {
        const page = await client.crm.contacts.basicApi.getPage(100, after, ['firstname', 'lastname', 'jobtitle', 'lastmodifieddate'], undefined, ['companies']);
        after = page.paging?.next?.after;
      } while (after);
    });
    await timed(`list companies (${CONCURRENCY} concurrent cursors)`, COMPANIES, async () => {
      const share = COMPANIES / CONCURRENCY;
      await Promise.all(Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let offset = 0; offset < share; offset += 100) {
          await client.crm.companies.basicApi.getPage(100, String(base.companies + w * share + offset), ['name', 'domain', 'industry', 'annualrevenue', 'numberofemployees', 'country', 'web_technologies', 'hs_lastmodifieddate']);
        }
      }));
    });
    await client.crm.properties.groupsApi.create('companies', { name: 'icp_sync', label: 'ICP sync' });
    await client.crm.properties.coreApi.create('companies', { name: 'icp_fit_score', label: 'ICP fit score', type: 'number', fieldType: 'number', groupName: 'icp_sync' } as never);
    await client.crm.properties.coreApi.create('companies', {
      name: 'icp_tier', label: 'ICP tier', type: 'enumeration', fieldType: 'select', groupName: 'icp_sync',
      options: ['tier_1', 'tier_2', 'tier_3', 'no_fit', 'insufficient_data'].map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
    } as never);
    await client.crm.properties.coreApi.create('companies', { name: 'icp_fit_reasons', label: 'ICP fit reasons', type: 'string', fieldType: 'textarea', groupName: 'icp_sync' } as never);
    await timed(`batch update companies (${CONCURRENCY} concurrent batches)`, COMPANIES, async () => {
      const tiers = ['tier_1', 'tier_2', 'tier_3', 'no_fit'];
      const share = COMPANIES / CONCURRENCY;
      await Promise.all(Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let offset = 0; offset < share; offset += 100) {
          const inputs = Array.from({ length: 100 }, (_, k) => {
            const i = w * share + offset + k;
            return { id: String(base.companies + i), properties: { icp_fit_score: String(i % 101), icp_tier: tiers[i % 4], icp_fit_reasons: '+30 industry: COMPUTER_SOFTWARE; +20 revenue; ?country: unknown' } };
          });
          await client.crm.companies.batchApi.update({ inputs });
        }
      }));
    });
    const stats = (await sandbox.stats()) as { apiCalls: number; written: Record<string, number> };
    console.log(`api calls ${stats.apiCalls}, records written ${JSON.stringify(stats.written)}`);
  } finally {
    await sandbox.close();
  }
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (sandbox and SDK client in one process)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
