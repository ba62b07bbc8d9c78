import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { personasConfigSchema, type PersonasConfig } from '../../src/config/personas.schema';
import { compilePersonas } from '../../src/scoring/personas';

const config = (personas: unknown[], keywords?: unknown): PersonasConfig => personasConfigSchema.parse({ personas, keywords });

describe('compilePersonas', () => {
  const classify = compilePersonas(
    config([
      { id: 'hr_head', label: 'HR head', functions: ['hr'], seniorities: ['director', 'c_level'], buyingRole: 'DECISION_MAKER', key: true },
      { id: 'payroll', label: 'Payroll', functions: ['hr'], seniorities: ['manager', 'individual_contributor'], titleKeywords: ['Paie', 'payroll'], buyingRole: 'CHAMPION' },
      { id: 'hr_any', label: 'HR', functions: ['hr'], seniorities: ['director', 'manager', 'individual_contributor'], buyingRole: 'END_USER' },
    ]),
  );

  it.each([
    ['DRH', 'hr_head', 'DECISION_MAKER'],
    ['Gestionnaire de paie', 'payroll', 'CHAMPION'],
    ['Responsable PAIE', 'payroll', 'CHAMPION'],
    ['Payroll Specialist', 'payroll', 'CHAMPION'],
    ['Responsable RH', 'hr_any', 'END_USER'],
    ['Chargée de recrutement', 'hr_any', 'END_USER'],
    ['Stagiaire RH', 'other', 'OTHER'],
    ['CFO', 'other', 'OTHER'],
    ['', 'other', 'OTHER'],
  ])('%s -> %s (%s), first match wins', (title, persona, buyingRole) => {
    expect(classify(title)).toMatchObject({ persona, buyingRole });
  });

  it('returns the trimmed title with its seniority and function', () => {
    expect(classify('  Directrice des Ressources Humaines (H/F) ')).toEqual({
      title: 'Directrice des Ressources Humaines (H/F)',
      seniority: 'director',
      function: 'hr',
      persona: 'hr_head',
      buyingRole: 'DECISION_MAKER',
    });
  });

  it('uses the department for the function and null titles as empty', () => {
    expect(classify('Directeur', 'Ressources humaines')).toMatchObject({ function: 'hr', persona: 'hr_head' });
    expect(classify(null)).toEqual({ title: '', seniority: 'unknown', function: 'other', persona: 'other', buyingRole: 'OTHER' });
  });

  it('matches title keywords at word starts only', () => {
    const byKeyword = compilePersonas(
      config([{ id: 'sourcing', label: 'Sourcing', functions: ['hr'], seniorities: ['manager', 'individual_contributor'], titleKeywords: ['sourc', 'talent acquisition'], buyingRole: 'CHAMPION' }]),
    );
    expect(byKeyword('Sourceur RH')).toMatchObject({ persona: 'sourcing' });
    expect(byKeyword('Responsable talent-acquisition')).toMatchObject({ persona: 'sourcing' });
    expect(byKeyword('Head of Talent Acquisition').persona).toBe('other'); // a director: seniority still applies
    expect(byKeyword('Talent Acquisition Partner')).toMatchObject({ persona: 'sourcing' });
    expect(byKeyword('Responsable Ressources Humaines')).toMatchObject({ persona: 'other' });
    expect(byKeyword('Human Resources Officer')).toMatchObject({ persona: 'other' });
  });

  it("applies the config's keywords to the taxonomy", () => {
    const withJargon = compilePersonas(
      config(
        [{ id: 'hr', label: 'HR', functions: ['hr'], seniorities: ['manager'], buyingRole: 'CHAMPION' }],
        { functions: { hr: ['QVT'] } },
      ),
    );
    expect(withJargon('Responsable QVT')).toMatchObject({ function: 'hr', persona: 'hr' });
  });
});

describe('shipped config/personas.yaml', () => {
  const file = path.join(__dirname, '../../config/personas.yaml');
  const text = readFileSync(file, 'utf8');
  const classify = compilePersonas(personasConfigSchema.parse(YAML.parse(text)));

  it('points editors at the generated JSON Schema', () => {
    expect(text.startsWith('# yaml-language-server: $schema=./personas.schema.json')).toBe(true);
  });

  it.each([
    ['DRH', 'hr_leader', 'DECISION_MAKER'],
    ['Directrice des ressources humaines', 'hr_leader', 'DECISION_MAKER'],
    ['Chargée de recrutement', 'recruiting_champion', 'CHAMPION'],
    ['Talent Acquisition Manager', 'recruiting_champion', 'CHAMPION'],
    ['RRH', 'hr_manager', 'INFLUENCER'],
    ['Gestionnaire de paie', 'hr_staff', 'END_USER'],
    ['DSI', 'it_leader', 'INFLUENCER'],
    ['DAF', 'finance_leader', 'BUDGET_HOLDER'],
    ['CFO', 'finance_leader', 'BUDGET_HOLDER'],
    ['CEO', 'executive_sponsor', 'EXECUTIVE_SPONSOR'],
    ['Fondatrice', 'executive_sponsor', 'EXECUTIVE_SPONSOR'],
    ['Acheteuse', 'procurement', 'BLOCKER'],
    ['Juriste', 'legal_compliance', 'LEGAL_AND_COMPLIANCE'],
    ['DPO', 'legal_compliance', 'LEGAL_AND_COMPLIANCE'],
    ['Développeur', 'other', 'OTHER'],
    ['N/A', 'other', 'OTHER'],
    // Keywords match word starts: "sourc" is in "Sourcing", not inside "Ressources".
    ['Responsable des Ressources Humaines', 'hr_manager', 'INFLUENCER'],
    ['Human Resources Manager', 'hr_manager', 'INFLUENCER'],
    ['Sourceuse IT', 'recruiting_champion', 'CHAMPION'],
    ['Chargée de recrutement', 'recruiting_champion', 'CHAMPION'],
    ['Chasseuse de têtes', 'recruiting_champion', 'CHAMPION'],
  ])('%s -> %s (%s)', (title, persona, buyingRole) => {
    expect(classify(title)).toMatchObject({ persona, buyingRole });
  });
});
