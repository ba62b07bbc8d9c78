import { BUYING_ROLES, FUNCTIONS, OTHER_PERSONA, SENIORITIES, TIERS } from '../scoring/taxonomy';
import type { CompanyScores, ContactScores, ObjectKind } from './adapter';

export type PropertyType = 'number' | 'enumeration' | 'bool' | 'text' | 'textarea' | 'datetime';

/** One property icp-sync writes, in CRM-neutral terms; each adapter maps it to its own types. */
export interface PropertyDefinition {
  object: ObjectKind;
  /** HubSpot internal name; the Salesforce field is `salesforce`. */
  name: string;
  salesforce: string;
  label: string;
  description: string;
  type: PropertyType;
  options?: Array<{ value: string; label: string }>;
  maxLength?: number;
}

const label = (value: string) => value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const options = (values: readonly string[]) => values.map((value) => ({ value, label: label(value.toLowerCase()) }));

export const REASONS_MAX_LENGTH = 1024;

/** The properties of DESIGN.md "What is written to the CRM"; persona options come from personas.yaml. */
export function propertyDefinitions(personas: Array<{ id: string; label: string }>): PropertyDefinition[] {
  const company = (d: Omit<PropertyDefinition, 'object'>): PropertyDefinition => ({ object: 'companies', ...d });
  const contact = (d: Omit<PropertyDefinition, 'object'>): PropertyDefinition => ({ object: 'contacts', ...d });
  return [
    company({ name: 'icp_fit_score', salesforce: 'ICP_Fit_Score__c', label: 'ICP fit score', description: 'How well the company fits the Ideal Customer Profile, 0-100 (icp-sync).', type: 'number' }),
    company({ name: 'icp_tier', salesforce: 'ICP_Tier__c', label: 'ICP tier', description: 'ICP tier from the fit score (icp-sync).', type: 'enumeration', options: options(TIERS) }),
    company({ name: 'icp_tal', salesforce: 'ICP_TAL__c', label: 'ICP target account', description: 'On the target account list (icp-sync).', type: 'bool' }),
    company({ name: 'icp_fit_reasons', salesforce: 'ICP_Fit_Reasons__c', label: 'ICP fit reasons', description: 'Why the company scored as it did, one entry per criterion (icp-sync).', type: 'textarea', maxLength: REASONS_MAX_LENGTH }),
    company({ name: 'icp_data_completeness', salesforce: 'ICP_Data_Completeness__c', label: 'ICP data completeness', description: 'Share of the ICP criteria weight whose data is known, 0-100 (icp-sync).', type: 'number' }),
    company({ name: 'icp_scored_at', salesforce: 'ICP_Scored_At__c', label: 'ICP scored at', description: 'When icp-sync last wrote a change to the ICP properties.', type: 'datetime' }),
    company({ name: 'icp_model_version', salesforce: 'ICP_Model_Version__c', label: 'ICP model version', description: 'Hash of the ICP and persona configuration that produced the score (icp-sync).', type: 'text', maxLength: 64 }),
    company({ name: 'icp_persona_coverage', salesforce: 'ICP_Persona_Coverage__c', label: 'ICP persona coverage', description: 'Share of the key personas found among the company contacts, 0-100 (icp-sync).', type: 'number' }),
    company({ name: 'icp_personas_missing', salesforce: 'ICP_Personas_Missing__c', label: 'ICP personas missing', description: 'Key personas not found among the company contacts (icp-sync).', type: 'textarea', maxLength: REASONS_MAX_LENGTH }),
    contact({ name: 'icp_persona', salesforce: 'ICP_Persona__c', label: 'ICP persona', description: 'Persona matched from the job title (icp-sync).', type: 'enumeration', options: [...personas.map((p) => ({ value: p.id, label: p.label })), { value: OTHER_PERSONA, label: 'Other' }] }),
    contact({ name: 'icp_seniority', salesforce: 'ICP_Seniority__c', label: 'ICP seniority', description: 'Seniority from the job title (icp-sync).', type: 'enumeration', options: options(SENIORITIES) }),
    contact({ name: 'icp_function', salesforce: 'ICP_Function__c', label: 'ICP function', description: 'Function from the job title (icp-sync).', type: 'enumeration', options: options(FUNCTIONS) }),
    contact({ name: 'icp_buying_role', salesforce: 'ICP_Buying_Role__c', label: 'ICP buying role', description: 'Buying role of the matched persona (icp-sync).', type: 'enumeration', options: options(BUYING_ROLES) }),
  ];
}

/** Scores under the neutral (HubSpot) property names. */
export function companyProperties(s: CompanyScores): Record<string, string | number | boolean> {
  return {
    icp_fit_score: s.score,
    icp_tier: s.tier,
    icp_tal: s.tal,
    icp_fit_reasons: s.reasons,
    icp_data_completeness: Math.round(s.completeness * 100),
    icp_scored_at: s.scoredAt,
    icp_model_version: s.modelVersion,
    icp_persona_coverage: s.personaCoverage,
    icp_personas_missing: s.personasMissing,
  };
}

export function contactProperties(s: ContactScores): Record<string, string> {
  return { icp_persona: s.persona, icp_seniority: s.seniority, icp_function: s.function, icp_buying_role: s.buyingRole };
}

export const SCORED_AT = 'icp_scored_at';
