import type { HubSpotIndustry } from './industries';

/** Where a company is headquartered, with the share of companies and the spellings CRMs hold. */
export interface Region {
  code: string;
  weight: number;
  /** First spelling is the clean one; the others are the mess users type. */
  spellings: readonly string[];
  tlds: readonly string[];
  legalForms: readonly string[];
  language: 'fr' | 'nl' | 'de' | 'en';
}

export const REGIONS: readonly Region[] = [
  { code: 'FR', weight: 55, spellings: ['France', 'france', 'FR', 'France ', 'FRANCE'], tlds: ['fr', 'fr', 'com', 'eu'], legalForms: ['SAS', 'SA', 'SARL', '', ''], language: 'fr' },
  { code: 'BE', weight: 7, spellings: ['Belgium', 'Belgique', 'BE', 'belgium'], tlds: ['be', 'com'], legalForms: ['SA', 'SRL', 'NV', 'BV'], language: 'fr' },
  { code: 'NL', weight: 6, spellings: ['Netherlands', 'Pays-Bas', 'Nederland', 'NL', 'The Netherlands'], tlds: ['nl', 'com'], legalForms: ['B.V.', 'N.V.', ''], language: 'nl' },
  { code: 'LU', weight: 2, spellings: ['Luxembourg', 'LU', 'luxembourg'], tlds: ['lu', 'com'], legalForms: ['S.A.', 'S.à r.l.'], language: 'fr' },
  { code: 'DE', weight: 10, spellings: ['Germany', 'Deutschland', 'Allemagne', 'DE', 'germany'], tlds: ['de', 'com'], legalForms: ['GmbH', 'AG', 'GmbH & Co. KG'], language: 'de' },
  { code: 'CH', weight: 4, spellings: ['Switzerland', 'Suisse', 'Schweiz', 'CH'], tlds: ['ch', 'com'], legalForms: ['AG', 'SA', 'GmbH'], language: 'de' },
  { code: 'AT', weight: 2, spellings: ['Austria', 'Österreich', 'AT'], tlds: ['at', 'com'], legalForms: ['GmbH', 'AG'], language: 'de' },
  { code: 'US', weight: 14, spellings: ['United States', 'USA', 'US', 'United States of America', 'usa'], tlds: ['com', 'com', 'io', 'co'], legalForms: ['Inc.', 'LLC', 'Corp.', ''], language: 'en' },
];

/** The industries most companies have, with weights; the rest of HubSpot's list is drawn uniformly. */
export const COMMON_INDUSTRIES: readonly (readonly [HubSpotIndustry, number])[] = [
  ['COMPUTER_SOFTWARE', 12], ['INFORMATION_TECHNOLOGY_AND_SERVICES', 10], ['FINANCIAL_SERVICES', 6],
  ['HOSPITAL_HEALTH_CARE', 6], ['MANAGEMENT_CONSULTING', 5], ['RETAIL', 5], ['CONSTRUCTION', 5],
  ['STAFFING_AND_RECRUITING', 4], ['MARKETING_AND_ADVERTISING', 4], ['LOGISTICS_AND_SUPPLY_CHAIN', 4],
  ['HUMAN_RESOURCES', 3], ['FOOD_PRODUCTION', 3], ['INSURANCE', 3], ['BANKING', 3], ['HOSPITALITY', 3],
  ['AUTOMOTIVE', 3], ['REAL_ESTATE', 3], ['INTERNET', 3], ['PHARMACEUTICALS', 2],
  ['TELECOMMUNICATIONS', 2], ['EDUCATION_MANAGEMENT', 2], ['LEGAL_SERVICES', 2], ['MACHINERY', 2],
  ['E_LEARNING', 2], ['COMPUTER_NETWORK_SECURITY', 2],
];

/** Sector words that go into company names, per language. */
export const SECTOR_WORDS: Record<Region['language'], readonly string[]> = {
  fr: ['Conseil', 'Logistique', 'Informatique', 'Solutions', 'Technologies', 'Industries', 'Services', 'Santé', 'Immobilier', 'Distribution', 'Transports', 'Finance', 'Digital', 'Ingénierie', 'Systèmes', 'Formation'],
  nl: ['Logistiek', 'Advies', 'Techniek', 'Groep', 'Solutions', 'Software', 'Bouw', 'Zorg'],
  de: ['Technik', 'Logistik', 'Beratung', 'Software', 'Systeme', 'Bau', 'Maschinenbau', 'Gruppe', 'Solutions'],
  en: ['Systems', 'Labs', 'Technologies', 'Solutions', 'Health', 'Capital', 'Logistics', 'Software', 'Partners', 'Analytics', 'Cloud'],
};

/** Name patterns; `{S}` surname, `{B}` invented brand, `{W}` sector word. */
export const NAME_PATTERNS: Record<Region['language'], readonly string[]> = {
  fr: ['{S} {W}', '{B}', '{B} {W}', 'Groupe {S}', 'Cabinet {S} & Associés', 'Transports {S}', 'Établissements {S}', '{B}', 'Clinique {B}', '{S} et Fils'],
  nl: ['{S} {W}', '{B}', '{B} {W}', '{S} & Partners'],
  de: ['{S} {W}', '{B}', '{B} {W}', '{S} & Söhne'],
  en: ['{B}', '{B} {W}', '{S} {W}', '{S} & Co', '{B} {W}'],
};

export const BRAND_SYLLABLES: readonly string[] = ['ka', 'li', 'né', 'o', 'ver', 'ti', 'go', 'nex', 'a', 'lys', 'ox', 'is', 'qua', 'dra', 'sol', 'van', 'mi', 'ra', 'zen', 'to', 'flo', 'ria', 'pul', 'se', 'cor', 'tex', 'lu', 'men', 'ax', 'io', 'bel', 'vi', 'sy', 'nap', 'sé', 'dia'];

export const SURNAMES: Record<Region['language'], readonly string[]> = {
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Nguyen', 'Benali', 'Haddad', 'Peeters', 'Janssens'],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Huber', 'Gruber', 'Keller', 'Brunner'],
  en: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Jackson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Patel', 'Kim', 'Chen'],
};

export const FIRST_NAMES: Record<Region['language'], readonly string[]> = {
  fr: ['Marie', 'Jean', 'Camille', 'Nicolas', 'Julie', 'Thomas', 'Sophie', 'Pierre', 'Claire', 'Julien', 'Émilie', 'Antoine', 'Céline', 'Mathieu', 'Aurélie', 'François', 'Nathalie', 'Sébastien', 'Isabelle', 'Hélène', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon', 'Karim', 'Inès', 'Yasmine', 'Jean-Baptiste', 'Anne-Sophie', 'Stéphane', 'Valérie'],
  nl: ['Daan', 'Sanne', 'Lars', 'Emma', 'Bram', 'Lotte', 'Joost', 'Femke', 'Ruben', 'Anouk', 'Pieter', 'Eva'],
  de: ['Lukas', 'Anna', 'Jonas', 'Lena', 'Maximilian', 'Laura', 'Felix', 'Julia', 'Stefan', 'Katharina', 'Jürgen', 'Sabine', 'Matthias', 'Jörg'],
  en: ['James', 'Mary', 'John', 'Patricia', 'Michael', 'Jennifer', 'David', 'Linda', 'Sarah', 'Chris', 'Emily', 'Daniel', 'Jessica', 'Ryan', 'Ashley', 'Priya'],
};

/** Job titles as people type them, French and English, with job-ad suffixes and noise. */
export const JOB_TITLES: Record<'fr' | 'en' | 'de', readonly string[]> = {
  fr: [
    'DRH', 'Directrice des Ressources Humaines', 'Directeur des Ressources Humaines', 'Responsable RH',
    'Chargée de recrutement (H/F)', 'Chargé de recrutement', 'Responsable paie', 'Gestionnaire de paie',
    'Responsable Développement RH', 'Talent Acquisition Manager', 'Stagiaire RH', 'Alternante RH',
    'Assistante RH', 'Assistante de direction', 'DSI', "Directeur des Systèmes d'Information", 'RSSI',
    'Responsable informatique', 'Administrateur systèmes et réseaux', 'Technicien support',
    'DAF', 'Directrice Administrative et Financière', 'Contrôleur de gestion', 'Comptable',
    'Directeur général', 'DG', 'PDG', 'Président', 'Fondateur', 'Gérant', 'Directeur général adjoint',
    'Directeur commercial', 'Responsable marketing', 'Chef de projet', 'Chef de projet digital',
    'Chargée de communication', 'Commercial sédentaire', 'Ingénieur commercial',
    'Développeur Full Stack', 'Ingénieur logiciel', 'Directeur technique', 'Responsable des achats',
    'Acheteur', 'Juriste', 'Responsable juridique', 'DPO', 'Responsable service client',
    'Chargée de clientèle', 'Responsable logistique', 'Directeur des opérations', 'Office Manager',
    'Directeur(trice) Marketing', 'Responsable Grands Comptes F/H', 'Product Owner',
  ],
  en: [
    'VP Sales', 'Vice President of Sales', 'Head of Talent Acquisition', 'Head of People',
    'Chief Technology Officer', 'CTO', 'CEO', 'Chief Executive Officer', 'Founder & CEO',
    'Founder & CTO', 'CFO', 'Chief Financial Officer', 'CHRO', 'Chief People Officer', 'CIO',
    'COO', 'CMO', 'Chief Revenue Officer', 'HR Manager', 'HR Business Partner', 'Recruiter',
    'Senior Recruiter', 'Payroll Specialist', 'IT Manager', 'IT Director', 'CISO',
    'Sr. Software Engineer', 'Software Engineer', 'Engineering Manager', 'Data Engineer',
    'DevOps Engineer', 'QA Engineer', 'Product Manager', 'Marketing Manager',
    'Demand Generation Manager', 'Account Executive', 'Sales Development Representative',
    'Customer Success Manager', 'Office Manager', 'Executive Assistant', 'Assistant to the CEO',
    'Procurement Manager', 'Legal Counsel', 'General Counsel', 'Operations Manager', 'Team Lead',
    'Intern', 'Marketing Intern', 'Finance Manager', 'Controller', 'SVP Engineering',
  ],
  de: [
    'Geschäftsführer', 'Personalleiter', 'Leiter IT', 'HR Manager (m/w/d)', 'Recruiter (m/w/d)',
    'Software Engineer (m/w/d)', 'Head of HR', 'CFO', 'Vertriebsleiter', 'Werkstudent HR',
  ],
};

/** Placeholders typed into the job title field when nothing is known. */
export const EMPTY_TITLES: readonly string[] = ['', 'N/A', '-', '?', 'n/a', ' '];

export const TECHNOLOGIES: readonly (readonly [string, number])[] = [
  ['Google Workspace', 30], ['Microsoft 365', 35], ['Slack', 25], ['Jira', 18], ['Salesforce', 15],
  ['HubSpot', 15], ['Workday', 5], ['SAP SuccessFactors', 5], ['Lucca', 10], ['PayFit', 8],
  ['Zendesk', 8], ['Notion', 8], ['Confluence', 10], ['Microsoft Teams', 20], ['Zoom', 15],
  ['BambooHR', 3], ['Personio', 5], ['Welcome to the Jungle', 6], ['Cegid', 6], ['Sage', 8],
  ['SAP', 6], ['Oracle', 3], ['AWS', 12], ['Azure', 8],
];

/** Technologies local to a region: French HR/payroll tools, German HRIS. */
export const REGIONAL_TECHNOLOGIES: Partial<Record<string, readonly string[]>> = {
  FR: ['Lucca', 'PayFit', 'Cegid', 'Welcome to the Jungle', 'Silae'],
  DE: ['Personio', 'DATEV'],
  AT: ['Personio', 'DATEV'],
  US: ['BambooHR', 'Gusto', 'ADP'],
};
