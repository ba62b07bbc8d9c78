import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/config/config.error';
import { crmConfigSchema } from '../../src/config/crm.schema';
import { icpConfigSchema } from '../../src/config/icp.schema';
import YAML from 'yaml';
import { loadConfig, parseConfig } from '../../src/config/load';
import { modelVersion } from '../../src/config/model-version';

const criterion = { id: 'size', field: 'employees', weight: 10, match: { range: { min: 10 } } };

function errorOf(input: unknown): string {
  try {
    parseConfig(icpConfigSchema, input, 'config/icp.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('icp.yaml validation', () => {
  it.each([
    [
      'wrong type deep inside a match',
      { criteria: [criterion, criterion, { ...criterion, id: 'x', match: { range: { min: 'abc' } } }] },
      'config/icp.yaml: criteria[2].match.range.min: expected number, found "abc" (string)',
    ],
    ['a typo in a key', { criteria: [{ ...criterion, wieght: 10 }] }, 'criteria[0].wieght: unknown key "wieght"'],
    ['an unknown top-level key', { criteria: [criterion], tier: {} }, 'tier: unknown key "tier"'],
    ['a field that does not exist', { criteria: [{ ...criterion, field: 'headcount' }] }, 'criteria[0].field: expected one of "id", "name"'],
    ['a zero weight', { criteria: [{ ...criterion, weight: 0 }] }, 'criteria[0].weight'],
    ['two match kinds', { criteria: [{ ...criterion, match: { in: ['a'], any: ['b'] } }] }, 'criteria[0].match: exactly one of in, range, any, all, none'],
    ['an empty range', { criteria: [{ ...criterion, match: { range: {} } }] }, 'criteria[0].match.range: a range needs min, max or both'],
    ['tiers going up', { criteria: [criterion], tiers: { tier_1: 50, tier_2: 60, tier_3: 40 } }, 'tiers: thresholds must not increase'],
    ['duplicate ids', { criteria: [criterion, criterion] }, 'criteria[1].id: duplicate id "size"'],
    ['no criteria', {}, 'criteria: expected array, found nothing'],
    ['a bad TAL tier', { criteria: [criterion], tal: { minTier: 'tier_9' } }, 'tal.minTier: expected one of "tier_1", "tier_2", "tier_3"'],
  ])('%s', (_, input, message) => {
    expect(errorOf(input)).toContain(message);
  });

  it('applies defaults', () => {
    const parsed = icpConfigSchema.parse({ criteria: [criterion] });
    expect(parsed).toMatchObject({ knockouts: [], tiers: { tier_1: 80, tier_2: 60, tier_3: 40 }, minCompleteness: 0.5 });
  });
});

describe('crm.yaml', () => {
  it('is entirely optional', () => {
    const crm = crmConfigSchema.parse({});
    expect(crm.hubspot.rateLimit).toEqual({ max: 100, intervalSeconds: 10 });
    expect(crm.hubspot.companies.technologies).toBe('web_technologies');
    expect(crm.salesforce.account.technologies).toBe('Technologies__c');
    expect(crm.schedules.incremental).toEqual({ every: '15m', enabled: true });
  });

  // Each of these used to pass validation and then crash the worker when it upserted the schedule.
  it.each([
    [{ pattern: '0 25 * * *' }, 'config/crm.yaml: schedules.full.pattern: not a valid cron pattern (Constraint error, got value 25 expected range 0-23)'],
    [{ pattern: '61 2 * * *' }, 'schedules.full.pattern: not a valid cron pattern'],
    [{ pattern: 'every night' }, 'schedules.full.pattern: not a valid cron pattern'],
    [{ pattern: '0 2 * * *', tz: 'Europe/Pariss' }, 'config/crm.yaml: schedules.full.tz: not a known IANA time zone: use e.g. "Europe/Paris"'],
  ])('rejects the schedule %j with the path and the fix', (full, message) => {
    let error = '';
    try {
      parseConfig(crmConfigSchema, { schedules: { full } }, 'config/crm.yaml');
    } catch (err) {
      error = (err as Error).message;
    }
    expect(error).toContain(message);
  });

  it('accepts real cron patterns and time zones', () => {
    const crm = crmConfigSchema.parse({ schedules: { full: { pattern: '30 1 * * 1-5', tz: 'America/New_York' }, incremental: { pattern: '*/15 * * * *', tz: 'UTC' } } });
    expect(crm.schedules.full).toMatchObject({ pattern: '30 1 * * 1-5', tz: 'America/New_York' });
  });
});

describe('model version', () => {
  const icp = icpConfigSchema.parse({ criteria: [criterion] });

  it('ignores key order and the $schema reference', () => {
    const reordered = JSON.parse(JSON.stringify({ minCompleteness: 0.5, tiers: icp.tiers, knockouts: [], criteria: icp.criteria, $schema: './x.json' }));
    expect(modelVersion(icpConfigSchema.parse(reordered))).toBe(modelVersion(icp));
  });

  it('changes with the meaning', () => {
    expect(modelVersion({ ...icp, minCompleteness: 0.6 })).not.toBe(modelVersion(icp));
  });
});

describe('shipped config', () => {
  it('icp.yaml and crm.yaml parse, whatever comments and key order', () => {
    const dir = path.join(__dirname, '../../config');
    expect(() => icpConfigSchema.parse(YAML.parse(readFileSync(path.join(dir, 'icp.yaml'), 'utf8')))).not.toThrow();
    expect(() => crmConfigSchema.parse(YAML.parse(readFileSync(path.join(dir, 'crm.yaml'), 'utf8')))).not.toThrow();
  });

  it('a YAML syntax error names the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'icp-config-'));
    try {
      writeFileSync(path.join(dir, 'icp.yaml'), 'criteria: [\n  - id: x\n');
      expect(() => loadConfig(dir)).toThrow(/icp\.yaml: not valid YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
