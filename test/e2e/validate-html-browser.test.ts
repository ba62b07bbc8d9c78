import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's chromium (.ci/run installs it when missing); the test is skipped only when none exists. */
function findChromium(): string | undefined {
  for (const name of [process.env.CHROMIUM_PATH, 'chromium', 'chromium-browser', 'google-chrome']) {
    if (!name) continue;
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  return undefined;
}

const chromium = findChromium();
const root = path.resolve(__dirname, '../..');
const describeWithBrowser = chromium ? describe : describe.skip;
if (!chromium) {
  console.warn('SKIPPED validate HTML in headless Chromium: no chromium binary (apt-get install chromium, or set CHROMIUM_PATH)');
}

describeWithBrowser('validate --html in headless Chromium', () => {
  let dir: string;
  let browser: Browser;
  let report: any;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'icp-validate-html-'));
    const companies = ['id,name,industry,annualRevenue,employees,country,technologies'];
    const deals = ['id,companyId,hs_is_closed,hs_is_closed_won,amount,closedate'];
    const today = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < 120; i++) {
      const fit = i % 3 === 0;
      companies.push(`${i},Company <${i}>,${fit ? 'COMPUTER_SOFTWARE' : 'MINING'},${fit ? 20_000_000 : 900_000_000},${fit ? 300 : 20000},${fit ? 'France' : 'Brazil'},${i % 2 ? 'Slack' : 'Jira'}`);
      deals.push(`d${i},${i},true,${i % 2 === 1 || i % 5 === 0},${1000 + i},${today}`);
    }
    writeFileSync(path.join(dir, 'companies.csv'), `${companies.join('\n')}\n`);
    writeFileSync(path.join(dir, 'deals.csv'), `${deals.join('\n')}\n`);
    const json = execFileSync(
      process.execPath,
      ['bin/icp-sync.js', 'validate', '--companies', path.join(dir, 'companies.csv'), '--deals', path.join(dir, 'deals.csv'), '--suggest', path.join(dir, 'icp.yaml'), '--html', path.join(dir, 'report.html'), '--json'],
      { cwd: root, encoding: 'utf8' },
    );
    report = JSON.parse(json);
    browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the charts as sized inline SVG and the tables with the report numbers, with no network', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${path.join(dir, 'report.html')}`, { waitUntil: 'load' });

    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return { name: f.getAttribute('data-chart'), width: box?.width ?? 0, height: box?.height ?? 0, shapes: svg?.querySelectorAll('path, rect').length ?? 0, text: svg?.textContent ?? '' };
      }),
    );
    expect(charts.map((c) => c.name)).toEqual(['win-rate', 'lift', 'shares', 'scores']);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(400);
      expect(chart.height).toBeGreaterThan(200);
      expect(chart.shapes).toBeGreaterThan(5);
    }
    expect(charts[0].text).toContain('tier_1');
    expect(charts[0].text).toContain('candidate');

    const cell = (table: string, row: string, column: number) =>
      page.$eval(`table#${table} tr[data-group="${row}"]`, (tr, i) => (tr.children[i as number] as HTMLElement).innerText, column);
    // Columns: label, accounts, with deals, closed, won, win rate, ...; then the candidate's.
    const tier1 = report.tiers[0];
    expect(await cell('tiers', 'tier_1', 1)).toBe(String(tier1.accounts));
    expect(await cell('tiers', 'tier_1', 3)).toBe(String(tier1.closed));
    expect(await cell('tiers', 'tier_1', 4)).toBe(String(tier1.won));
    expect(await cell('tiers', 'no_fit', 9)).toBe(String(report.candidate.tiers[3].accounts));
    expect(await cell('tal', 'on the TAL', 4)).toBe(String(report.tal[0].won));

    const summary = await page.$eval('#summary [data-value="closed"]', (b) => (b as HTMLElement).innerText);
    expect(summary).toBe(String(report.deals.closed));
    const criteria = await page.$$eval('table#criteria tr[data-criterion]', (rows) => rows.map((r) => r.getAttribute('data-criterion')));
    expect(criteria).toEqual(report.criteria.map((c: { id: string }) => c.id));

    const falseNegatives = await page.$$eval('table#false-negatives tr[data-id]', (rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(falseNegatives).toEqual(report.falseNegatives.map((f: { id: string }) => f.id));
    expect(falseNegatives.length).toBeGreaterThan(0);
    // Names are escaped, not markup.
    expect(await page.$eval('table#false-negatives tr[data-id] td:nth-child(2)', (td) => (td as HTMLElement).innerText)).toMatch(/^Company <\d+>$/);

    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await page.close();
  });
});
