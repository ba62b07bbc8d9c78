#!/usr/bin/env node
'use strict';
// `npm run bench`: the benches that matter, one after the other, each printing its own figures.
// Arguments after `--` pick benches by name: `npm run bench -- sync-hubspot offline`.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const BENCHES = [
  ['offline', 'in-process scoring and titles, `score`/`classify` end to end', []],
  ['classify', 'title classification: in-process and `classify --titles` end to end', []],
  ['sync-hubspot', 'HubSpot full sync at 150 ms latency and a 190/10 s budget, 1 and 3 workers; CPU and Redis per record', []],
  ['sync-hubspot-faults', 'HubSpot full sync 2,000 + 6,000: fault-free vs 5 % 500 + 5 % 429 + 2 % timeouts (per-request retries); 429s with the budget learned from headers', []],
  ['salesforce-bulk-memory', 'Salesforce full sync of 200,000 contacts through Bulk API 2.0: worker peak RSS', []],
  ['sync-salesforce', 'Salesforce full sync: API calls against the minimum, Bulk reads', []],
  ['validate', 'validate --crm on 10,000 companies + 20,000 contacts + 20,000 deals: time and API calls, both CRMs', []],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHES.some(([n]) => n === name));
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(', ')}: choose from ${BENCHES.map(([n]) => n).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const [name, what, args] of BENCHES) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n=== ${name}: ${what}\n`);
  const file = path.join(__dirname, `${name}.ts`);
  const result = spawnSync(process.execPath, ['-r', path.join(__dirname, '../bin/register.js'), file, ...args], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
