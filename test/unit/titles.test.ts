import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FUNCTIONS, SENIORITIES, type JobFunction, type Seniority } from '../../src/scoring/taxonomy';
import { compileTitleClassifier } from '../../src/scoring/titles';

interface Row {
  title: string;
  seniority: Seniority;
  function: JobFunction;
}

function readFixture(name: string): Row[] {
  const [, ...lines] = readFileSync(path.join(__dirname, '../fixtures', name), 'utf8').split('\n');
  return lines
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [title, seniority, fn] = line.split('\t');
      return { title, seniority: seniority as Seniority, function: fn as JobFunction };
    });
}

function accuracy(rows: Row[]): { seniority: number; function: number; misses: string[] } {
  const classify = compileTitleClassifier();
  let seniority = 0;
  let fn = 0;
  const misses: string[] = [];
  for (const row of rows) {
    const got = classify(row.title);
    if (got.seniority === row.seniority) seniority++;
    if (got.function === row.function) fn++;
    if (got.seniority !== row.seniority || got.function !== row.function) {
      misses.push(`${JSON.stringify(row.title)}: expected ${row.seniority}/${row.function}, got ${got.seniority}/${got.function}`);
    }
  }
  return { seniority: seniority / rows.length, function: fn / rows.length, misses };
}

const classify = compileTitleClassifier();

describe('title fixtures', () => {
  const fixture = readFixture('titles.tsv');
  const holdout = readFixture('titles-holdout.tsv');
  // Job-board and LinkedIn-style titles (FR/EN) plus white-collar ROME / O*NET titles, labelled before tuning.
  const holdout2 = readFixture('titles-holdout-2.tsv');

  it('has at least 400 labelled rows using only taxonomy values', () => {
    expect(fixture.length).toBeGreaterThanOrEqual(400);
    expect(holdout2.length).toBeGreaterThanOrEqual(500);
    for (const row of [...fixture, ...holdout, ...holdout2]) {
      expect(SENIORITIES).toContain(row.seniority);
      expect(FUNCTIONS).toContain(row.function);
    }
  });

  it('classifies the tuning fixture (≥ 99 % seniority, ≥ 98 % function)', () => {
    const result = accuracy(fixture);
    console.info(`titles.tsv (${fixture.length}): seniority ${(100 * result.seniority).toFixed(1)} %, function ${(100 * result.function).toFixed(1)} %\n${result.misses.join('\n')}`);
    expect(result.seniority).toBeGreaterThanOrEqual(0.99);
    expect(result.function).toBeGreaterThanOrEqual(0.98);
  });

  // The project's own sets stay at ≥ 97 % function (issue 11); the product bar is 95 / 90.
  it('classifies the first held-out set (≥ 95 % seniority, ≥ 97 % function)', () => {
    const result = accuracy(holdout);
    console.info(`titles-holdout.tsv (${holdout.length}): seniority ${(100 * result.seniority).toFixed(1)} %, function ${(100 * result.function).toFixed(1)} %\n${result.misses.join('\n')}`);
    expect(result.seniority).toBeGreaterThanOrEqual(0.95);
    expect(result.function).toBeGreaterThanOrEqual(0.97);
  });

  it('classifies the CRM-style set (≥ 95 % seniority, ≥ 97 % function)', () => {
    const result = accuracy(holdout2);
    console.info(`titles-holdout-2.tsv (${holdout2.length}): seniority ${(100 * result.seniority).toFixed(1)} %, function ${(100 * result.function).toFixed(1)} %\n${result.misses.join('\n')}`);
    expect(result.seniority).toBeGreaterThanOrEqual(0.95);
    expect(result.function).toBeGreaterThanOrEqual(0.97);
  });
});

// Written and labelled per DESIGN.md before the classifier ever ran on them, from sources unlike the
// references the vocabulary and the model were built from (LinkedIn entries, job-board ads, ESCO-style
// names); the 4th column is the language. Their first scores are in the report; the misses of
// titles-blind-3 (seen at the start) and titles-blind-5 (a few gaps fixed after it was scored) were
// looked at, so titles-blind-4 is the one nobody tuned on.
describe('blind title sets, English and French apart', () => {
  it.each([['titles-blind-3.tsv'], ['titles-blind-4.tsv'], ['titles-blind-5.tsv']])('%s meets the product bar (≥ 95 %% seniority, ≥ 90 %% function)', (name) => {
    const rows = readFileSync(path.join(__dirname, '../fixtures', name), 'utf8').split('\n').slice(1).filter((line) => line.includes('\t'));
    for (const language of ['en', 'fr']) {
      const result = accuracy(readFixture(name).filter((_, i) => rows[i].split('\t')[3] === language));
      console.info(`${name} ${language}: seniority ${(100 * result.seniority).toFixed(1)} %, function ${(100 * result.function).toFixed(1)} %\n${result.misses.join('\n')}`);
      expect(result.seniority).toBeGreaterThanOrEqual(0.95);
      expect(result.function).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('DESIGN.md hard cases', () => {
  it.each<[string, Seniority, JobFunction]>([
    ['Directeur Marketing', 'director', 'marketing'],
    ['Directrice des Systèmes d’Information', 'director', 'it'],
    ['Directeur général', 'c_level', 'executive'],
    ['DG', 'c_level', 'executive'],
    ['PDG', 'c_level', 'executive'],
    ['CEO', 'c_level', 'executive'],
    ['President', 'c_level', 'executive'],
    ['Founder', 'c_level', 'executive'],
    ['Owner', 'c_level', 'executive'],
    ['Gérant', 'c_level', 'executive'],
    ['Gérante', 'c_level', 'executive'],
    ['Directeur général adjoint', 'vp', 'executive'],
    ['Directrice générale déléguée', 'vp', 'executive'],
    ['CFO', 'c_level', 'finance'],
    ['CTO', 'c_level', 'engineering'],
    ['CIO', 'c_level', 'it'],
    ['CMO', 'c_level', 'marketing'],
    ['CRO', 'c_level', 'sales'],
    ['CHRO', 'c_level', 'hr'],
    ['COO', 'c_level', 'operations'],
    ['CISO', 'c_level', 'it'],
    ['Chief Revenue Officer', 'c_level', 'sales'],
    ['Chief Happiness Officer', 'c_level', 'executive'],
    ['DRH', 'director', 'hr'],
    ['DSI', 'director', 'it'],
    ['DAF', 'director', 'finance'],
    ['RSSI', 'director', 'it'],
    ['RRH', 'manager', 'hr'],
    ['Head of Sales', 'director', 'sales'],
    ['Vice President Marketing', 'vp', 'marketing'],
    ['VP Engineering', 'vp', 'engineering'],
    ['SVP Sales', 'vp', 'sales'],
    ['EVP Operations', 'vp', 'operations'],
    ['Responsable RH', 'manager', 'hr'],
    ['Chef de projet', 'manager', 'other'],
    ['Project Manager', 'manager', 'other'],
    ['Chef de service', 'manager', 'other'],
    ['Sales Manager', 'manager', 'sales'],
    ['Account Manager', 'manager', 'sales'],
    ['Office Manager', 'manager', 'operations'],
    ['Team Lead', 'manager', 'other'],
    ['Assistant to the CEO', 'individual_contributor', 'operations'],
    ['CEO Assistant', 'individual_contributor', 'operations'],
    ['Assistante de direction', 'individual_contributor', 'operations'],
    ['Assistante RH', 'individual_contributor', 'hr'],
    ['Stagiaire', 'intern', 'other'],
    ['Alternante RH', 'intern', 'hr'],
    ['Apprenti comptable', 'intern', 'finance'],
    ['Marketing Intern', 'intern', 'marketing'],
    ['Graduate Trainee', 'intern', 'other'],
    ['Chargé de communication en alternance', 'intern', 'marketing'],
    ['Founder & CTO', 'c_level', 'executive'],
    ['CTO & Founder', 'c_level', 'engineering'],
    ['Office Manager / Assistante de direction', 'manager', 'operations'],
    ['Assistante de direction / Office Manager', 'manager', 'operations'],
    ['Assistant to the CEO & CFO', 'individual_contributor', 'operations'],
    ['Head of Growth', 'director', 'marketing'],
    ['Directeur Général Délégué', 'vp', 'executive'],
    ['Resp. RH & Paie', 'manager', 'hr'],
    ['CSM', 'manager', 'customer_service'],
    ['Directeur(trice) commercial(e)', 'director', 'sales'],
    ['Chargé(e) de recrutement', 'individual_contributor', 'hr'],
    ['Chargée de recrutement', 'individual_contributor', 'hr'],
    ['DIRECTRICE FINANCIÈRE', 'director', 'finance'],
    ['Développeur (H/F)', 'individual_contributor', 'engineering'],
    ['Comptable F/H', 'individual_contributor', 'finance'],
    ['Software Engineer (m/w/d)', 'individual_contributor', 'engineering'],
    ['Recruiter (f/m/x)', 'individual_contributor', 'hr'],
    ['Acheteur - CDI', 'individual_contributor', 'procurement'],
    ['Sr. Product Manager', 'manager', 'product'],
    ['Dir. Marketing', 'director', 'marketing'],
    ['Mgr, Customer Success', 'manager', 'customer_service'],
    ['DPO', 'individual_contributor', 'legal'],
    ['Compliance Officer', 'individual_contributor', 'legal'],
    ['Product Owner', 'individual_contributor', 'product'],
    ['Technicien helpdesk', 'individual_contributor', 'it'],
    ['DevOps Engineer', 'individual_contributor', 'engineering'],
    ['Responsable logistique', 'manager', 'operations'],
    ['Service client', 'individual_contributor', 'customer_service'],
    ['Consultant', 'individual_contributor', 'other'],
  ])('%s -> %s / %s', (title, seniority, fn) => {
    expect(classify(title)).toEqual({ seniority, function: fn });
  });
});

describe('word families', () => {
  it.each<[string, Seniority, JobFunction]>([
    ['Ingénieur systèmes et réseaux informatiques', 'individual_contributor', 'it'],
    ['Ingénieur bases de données', 'individual_contributor', 'it'],
    ['Technicien support N2', 'individual_contributor', 'it'],
    ['Ingénieur sécurité web', 'individual_contributor', 'it'],
    ['Web commercial', 'individual_contributor', 'sales'],
    ['Planificateur réseaux de télécoms', 'individual_contributor', 'it'],
    ['Responsable RSE', 'manager', 'operations'],
    ['Sales Ops Manager', 'manager', 'sales'],
    ['Ops Manager', 'manager', 'operations'],
    ['People Ops Manager', 'manager', 'hr'],
    ['RevOps', 'individual_contributor', 'sales'],
    ['Consultant BI', 'individual_contributor', 'engineering'],
    ['Attachée de presse', 'individual_contributor', 'marketing'],
    ['Responsable Qualité de Vie au Travail', 'manager', 'hr'],
    ['Customer Onboarding Manager', 'manager', 'customer_service'],
    ['R&D Engineer', 'individual_contributor', 'engineering'],
    ['UX/UI Designer', 'individual_contributor', 'product'],
  ])('%s -> %s / %s', (title, seniority, fn) => {
    expect(classify(title)).toEqual({ seniority, function: fn });
  });
});

describe('issue 11 hard cases', () => {
  it.each<[string, Seniority, JobFunction]>([
    // several roles: the highest seniority, the first role's function
    ['SVP and Chief Revenue Officer', 'c_level', 'sales'],
    ['VP Sales & CMO', 'c_level', 'sales'],
    ['Assistante de direction / Comptable', 'individual_contributor', 'operations'],
    ['Assistant / Assistante comptable', 'individual_contributor', 'finance'],
    // ...but a list of domain words is one role
    ['Directeur Administratif, Financier & RH', 'director', 'finance'],
    ['Responsable administratif / financier', 'manager', 'finance'],
    // deputies of the general management are vp, in French and English
    ['DG adjoint', 'vp', 'executive'],
    ['DG délégué', 'vp', 'executive'],
    ['Deputy CEO', 'vp', 'executive'],
    ['Vice-CEO', 'vp', 'executive'],
    ['Deputy Chief Executive Officer', 'vp', 'executive'],
    ['Deputy Managing Director', 'vp', 'executive'],
    ['Secrétaire général', 'director', 'executive'],
    // an assistant takes the function it names; operations when it assists a person or the management
    ['Assistant ingénieur', 'individual_contributor', 'engineering'],
    ['Assistant Engineer', 'individual_contributor', 'engineering'],
    ['Assistante de direction générale', 'individual_contributor', 'operations'],
    ['Assistante du Président', 'individual_contributor', 'operations'],
    ['Assistante sociale', 'individual_contributor', 'other'],
    ['Aide-soignante', 'individual_contributor', 'other'],
    ['Aide comptable', 'individual_contributor', 'finance'],
    // DevOps is engineering, even next to infrastructure words
    ['DevOps', 'individual_contributor', 'engineering'],
    ['Cloud DevOps Engineer', 'individual_contributor', 'engineering'],
    ['Ingénieur DevOps Cloud', 'individual_contributor', 'engineering'],
    // the role noun decides, a domain word only qualifies it
    ['Acheteur informatique', 'individual_contributor', 'procurement'],
    ['IT Buyer', 'individual_contributor', 'procurement'],
    ['HR Data Analyst', 'individual_contributor', 'hr'],
    ['IT Recruiter', 'individual_contributor', 'hr'],
    ['Contrôleur de gestion IT', 'individual_contributor', 'finance'],
    ['Data Product Manager', 'manager', 'product'],
    // French words read with their neighbours
    ['Responsable gestion des carrières', 'manager', 'hr'],
    ['Chef de carrière', 'manager', 'other'],
    ['Chef de cuisine', 'manager', 'other'],
    ['Process Owner', 'individual_contributor', 'operations'],
    ['Product Owner', 'individual_contributor', 'product'],
    // families beyond the obvious core
    ['Superviseur centre de contacts', 'manager', 'customer_service'],
    ['Customer Care Agent', 'individual_contributor', 'customer_service'],
    ['Chef de quai', 'manager', 'operations'],
    ['Gestionnaire de parc automobile', 'individual_contributor', 'operations'],
    ['Gardien d’immeuble', 'individual_contributor', 'operations'],
    ['Forklift Operator', 'individual_contributor', 'operations'],
    ['TSSR', 'individual_contributor', 'it'],
    ['Administrateur Salesforce', 'individual_contributor', 'it'],
    ['Salesforce Developer', 'individual_contributor', 'engineering'],
    ['Chef de projet MOA', 'manager', 'it'],
    ['Responsable études de marché', 'manager', 'marketing'],
    ['Sponsorship Manager', 'manager', 'marketing'],
    ['Risk Manager', 'manager', 'finance'],
    ['Contrôleur interne', 'individual_contributor', 'finance'],
    ['Underwriter', 'individual_contributor', 'finance'],
    // idioms with an executive word that are no executive role
    ['Chargé de mission auprès du directeur général', 'individual_contributor', 'other'],
    ['Conseiller du président', 'individual_contributor', 'other'],
    ['Advisor to the CEO', 'individual_contributor', 'other'],
    ['Président du directoire', 'c_level', 'executive'],
    ['Director General', 'c_level', 'executive'],
    ['Company Secretary', 'individual_contributor', 'legal'],
    ['Chargée d’accès aux droits', 'individual_contributor', 'other'],
    // the employer is no part of the role
    ['Consultant at Salesforce', 'individual_contributor', 'other'],
    ['Account Executive chez Sage', 'individual_contributor', 'sales'],
    ['Head of Sales @ Stripe | ex-Google', 'director', 'sales'],
  ])('%s -> %s / %s', (title, seniority, fn) => {
    expect(classify(title)).toEqual({ seniority, function: fn });
  });
});

describe('statistical fallback', () => {
  const rulesOnly = compileTitleClassifier(undefined, { fallback: false });

  it.each<[string, JobFunction]>([
    ['Office Supervisor', 'operations'],
    ['Abstract Searcher', 'legal'],
  ])('%s: no vocabulary word, the model says %s', (title, fn) => {
    expect(rulesOnly(title).function).toBe('other');
    expect(classify(title).function).toBe(fn);
  });

  it.each([['Chanteuse lyrique'], ['Consultant'], ['Astronome'], ['Board Member']])('%s stays other (no confident guess)', (title) => {
    expect(classify(title).function).toBe('other');
  });

  it('never guesses general management', () => {
    expect(classify('Correctional Agency Director')).toEqual({ seniority: 'director', function: 'other' });
  });
});

describe('no usable title', () => {
  it.each([[''], ['   '], ['N/A'], ['n/a'], ['-'], ['?'], ['none'], ['NULL'], ['(H/F)'], ['🙂🙂'], ['12345']])('%j is unknown', (title) => {
    expect(classify(title)).toEqual({ seniority: 'unknown', function: 'other' });
  });

  it.each([[null], [undefined]])('%s is unknown', (title) => {
    expect(classify(title)).toEqual({ seniority: 'unknown', function: 'other' });
  });

  it('still takes the function from the department', () => {
    expect(classify('n/a', 'Ressources Humaines')).toEqual({ seniority: 'unknown', function: 'hr' });
  });
});

describe('hostile input never throws', () => {
  it.each([
    ['a 10 KB title', 'Directeur commercial '.repeat(500)],
    ['control characters', 'Directeur\u0000\u0007\u001b[31m commercial\r\n'],
    ['emoji', '🚀 Head of Growth 🚀'],
    ['lone surrogates', '\ud83d Responsable RH \udc00'],
    ['only punctuation', '()[]{}<>/\\|'],
    ['RTL and CJK', 'مدير 销售经理 Sales'],
  ])('%s', (_name, title) => {
    const result = classify(title, title);
    expect(SENIORITIES).toContain(result.seniority);
    expect(FUNCTIONS).toContain(result.function);
  });

  it('classifies a 10 KB title by its start', () => {
    expect(classify(`Directeur commercial ${'x'.repeat(10_000)}`)).toEqual({ seniority: 'director', function: 'sales' });
  });

  it('treats a non-string title as missing', () => {
    expect(classify(42 as unknown as string).seniority).toBe('unknown');
  });
});

describe('department', () => {
  it.each<[string, string, JobFunction]>([
    ['Manager', 'Human Resources', 'hr'],
    ['Consultant', 'Direction des Systèmes d’Information', 'it'],
    ['CPO', 'People', 'hr'],
    ['CPO', 'Achats', 'procurement'],
    ['Engineer', 'Sales', 'sales'],
    ['Sales Manager', 'Finance', 'sales'],
    ['Assistante', 'Comptabilité', 'finance'],
    ['Analyste', 'Unknown dept', 'other'],
  ])('%s in %s -> %s', (title, department, fn) => {
    expect(classify(title, department).function).toBe(fn);
  });
});

describe('customer keywords from personas.yaml', () => {
  const custom = compileTitleClassifier({
    functions: { hr: ['People Ops', 'QVT'], sales: ['Growth'] },
    seniorities: { director: ['Directeur de pôle'], individual_contributor: ['Head Chef'], unknown: ['Confidentiel'] },
  });

  it.each<[string, Seniority, JobFunction]>([
    ['People Ops Specialist', 'individual_contributor', 'hr'],
    ['Responsable QVT', 'manager', 'hr'],
    ['Head of Growth', 'director', 'sales'],
    ['Directeur de pôle RH', 'director', 'hr'],
    ['Head Chef', 'individual_contributor', 'other'],
    ['Confidentiel', 'unknown', 'other'],
  ])('%s -> %s / %s', (title, seniority, fn) => {
    expect(custom(title)).toEqual({ seniority, function: fn });
  });

  it('leaves the built-in classifier unchanged', () => {
    expect(classify('Head of Growth')).toEqual({ seniority: 'director', function: 'marketing' });
  });
});
