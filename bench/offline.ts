/**
 * The offline engine: ICP scoring in-process (companies/s on one core) and the `classify --titles`
 * and `score` CLIs end to end on large files (records/s, peak RSS of the CLI process).
 * Run: node -r ./bin/register.js bench/offline.ts [titles=500000] [companies=200000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileIcp, type CompanyInput } from '../src/scoring/icp';
import { createDataset } from '@icp-sync/crm-sandbox';
import { loadDefaultConfig } from '../test/support/env';

const TITLES = Number(process.argv[2] ?? 500_000);
const COMPANIES = Number(process.argv[3] ?? 200_000);
const ROOT = path.resolve(__dirname, '..');
const config = loadDefaultConfig();
const dataset = createDataset({ seed: 7, companies: 10_000, contacts: 10_000 });

function companies(n: number): CompanyInput[] {
  return Array.from({ length: n }, (_, i) => {
    const c = dataset.company(i % dataset.companies);
    return { id: i, name: c.name, domain: c.domain, industry: c.industry, annualRevenue: c.annualRevenue, employees: c.employees, country: c.country, technologies: c.technologies };
  });
}

function inProcessScoring(): void {
  const score = compileIcp(config.icp);
  const input = companies(COMPANIES);
  // Best of 5 rounds, the first one warming up the JIT: the figure of one steady core.
  let best = Infinity;
  let sum = 0;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    sum = 0;
    for (const company of input) sum += score(company).score;
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  console.log(`in-process scoring: ${COMPANIES} companies in ${best.toFixed(2)} s (best of 5) = ${Math.round(COMPANIES / best)} companies/s (checksum ${sum})`);
}

/** Runs the CLI under /usr/bin/time for its wall time and peak RSS. */
function cli(args: string[], records: number, label: string): void {
  const timeFile = path.join(os.tmpdir(), `icp-bench-time-${process.pid}`);
  const start = process.hrtime.bigint();
  execFileSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, path.join(ROOT, 'bin/icp-sync.js'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakMb = Math.round(Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) / 1024);
  rmSync(timeFile, { force: true });
  console.log(`${label}: ${records} in ${seconds.toFixed(2)} s end to end = ${Math.round(records / seconds)}/s, peak RSS ${peakMb} MB`);
}

function main(): void {
  inProcessScoring();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'icp-bench-'));
  try {
    const titles = path.join(dir, 'titles.txt');
    const seedTitles = Array.from({ length: 5000 }, (_, i) => dataset.contact(i).jobtitle ?? '');
    writeFileSync(titles, Array.from({ length: TITLES }, (_, i) => seedTitles[i % seedTitles.length]).join('\n') + '\n');
    cli(['classify', '--titles', '--input', titles], TITLES, 'icp-sync classify --titles');
    const jsonl = path.join(dir, 'companies.jsonl');
    writeFileSync(jsonl, companies(COMPANIES).map((c) => JSON.stringify(c)).join('\n') + '\n');
    cli(['score', '--input', jsonl], COMPANIES, 'icp-sync score (JSON lines, TAL maxSize: spooled, bounded ranking)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
