import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');
const exec = promisify(execFile);

async function cli(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = execFile(process.execPath, [path.join(ROOT, 'bin/icp-sync.js'), ...args], { cwd: ROOT });
  child.stdin?.end(input);
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l));

describe('icp-sync score / classify (the CLI as users run it)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'icp-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('classify --titles: one line out per line in, in order, hostile input included', async () => {
    const input = ['DRH', '', 'Chargée de recrutement (H/F)', 'x'.repeat(10_000), '😀\u0000\u0007 VP Sales', 'N/A'].join('\n');
    const { code, stdout } = await cli(['classify', '--titles'], input);
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({ title: 'DRH', seniority: 'director', function: 'hr', persona: 'hr_leader', buyingRole: 'DECISION_MAKER' });
    expect(out[1]).toMatchObject({ seniority: 'unknown' });
    expect(out[2]).toMatchObject({ function: 'hr', persona: 'recruiting_champion', buyingRole: 'CHAMPION' });
    expect(out[4]).toMatchObject({ seniority: 'vp', function: 'sales' });
    expect(out[5]).toMatchObject({ seniority: 'unknown' });
  });

  it('classify: JSON lines with ids; a bad line is reported with its number and skipped, exit 1', async () => {
    const input = '{"id":"1","jobTitle":"DSI"}\n{oops\n{"id":2,"jobTitle":"Acheteuse","department":"Achats"}\n';
    const { code, stdout, stderr } = await cli(['classify'], input);
    expect(code).toBe(1);
    expect(lines(stdout)).toEqual([
      expect.objectContaining({ id: '1', function: 'it', seniority: 'director' }),
      expect.objectContaining({ id: '2', function: 'procurement' }),
    ]);
    expect(stderr).toMatch(/^line 2: not valid JSON/m);
  });

  it('score: CSV in, JSON lines out in input order with TAL, reasons and completeness', async () => {
    const csv = path.join(dir, 'companies.csv');
    writeFileSync(csv, 'id,name,country,employees,annualRevenue,industry,technologies\n1,Acme,France,"1 200",2.5M€,COMPUTER_SOFTWARE,Slack;Jira\n2,Tiny,FR,5,,RETAIL,\n3,Nobody,,,,,\n');
    const { code, stdout } = await cli(['score', '--input', csv]);
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out.map((o) => o.id)).toEqual(['1', '2', '3']);
    expect(Object.keys(out[0])).toEqual(['id', 'score', 'tier', 'tal', 'completeness', 'reasons']);
    expect(out[1]).toMatchObject({ score: 0, tier: 'no_fit', tal: false });
    expect(out[1].reasons[0]).toMatch(/^knockout micro_company/);
    expect(out[2]).toMatchObject({ tier: 'insufficient_data', completeness: 0 });
  });

  it('a bad config stops with exit code 2 naming the file, the path and what was found', async () => {
    const config = path.join(dir, 'bad-config');
    await exec('cp', ['-r', path.join(ROOT, 'config'), config]);
    writeFileSync(path.join(config, 'icp.yaml'), 'criteria:\n  - id: size\n    field: employees\n    wieght: 10\n    match: { range: { min: "abc" } }\n');
    const { code, stderr } = await cli(['score', '--config', config], '{"id":1}\n');
    expect(code).toBe(2);
    expect(stderr).toContain(`${path.join(config, 'icp.yaml')}: criteria[0].wieght: unknown key "wieght"`);
    expect(stderr).toContain('criteria[0].match.range.min: expected number, found "abc" (string)');
  });

  it('bad usage exits 2', async () => {
    expect((await cli(['sync', '--crm', 'pipedrive'])).code).toBe(2);
    expect((await cli(['rescore', '--crm', 'hubspot'])).code).toBe(2);
    const both = await cli(['rescore', '--crm', 'hubspot', '--company', '1', '--all']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/'--all' cannot be used with option '--company/);
  });

  it('score | head: the reader closing the pipe ends score quietly, exit 0, no temporary folder left', async () => {
    const file = path.join(dir, 'many.jsonl');
    writeFileSync(file, Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ id: String(i), employees: 100 + i, country: 'France' })).join('\n'));
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'icp-tmp-'));
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/icp-sync.js'), 'score', '--input', file], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a missing --input file exits 2 and names it', async () => {
    const { code, stderr } = await cli(['score', '--input', path.join(dir, 'missing.csv')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read --input .*missing\.csv: no such file/);
  });

  it('score: a French Excel export (BOM, ";", decimal commas) with HubSpot export headers scores every company', async () => {
    const file = path.join(dir, 'export-fr.csv');
    writeFileSync(file, '\uFEFFRecord ID;Company name;Annual Revenue;Number of Employees;Country/Region\r\n1;"Dupont; Fils";"12,5 M€";"1 500";France\r\n2;Beta;"3 millions";51-200;France\r\n');
    const { code, stdout, stderr } = await cli(['score', '--input', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out.map((o) => o.id)).toEqual(['1', '2']);
    expect(out[0].reasons).toEqual(expect.arrayContaining(['+15 revenue: 12500000']));
    expect(out[1].reasons.join(' ')).toMatch(/headcount: 125.5/);
  });
});
