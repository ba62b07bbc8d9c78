/** The built-in title taxonomy of DESIGN.md: values users filter on in the CRM. */
export const SENIORITIES = [
  'c_level',
  'vp',
  'director',
  'manager',
  'individual_contributor',
  'intern',
  'unknown',
] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const FUNCTIONS = [
  'executive',
  'finance',
  'hr',
  'it',
  'engineering',
  'marketing',
  'sales',
  'operations',
  'legal',
  'procurement',
  'product',
  'customer_service',
  'other',
] as const;
export type JobFunction = (typeof FUNCTIONS)[number];

/** HubSpot's own buying-role values (hs_buying_role), also used on Salesforce. */
export const BUYING_ROLES = [
  'BLOCKER',
  'BUDGET_HOLDER',
  'CHAMPION',
  'DECISION_MAKER',
  'END_USER',
  'EXECUTIVE_SPONSOR',
  'INFLUENCER',
  'LEGAL_AND_COMPLIANCE',
  'OTHER',
] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];

export const TIERS = ['tier_1', 'tier_2', 'tier_3', 'no_fit', 'insufficient_data'] as const;
export type Tier = (typeof TIERS)[number];

/** Persona id written for contacts that match no configured persona. */
export const OTHER_PERSONA = 'other';
