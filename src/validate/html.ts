import * as echarts from 'echarts';
import type { ValidationRun } from './run';
import { percent, times } from './text';
import type { GroupStats, ValidationReport } from './types';

const WIDTH = 560;
const HEIGHT = 320;
const CURRENT = '#3b6fd1';
const CANDIDATE = '#e8833a';
const WON = '#2e9e5b';
const LOST = '#b8b8b8';

/** One chart rendered server-side to an SVG string: no DOM, no network, no animation. */
function svgChart(option: echarts.EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const pct = (x: number | null) => (x === null ? null : Math.round(1000 * x) / 10);
const round2 = (x: number | null) => (x === null ? null : Math.round(100 * x) / 100);

function barSeries(name: string, color: string, data: Array<number | null>, extra: Record<string, unknown> = {}) {
  return { name, type: 'bar' as const, data, itemStyle: { color }, label: { show: true, position: 'top' as const, fontSize: 10 }, ...extra };
}

function tierCharts(report: ValidationReport): string[] {
  const c = report.candidate;
  const tiers = report.tiers.map((t) => t.tier);
  const base = (title: string, unit: string) => ({
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'category' as const, data: tiers, axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: 'value' as const, name: unit },
  });
  const winRate = svgChart({
    ...base('Win rate by tier', '%'),
    series: [barSeries('current', CURRENT, report.tiers.map((t) => pct(t.winRate))), ...(c ? [barSeries('candidate', CANDIDATE, c.tiers.map((t) => pct(t.winRate)))] : [])],
  });
  const lift = svgChart({
    ...base('Lift over the overall win rate', 'x'),
    series: [
      barSeries('current', CURRENT, report.tiers.map((t) => round2(t.lift)), { markLine: { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { color: '#666' }, label: { formatter: 'overall', position: 'insideEndTop' } } }),
      ...(c ? [barSeries('candidate', CANDIDATE, c.tiers.map((t) => round2(t.lift)))] : []),
    ],
  });
  return [figure('win-rate', winRate), figure('lift', lift)];
}

function shareChart(report: ValidationReport): string {
  const c = report.candidate;
  const groups = (r: Omit<ValidationReport, 'candidate'>) => [...r.tiers.map((t) => ({ label: t.tier, g: t as GroupStats })), { label: 'TAL', g: r.tal[0] as GroupStats }];
  const total = report.overall.accounts || 1;
  const labels = groups(report).map((x) => x.label);
  const series = [
    barSeries('accounts (current)', '#9db7e8', groups(report).map((x) => pct(x.g.accounts / total))),
    barSeries('wins (current)', CURRENT, groups(report).map((x) => pct(x.g.shareOfWins))),
    ...(c ? [barSeries('accounts (candidate)', '#f3c29b', groups(c).map((x) => pct(x.g.accounts / total))), barSeries('wins (candidate)', CANDIDATE, groups(c).map((x) => pct(x.g.shareOfWins)))] : []),
  ];
  return figure(
    'shares',
    svgChart({
      title: { text: 'Share of accounts vs share of wins', left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, fontSize: 10 } },
      yAxis: { type: 'value', name: '%' },
      series: series.map((s) => ({ ...s, label: { ...s.label, show: !c } })),
    }),
  );
}

function histogramChart(run: ValidationRun): string {
  const { bins, won, lost } = run.current.histogram;
  return figure(
    'scores',
    svgChart({
      title: { text: 'Score of accounts with closed deals', left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 65 },
      xAxis: { type: 'category', data: bins.map((b) => (b === 90 ? '90-100' : `${b}-${b + 9}`)), name: 'score', nameLocation: 'middle', nameGap: 25, axisLabel: { interval: 0, fontSize: 10 } },
      yAxis: { type: 'value', name: 'accounts' },
      series: [
        { name: 'won (at least one win)', type: 'bar', stack: 'accounts', data: won, itemStyle: { color: WON } },
        { name: 'lost only', type: 'bar', stack: 'accounts', data: lost, itemStyle: { color: LOST } },
      ],
    }),
  );
}

function figure(name: string, svg: string): string {
  return `<figure class="chart" data-chart="${name}">${svg}</figure>`;
}

function cells(g: GroupStats): string {
  return [g.accounts, g.accountsWithDeals, g.closed, g.won, percent(g.winRate), times(g.lift), Math.round(g.wonAmount).toLocaleString('en-US'), percent(g.shareOfWins)]
    .map((v) => `<td>${escapeHtml(String(v))}</td>`)
    .join('');
}

const GROUP_HEAD = ['accounts', 'with deals', 'closed', 'won', 'win rate', 'lift', 'won amount', 'share of wins'];

function groupTable(id: string, rows: Array<{ label: string; g: GroupStats; candidate?: GroupStats }>, hasCandidate: boolean): string {
  const head = `<tr><th></th>${GROUP_HEAD.map((h) => `<th>${h}</th>`).join('')}${hasCandidate ? GROUP_HEAD.map((h) => `<th class="candidate">candidate ${h}</th>`).join('') : ''}</tr>`;
  const body = rows.map((r) => `<tr data-group="${escapeHtml(r.label)}"><th>${escapeHtml(r.label)}</th>${cells(r.g)}${hasCandidate && r.candidate ? cells(r.candidate) : ''}</tr>`).join('');
  return `<table id="${id}">${head}${body}</table>`;
}

function criteriaTable(report: ValidationReport): string {
  const buckets = ['full', 'partial', 'none', 'unknown'] as const;
  const head = `<tr><th>criterion</th><th>weight</th><th>suggested</th>${buckets.map((b) => `<th>${b}: win rate (closed)</th>`).join('')}</tr>`;
  const body = report.criteria
    .map((c) => `<tr data-criterion="${escapeHtml(c.id)}"><th>${escapeHtml(c.id)}</th><td>${c.weight}</td><td>${c.suggestedWeight ?? '-'}</td>${buckets.map((b) => `<td>${percent(c[b].winRate)} (${c[b].closed})</td>`).join('')}</tr>`)
    .join('');
  return `<table id="criteria">${head}${body}</table>`;
}

function personasTable(report: ValidationReport): string {
  if (!report.personas.length) return '<p>No contacts were read: persona presence is not measured.</p>';
  const head = '<tr><th>key persona</th><th>accounts present</th><th>win rate present (closed)</th><th>accounts absent</th><th>win rate absent (closed)</th><th>lift present</th></tr>';
  const body = report.personas
    .map((p) => `<tr data-persona="${escapeHtml(p.id)}"><th>${escapeHtml(p.id)}</th><td>${p.present.accounts}</td><td>${percent(p.present.winRate)} (${p.present.closed})</td><td>${p.absent.accounts}</td><td>${percent(p.absent.winRate)} (${p.absent.closed})</td><td>${times(p.present.lift)}</td></tr>`)
    .join('');
  return `<table id="personas">${head}${body}</table>`;
}

function falseNegativesTable(report: ValidationReport): string {
  if (!report.falseNegatives.length) return '<p>No won account is scored no_fit.</p>';
  const head = '<tr><th>CRM id</th><th>name</th><th>score</th><th>won deals</th><th>won amount</th></tr>';
  const body = report.falseNegatives
    .map((f) => `<tr data-id="${escapeHtml(f.id)}"><td>${escapeHtml(f.id)}</td><td>${escapeHtml(f.name ?? '')}</td><td>${f.score}</td><td>${f.won}</td><td>${Math.round(f.wonAmount).toLocaleString('en-US')}</td></tr>`)
    .join('');
  return `<table id="false-negatives">${head}${body}</table>`;
}

const STYLE = `
body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1200px; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; }
figure.chart { margin: 0; border: 1px solid #ddd; width: ${WIDTH}px; height: ${HEIGHT}px; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: right; }
th:first-child { text-align: left; } th.candidate { color: ${CANDIDATE}; }
.warning { color: #a15c00; }`;

/** The self-contained report page: charts inline as SVG, tables, no script and no network. */
export function renderReportHtml(run: ValidationRun): string {
  const report = run.report;
  const c = report.candidate;
  const d = report.deals;
  const tierRows = report.tiers.map((t, i) => ({ label: t.tier, g: t as GroupStats, candidate: c?.tiers[i] as GroupStats | undefined }));
  const talRows = report.tal.map((t, i) => ({ label: t.tal ? 'on the TAL' : 'not on the TAL', g: t as GroupStats, candidate: c?.tal[i] as GroupStats | undefined }));
  const warnings = report.warnings.map((w) => `<li class="warning">${escapeHtml(w)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ICP validation ${escapeHtml(report.window.to.slice(0, 10))}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>${STYLE}</style></head>
<body>
<h1>Does the ICP pick the accounts that buy?</h1>
<p id="summary">Closed deals from ${escapeHtml(report.window.from.slice(0, 10))} to ${escapeHtml(report.window.to.slice(0, 10))}:
<b data-value="closed">${d.closed}</b> closed, <b data-value="won">${d.won}</b> won, ${d.lost} lost, ${d.unattributed} without a company.
Overall win rate <b data-value="win-rate">${percent(report.overall.winRate)}</b>. Model ${escapeHtml(report.modelVersion)}${c ? `; candidate ${escapeHtml(c.modelVersion)}` : ''}.</p>
${warnings ? `<ul id="warnings">${warnings}</ul>` : ''}
<div class="charts">${[...tierCharts(report), shareChart(report), histogramChart(run)].join('\n')}</div>
<h2>Tiers${c ? ' (current, then candidate)' : ''}</h2>
${groupTable('tiers', tierRows, Boolean(c))}
<h2>Target account list</h2>
${groupTable('tal', talRows, Boolean(c))}
<h2>Criteria: win rate by match</h2>
${criteriaTable(report)}
<h2>Key personas: present vs absent</h2>
${personasTable(report)}
<h2>Won accounts the ICP calls no_fit (${report.falseNegatives.length})</h2>
${falseNegativesTable(report)}
</body></html>
`;
}
