import type { Persona } from '../config/personas.schema';

export interface Coverage {
  /** 0-100: share of the key personas found among the company's contacts. */
  percent: number;
  /** Labels of the key personas not found, "; "-separated. */
  missing: string;
}

/** Persona coverage of one company from the persona ids of its contacts. */
export function personaCoverage(keyPersonas: Persona[], found: Iterable<string>): Coverage {
  if (!keyPersonas.length) return { percent: 100, missing: '' };
  const present = new Set(found);
  const missing = keyPersonas.filter((p) => !present.has(p.id));
  return {
    percent: Math.round((100 * (keyPersonas.length - missing.length)) / keyPersonas.length),
    missing: missing.map((p) => p.label).join('; '),
  };
}
