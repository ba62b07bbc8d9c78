import { TIERS } from '../scoring/taxonomy';
import type { ObjectCounts, RunSummary } from '../sync/run-store';

const pad = (value: string | number, width: number) => String(value).padStart(width);

function row(label: string, c: ObjectCounts): string {
  return `${label.padEnd(10)}${pad(c.read, 9)}${pad(c.changed, 9)}${pad(c.written, 9)}${pad(c.unchanged, 11)}${pad(c.failed, 8)}`;
}

/** The run summary as people read it in a terminal or a cron mail. */
export function formatSummary(s: RunSummary): string {
  const seconds = s.durationMs === undefined ? '?' : (s.durationMs / 1000).toFixed(1);
  const lines = [
    `Run ${s.id} (${s.crm}, ${s.mode}${s.dryRun ? ', dry run' : ''}${s.force ? ', forced' : ''}): ${s.status} in ${seconds} s`,
    `${''.padEnd(10)}${pad('read', 9)}${pad('changed', 9)}${pad('written', 9)}${pad('unchanged', 11)}${pad('failed', 8)}`,
    row('companies', s.companies),
    row('contacts', s.contacts),
    `tiers: ${TIERS.filter((t) => s.tiers[t]).map((t) => `${t} ${s.tiers[t]}`).join(', ') || '-'}`,
    `TAL: ${s.talSize ?? '-'} companies`,
    `API calls: ${s.apiCalls} (429s: ${s.rateLimited})`,
  ];
  if (s.error) lines.push(`error: ${s.error}`);
  for (const f of s.failures) lines.push(`failed ${f.kind} ${f.id}: ${f.error}`);
  return lines.join('\n');
}

/**
 * A value of a dry-run diff as a person reads it, the same way on both sides: CRMs hand numbers
 * and booleans back as strings ("100", "true") while we compute them typed, and `"100" -> 0`
 * would look like a type change rather than the score change it is.
 */
export function formatDiffValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  if (/^-?\d+(\.\d+)?$/.test(text.trim()) || text === 'true' || text === 'false') return text.trim();
  return JSON.stringify(text);
}
