import type { PersonasConfig } from '../config/personas.schema';
import { type BuyingRole, type JobFunction, OTHER_PERSONA, type Seniority } from './taxonomy';
import { fold } from './text';
import { compileTitleClassifier } from './titles';

export interface ContactClassification {
  title: string;
  seniority: Seniority;
  function: JobFunction;
  /** A configured persona id, or `other`. */
  persona: string;
  buyingRole: BuyingRole;
}

const NON_WORD = /[^a-z0-9]+/g;

/** Folded words separated by single spaces, so that keywords match whole words or word starts. */
function words(text: string): string {
  return fold(text).replace(NON_WORD, ' ').trim();
}

export type PersonaClassifier = (title: string | null | undefined, department?: string | null) => ContactClassification;

/** Builds the contact classifier once: title taxonomy, then the first persona of personas.yaml that matches. */
export function compilePersonas(config: PersonasConfig): PersonaClassifier {
  const classifyTitle = compileTitleClassifier(config.keywords);
  const personas = config.personas.map((persona) => ({
    id: persona.id,
    buyingRole: persona.buyingRole,
    functions: new Set<JobFunction>(persona.functions),
    seniorities: new Set<Seniority>(persona.seniorities),
    keywords: persona.titleKeywords?.map((keyword) => ` ${words(keyword)}`),
  }));

  return (title, department) => {
    const text = typeof title === 'string' ? title.trim() : '';
    const { seniority, function: fn } = classifyTitle(text, department);
    let titleWords: string | undefined;
    const persona = personas.find(
      (p) =>
        p.functions.has(fn) &&
        p.seniorities.has(seniority) &&
        // At a word start: "sourc" is in "Sourcing", never inside "Ressources".
        (!p.keywords || p.keywords.some((keyword) => (titleWords ??= ` ${words(text)}`).includes(keyword))),
    );
    return {
      title: text,
      seniority,
      function: fn,
      persona: persona?.id ?? OTHER_PERSONA,
      buyingRole: persona?.buyingRole ?? 'OTHER',
    };
  };
}
