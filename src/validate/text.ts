import type { GroupStats, ValidationReport } from './types';

export function percent(x: number | null): string {
  return x === null ? '-' : `${(100 * x).toFixed(1)} %`;
}

export function times(x: number | null): string {
  return x === null ? '-' : `${x.toFixed(2)}x`;
}

function row(label: string, g: GroupStats, other?: GroupStats): string {
  const cells = [label.padEnd(18), String(g.accounts).padStart(7), String(g.closed).padStart(7), String(g.won).padStart(6), percent(g.winRate).padStart(8), times(g.lift).padStart(7), percent(g.shareOfWins).padStart(8)];
  if (other) cells.push(`   | ${percent(other.winRate).padStart(8)} ${times(other.lift).padStart(7)} ${percent(other.shareOfWins).padStart(8)} ${String(other.accounts).padStart(7)}`);
  return cells.join(' ');
}

/** The report for a person: tiers and TAL (current | candidate), criteria, personas, false negatives. */
export function formatReport(report: ValidationReport): string {
  const c = report.candidate;
  const lines: string[] = [];
  const d = report.deals;
  lines.push(`Closed deals ${report.window.from.slice(0, 10)} .. ${report.window.to.slice(0, 10)}: ${d.closed} (${d.won} won, ${d.lost} lost, ${d.unattributed} without a company); overall win rate ${percent(report.overall.winRate)}`);
  lines.push(`model ${report.modelVersion}${c ? ` | candidate ${c.modelVersion}` : ''}`);
  lines.push('');
  const header = `${'group'.padEnd(18)} ${'accounts'.padStart(7)} ${'closed'.padStart(7)} ${'won'.padStart(6)} ${'win rate'.padStart(8)} ${'lift'.padStart(7)} ${'of wins'.padStart(8)}`;
  lines.push(c ? `${header}   | candidate: win rate, lift, of wins, accounts` : header);
  report.tiers.forEach((t, i) => lines.push(row(t.tier, t, c?.tiers[i])));
  report.tal.forEach((t, i) => lines.push(row(t.tal ? 'TAL' : 'not on TAL', t, c?.tal[i])));
  lines.push('');
  lines.push('Criteria: win rate by match (full / partial / none / unknown), weight -> suggested');
  for (const k of report.criteria) {
    const buckets = (['full', 'partial', 'none', 'unknown'] as const).map((b) => `${percent(k[b].winRate)} (${k[b].closed})`).join(' / ');
    lines.push(`  ${k.id.padEnd(22)} ${buckets}   weight ${k.weight} -> ${k.suggestedWeight ?? '-'}`);
  }
  if (report.personas.length) {
    lines.push('Key personas: win rate present / absent');
    for (const p of report.personas) lines.push(`  ${p.id.padEnd(22)} ${percent(p.present.winRate)} (${p.present.closed}) / ${percent(p.absent.winRate)} (${p.absent.closed})`);
  }
  if (report.falseNegatives.length) {
    lines.push(`Won accounts the ICP calls no_fit: ${report.falseNegatives.length}, biggest first`);
    for (const f of report.falseNegatives.slice(0, 10)) lines.push(`  ${f.id} ${f.name ?? ''} score ${f.score}: ${f.won} won, ${f.wonAmount.toLocaleString('en-US')}`);
  }
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

/** "Your ICP vs what your deals say": the current config against its candidate, in a few lines. */
export function formatComparison(report: ValidationReport): string {
  const c = report.candidate;
  const d = report.deals;
  const lines = [`Your ICP vs what your deals say (${d.closed} closed deals, ${d.won} won, ${report.window.from.slice(0, 10)} .. ${report.window.to.slice(0, 10)}):`];
  if (!c) return [...lines, '  no closed deal on a scored company: nothing to compare'].join('\n');
  const line = (label: string, a: string, b: string) => lines.push(`  ${label.padEnd(22)} ${a.padStart(9)} ${b.padStart(11)}`);
  line('', 'current', 'suggested');
  line('tier_1 lift', times(report.tiers[0].lift), times(c.tiers[0].lift));
  line('tier_1 win rate', percent(report.tiers[0].winRate), percent(c.tiers[0].winRate));
  line('tier_1 accounts', String(report.tiers[0].accounts), String(c.tiers[0].accounts));
  line('TAL share of wins', percent(report.tal[0].shareOfWins), percent(c.tal[0].shareOfWins));
  line('TAL accounts', String(report.tal[0].accounts), String(c.tal[0].accounts));
  line('won accounts no_fit', String(report.falseNegatives.length), String(c.falseNegatives.length));
  lines.push(`  weights: ${report.criteria.map((k, i) => `${k.id} ${k.weight} -> ${c.criteria[i]?.weight ?? '-'}`).join(', ')}`);
  return lines.join('\n');
}
