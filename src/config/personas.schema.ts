import { z } from 'zod';
import { BUYING_ROLES, FUNCTIONS, OTHER_PERSONA, SENIORITIES } from '../scoring/taxonomy';

const keywordList = z.array(z.string().trim().min(1)).min(1);

export const personaSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'a lowercase id such as hr_decision_maker (it becomes a CRM enumeration value)')
      .refine((id) => id !== OTHER_PERSONA, `"${OTHER_PERSONA}" is reserved for contacts that match no persona`),
    label: z.string().trim().min(1).max(100),
    functions: z.array(z.enum(FUNCTIONS)).min(1),
    seniorities: z.array(z.enum(SENIORITIES)).min(1),
    /** When set, the title must also contain one of these words or word starts ("recrut" matches "Recruteur"; accent-, case- and punctuation-insensitive). */
    titleKeywords: keywordList.optional(),
    buyingRole: z.enum(BUYING_ROLES),
    /** Key personas count towards a company's persona coverage. */
    key: z.boolean().default(false),
  })
  .describe('A persona: the first one whose function, seniority and keywords match a contact wins.');

export const personasConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    personas: z.array(personaSchema).min(1),
    /** A customer's own jargon, added to the built-in vocabulary. */
    keywords: z
      .strictObject({
        functions: z.partialRecord(z.enum(FUNCTIONS), keywordList).default({}),
        seniorities: z.partialRecord(z.enum(SENIORITIES), keywordList).default({}),
      })
      .default({ functions: {}, seniorities: {} }),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.personas.forEach((persona, i) => {
      if (seen.has(persona.id)) {
        ctx.addIssue({ code: 'custom', path: ['personas', i, 'id'], message: `duplicate persona id "${persona.id}"` });
      }
      seen.add(persona.id);
    });
  });

export type Persona = z.infer<typeof personaSchema>;
export type PersonasConfig = z.infer<typeof personasConfigSchema>;
