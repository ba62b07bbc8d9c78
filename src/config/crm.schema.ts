import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

const propertyName = z.string().trim().min(1);

/** A cron pattern BullMQ's scheduler accepts (it uses cron-parser): "0 25 * * *" fails here, not in the worker. */
const cronPattern = z.string().superRefine((pattern, ctx) => {
  try {
    CronExpressionParser.parse(pattern);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid cron pattern (${(err as Error).message}): use e.g. "0 2 * * *" (minute hour day month weekday)` });
  }
});

/** An IANA time zone the runtime knows ("Europe/Paris"), as the scheduler would need it. */
const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a known IANA time zone: use e.g. "Europe/Paris", "America/New_York" or "UTC"' },
);

const schedule = z.union([
  z.strictObject({ every: z.string().regex(/^\d+(ms|s|m|h)$/, 'a duration such as 15m, 30s or 1h'), enabled: z.boolean().default(true) }),
  z.strictObject({ pattern: cronPattern, tz: timeZone.optional(), enabled: z.boolean().default(true) }),
]);

/** HubSpot's date-based API versions we speak, and the legacy numbered paths (v3 objects, v4 associations). */
export const HUBSPOT_API_VERSIONS = ['2026-09', '2026-03', 'v3'] as const;
export type HubSpotApiVersion = (typeof HUBSPOT_API_VERSIONS)[number];

export const hubspotSchema = z.strictObject({
  /** The API version every call goes to: `/crm/objects/2026-09/...`; `v3` for the legacy numbered paths. */
  apiVersion: z.enum(HUBSPOT_API_VERSIONS).default('2026-09'),
  /**
   * The starting request budget, and its ceiling: the limiter follows what HubSpot's headers say
   * (X-HubSpot-RateLimit-Max per -Interval-Milliseconds), never above this.
   */
  rateLimit: z
    .strictObject({
      max: z.number().int().positive().default(100),
      intervalSeconds: z.number().positive().default(10),
    })
    .default({ max: 100, intervalSeconds: 10 }),
  /** Share of the portal's daily limit (shared by all its apps) a run leaves untouched: it stops cleanly before. */
  dailyReserve: z.number().min(0).max(0.9).default(0.1),
  /** The search endpoints have their own limit per account. */
  searchPerSecond: z.number().int().positive().max(5).default(5),
  /** Incremental runs read again what changed this long before the last run started (search index lag). */
  incrementalOverlapSeconds: z.number().min(0).max(3600).default(60),
  companies: z
    .strictObject({
      name: propertyName.default('name'),
      domain: propertyName.default('domain'),
      industry: propertyName.default('industry'),
      annualRevenue: propertyName.default('annualrevenue'),
      employees: propertyName.default('numberofemployees'),
      country: propertyName.default('country'),
      technologies: propertyName.default('web_technologies'),
    })
    .default({
      name: 'name',
      domain: 'domain',
      industry: 'industry',
      annualRevenue: 'annualrevenue',
      employees: 'numberofemployees',
      country: 'country',
      technologies: 'web_technologies',
    }),
  contacts: z
    .strictObject({
      jobTitle: propertyName.default('jobtitle'),
      department: propertyName.optional(),
    })
    .default({ jobTitle: 'jobtitle' }),
  /** Also write HubSpot's own ABM properties. */
  mirror: z
    .strictObject({
      idealCustomerProfile: z.boolean().default(false),
      targetAccount: z.boolean().default(false),
      buyingRole: z.boolean().default(false),
    })
    .default({ idealCustomerProfile: false, targetAccount: false, buyingRole: false }),
});

export const salesforceSchema = z.strictObject({
  account: z
    .strictObject({
      name: propertyName.default('Name'),
      domain: propertyName.default('Website'),
      industry: propertyName.default('Industry'),
      annualRevenue: propertyName.default('AnnualRevenue'),
      employees: propertyName.default('NumberOfEmployees'),
      country: propertyName.default('BillingCountry'),
      technologies: propertyName.default('Technologies__c'),
    })
    .default({
      name: 'Name',
      domain: 'Website',
      industry: 'Industry',
      annualRevenue: 'AnnualRevenue',
      employees: 'NumberOfEmployees',
      country: 'BillingCountry',
      technologies: 'Technologies__c',
    }),
  contact: z
    .strictObject({ jobTitle: propertyName.default('Title'), department: propertyName.default('Department') })
    .default({ jobTitle: 'Title', department: 'Department' }),
  /** Above this many records a run reads and writes through Bulk API 2.0. */
  bulkThreshold: z.number().int().positive().default(10000),
  /** Share of the daily API allocation that a run never touches. */
  apiReserve: z.number().min(0).max(0.9).default(0.2),
  /** Parallel requests, kept under the org's long-running request limit. */
  concurrency: z.number().int().min(1).max(25).default(4),
});

export const crmConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  hubspot: hubspotSchema.default(hubspotSchema.parse({})),
  salesforce: salesforceSchema.default(salesforceSchema.parse({})),
  schedules: z
    .strictObject({
      incremental: schedule.default({ every: '15m', enabled: true }),
      full: schedule.default({ pattern: '0 2 * * *', enabled: true }),
      /** ICP validation against closed deals, refreshing the worker's GET /report: weekly, off unless enabled. */
      validate: schedule.default({ pattern: '0 6 * * 1', enabled: false }),
    })
    .default({
      incremental: { every: '15m', enabled: true },
      full: { pattern: '0 2 * * *', enabled: true },
      validate: { pattern: '0 6 * * 1', enabled: false },
    }),
});

export type CrmConfig = z.infer<typeof crmConfigSchema>;
export type HubSpotConfig = z.infer<typeof hubspotSchema>;
export type SalesforceConfig = z.infer<typeof salesforceSchema>;
export type Schedule = z.infer<typeof schedule>;
