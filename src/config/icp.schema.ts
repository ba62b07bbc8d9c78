import { z } from 'zod';

/** The canonical company fields a criterion can read (also the JSON-lines input of `score`). */
export const COMPANY_FIELDS = [
  'id',
  'name',
  'domain',
  'industry',
  'annualRevenue',
  'employees',
  'country',
  'technologies',
] as const;
export type CompanyField = (typeof COMPANY_FIELDS)[number];

const value = z.union([z.string(), z.number()]);
const values = z.array(value).min(1);
const listValues = z.array(z.string().trim().min(1)).min(1);

const range = z
  .strictObject({
    min: z.number().optional(),
    max: z.number().optional(),
    falloff: z.number().positive().optional(),
  })
  .refine((r) => r.min !== undefined || r.max !== undefined, 'a range needs min, max or both')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not be above max');

const MATCH_KINDS = ['in', 'range', 'any', 'all', 'none'] as const;

// One object with optional keys rather than a union, so errors point inside the match
// (`criteria[2].match.range.min`) instead of "no union member matched".
export const matchSchema = z
  .strictObject({
    in: values.optional(),
    range: range.optional(),
    any: listValues.optional(),
    all: listValues.optional(),
    none: listValues.optional(),
  })
  .refine((m) => MATCH_KINDS.filter((k) => m[k] !== undefined).length === 1, {
    message: `exactly one of ${MATCH_KINDS.join(', ')}`,
  });

const id = z.string().trim().min(1).max(64);
const field = z.enum(COMPANY_FIELDS);

export const criterionSchema = z.strictObject({
  id,
  field,
  weight: z.number().positive(),
  match: matchSchema,
});

export const knockoutSchema = z.strictObject({ id, field, match: matchSchema });

const threshold = z.number().min(0).max(100);

export const tiersSchema = z
  .strictObject({ tier_1: threshold, tier_2: threshold, tier_3: threshold })
  .refine((t) => t.tier_1 >= t.tier_2 && t.tier_2 >= t.tier_3, 'thresholds must not increase: tier_1 >= tier_2 >= tier_3');

export const DEFAULT_TIERS = { tier_1: 80, tier_2: 60, tier_3: 40 };

export const talSchema = z.strictObject({
  minTier: z.enum(['tier_1', 'tier_2', 'tier_3']),
  maxSize: z.number().int().positive().optional(),
  include: z.array(z.string().trim().min(1)).default([]),
  exclude: z.array(z.string().trim().min(1)).default([]),
});

export const icpConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    criteria: z.array(criterionSchema).min(1),
    knockouts: z.array(knockoutSchema).default([]),
    tiers: tiersSchema.default(DEFAULT_TIERS),
    tal: talSchema.optional(),
    minCompleteness: z.number().min(0).max(1).default(0.5),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    for (const [list, items] of [['criteria', config.criteria], ['knockouts', config.knockouts]] as const) {
      items.forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `duplicate id "${item.id}"` });
        seen.add(item.id);
      });
    }
  });

export type Match = z.infer<typeof matchSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Knockout = z.infer<typeof knockoutSchema>;
export type IcpConfig = z.infer<typeof icpConfigSchema>;
export type TalConfig = z.infer<typeof talSchema>;
