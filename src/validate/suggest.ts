import YAML from 'yaml';
import type { IcpConfig } from '../config/icp.schema';
import { compileIcp, type CompanyInput } from '../scoring/icp';
import { fitWeights, thresholdsFor } from './fit';
import type { ScoredCompany } from './report';

/**
 * The candidate icp.yaml: the same criteria, match rules, knockouts and TAL rules, weights
 * re-fitted to the closed deals, tier thresholds placed so each tier keeps its share of accounts.
 * Null when no closed deal falls on a scored company.
 */
export function suggestIcp(icp: IcpConfig, companies: CompanyInput[], scored: ScoredCompany[]): IcpConfig | null {
  const weights = fitWeights(icp, scored);
  if (!weights) return null;
  const criteria = icp.criteria.map((c, i) => ({ ...c, weight: weights[i] }));
  const reweighted: IcpConfig = { ...icp, criteria };
  const counts = { tier_1: 0, tier_2: 0, tier_3: 0 };
  for (const c of scored) if (c.tier in counts) counts[c.tier as keyof typeof counts] += 1;
  const score = compileIcp(reweighted);
  const eligible: number[] = [];
  const seen = new Set<string>();
  for (const company of companies) {
    const id = String(company.id);
    if (seen.has(id)) continue;
    seen.add(id);
    const result = score(company);
    if (!result.knockedOut && result.completeness >= icp.minCompleteness) eligible.push(result.score);
  }
  const tiers = thresholdsFor(eligible, [counts.tier_1, counts.tier_1 + counts.tier_2, counts.tier_1 + counts.tier_2 + counts.tier_3]);
  return { ...reweighted, tiers };
}

/** The suggestion as an icp.yaml a person reviews, then copies over theirs to adopt it. */
export function suggestionYaml(icp: IcpConfig, about: { closed: number; won: number; from: string; to: string; current: IcpConfig }): string {
  const { $schema: _schema, ...config } = icp;
  const changes = icp.criteria.map((c, i) => `#   ${c.id}: ${about.current.criteria[i].weight} -> ${c.weight}`).join('\n');
  const header = [
    '# yaml-language-server: $schema=./icp.schema.json',
    '#',
    `# Suggested by \`icp-sync validate\` from ${about.closed} closed deals (${about.won} won), ${about.from.slice(0, 10)} .. ${about.to.slice(0, 10)}.`,
    '# Same criteria, match rules, knockouts and TAL rules; weights re-fitted to the deals:',
    changes,
    `# Tier thresholds keep each tier's share of accounts: ${JSON.stringify(about.current.tiers)} -> ${JSON.stringify(icp.tiers)}.`,
    '# Nothing was written to the CRM. To adopt it, copy this file over icp.yaml: the next run re-scores everything.',
    '',
  ].join('\n');
  return `${header}${YAML.stringify(config, { lineWidth: 0 })}`;
}
