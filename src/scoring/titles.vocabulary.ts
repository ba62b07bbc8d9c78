import type { JobFunction, Seniority } from './taxonomy';

/*
 * Built-in title vocabulary. Every phrase goes through the same normalisation as titles
 * (fold, gender forms, "Chief X Officer" -> "cxo X", stop words), so write phrases the way people
 * type them. "a/b" inside a word lists alternatives: "directeur/directrice general/generale"
 * stands for all four combinations. The longest phrase wins at each position, which is how
 * "lead generation" escapes "lead" and "product marketing" escapes "product".
 */

/**
 * Rank words; "Responsable X", "X Manager", "Chef de X", "Head of" per DESIGN.md. "cxo" is any
 * Chief X Officer; "assistant manager/director/vice president" are ranks, not assistants.
 */
export const SENIORITY_TERMS: Partial<Record<Seniority, readonly string[]>> = {
  c_level: ['cxo', 'cdo', 'cpo'],
  vp: [
    'vp', 'svp', 'evp', 'avp', 'vice president/presidente', 'vicepresident',
    'senior vice president', 'executive vice president', 'assistant vice president',
  ],
  director: ['director', 'directeur/directrice', 'dir', 'head', 'associate director', 'assistant director'],
  manager: [
    'manager', 'manageur/manageuse', 'mgr', 'mngr', 'responsable', 'resp', 'chef/cheffe', 'chief',
    'lead', 'leader', 'team lead', 'superviseur/superviseuse/superviseure', 'supervisor',
    'encadrant/encadrante', 'contremaitre', 'foreman', 'assistant manager', 'superintendent',
  ],
  intern: [
    'stagiaire', 'stage', 'intern', 'internship', 'trainee', 'alternant/alternante', 'alternance',
    'apprenti/apprentie', 'apprentissage', 'working student', 'werkstudent', 'student', 'etudiant/etudiante',
    'contrat professionnalisation', 'contrat pro', 'work study',
  ],
};

/** Words naming a function; the first one in reading order gives the title's function. */
export const FUNCTION_TERMS: Record<JobFunction, readonly string[]> = {
  executive: ['direction generale', 'general management'],
  finance: [
    'finance', 'finances', 'financier/financiere', 'financial', 'comptable', 'comptabilite', 'accounting',
    'accountant', 'accounts payable', 'accounts receivable', 'comptes fournisseurs', 'comptes clients',
    'controle gestion', 'controleur/controleuse gestion', 'controller', 'controlling', 'tresorerie',
    'tresorier/tresoriere', 'treasury', 'treasurer', 'audit', 'auditeur/auditrice', 'auditor', 'fiscal/fiscale',
    'fiscaliste', 'fiscalite', 'tax', 'credit', 'recouvrement', 'collections', 'collector', 'actuaire',
    'actuary', 'investment', 'investissement', 'fp a', 'administratif/administrative financier/financiere',
    'billing', 'facturation', 'budget', 'loan', 'banking', 'produits derives', 'ingenierie financiere',
    'economique/economiques', 'economist', 'economiste',
    // corporate finance and markets
    'consolidation', 'cash', 'financement', 'funding', 'reconciliation', 'rapprochement bancaire',
    'commissaire comptes', 'revision comptable', 'reviseur/reviseuse comptable', 'pret', 'prets',
    'securities', 'equity', 'equities', 'portfolio', 'portefeuille', 'trader', 'trading', 'asset management',
    'gestion actifs', 'gerant/gerante portefeuille', 'wealth management', 'gestion patrimoine', 'patrimonial/patrimoniale',
    'fusions acquisitions', 'merger', 'mergers acquisitions', 'disbursement', 'private equity', 'capital risque', 'venture capital', 'marches financiers',
    'finops', 'reporting financier',
  ],
  hr: [
    'rh', 'hr', 'grh', 'ressources humaines', 'human resources', 'human resource', 'people', 'personnel',
    'talent', 'talents', 'talent acquisition', 'recrutement', 'recruitment', 'recruiting', 'recruiter',
    'recruteur/recruteuse', 'sourceur/sourceuse', 'sourcer', 'chasseur/chasseuse tetes', 'headhunter',
    'paie', 'payroll', 'remuneration', 'compensation', 'benefits', 'avantages sociaux', 'formation',
    'training', 'learning', 'relations sociales', 'gpec', 'sirh', 'hris', 'hrbp', 'employee', 'onboarding',
    'administration personnel', 'hrd', 'bilan professionnel', 'labor relations', 'labour relations',
    'staffing', 'workforce', 'carriere', 'career', 'careers', 'relations travail', 'qualite vie travail', 'qvt',
    'mobilite interne', 'marque employeur', 'employer branding', 'diversite', 'diversity', 'inclusion', 'handicap',
    'people ops', 'adp',
  ],
  it: [
    'it', 'si', 'informatique', 'informaticien/informaticienne', 'systemes information',
    'systeme information', 'information systems', 'information technology', 'infrastructure',
    'infrastructures', 'reseau', 'reseaux', 'network', 'networks', 'telecom', 'telecoms', 'cybersecurite',
    'computer', 'computers', 'data processing', 'systems analyst',
    'cybersecurity', 'cyber', 'security', 'securite informatique', 'securite systemes information',
    'information security', 'helpdesk', 'help desk', 'service desk', 'support informatique', 'it support',
    'sysadmin', 'administrateur/administratrice systemes', 'system administrator', 'systems administrator',
    'base donnees', 'database', 'dba', 'erp', 'cloud', 'systeme', 'systemes',
    'exploitation informatique', 'production informatique', 'maintenance informatique',
    'bases donnees', 'sap', 'bureautique', 'office automation', 'applicatif/applicative',
    'soc', 'secops', 'pentest', 'pentester', 'pentesteur/pentesteuse', 'penetration tester', 'ethical hacker',
    'securite web', 'securite applicative', 'securite reseau', 'securite reseaux', 'securite cloud', 'securite si',
    'securite numerique', 'technicien/technicienne support', 'support n1', 'support n2', 'support n3', 'support l1',
    'support l2', 'support l3', 'support niveau', 'support utilisateur', 'support utilisateurs', 'desktop support',
    'it ops', 'technicien/technicienne proximite', 'informatique proximite', 'telecommunication',
  ],
  engineering: [
    'engineering', 'ingenierie', 'software', 'logiciel', 'logiciels', 'developpeur/developpeuse',
    'developer', 'developpement logiciel', 'programmer', 'programmeur/programmeuse', 'programmation',
    'full stack', 'fullstack', 'frontend', 'front end', 'backend', 'back end', 'devops', 'sre',
    'site reliability', 'qa', 'test', 'tests', 'testeur/testeuse', 'tester', 'r d', 'recherche developpement',
    'research', 'recherche', 'data', 'donnees', 'machine learning', 'ml', 'ai', 'ia', 'intelligence artificielle',
    'mobile', 'ios', 'android', 'etudes developpement', 'bureau etudes', 'electronique',
    'electronicien/electronicienne', 'embedded', 'embarque/embarquee', 'robotique', 'robotics',
    'iot', 'dessinateur/dessinatrice', 'projeteur/projeteuse', 'drafter', 'mecanique', 'mechanical',
    'hardware', 'dev', 'developpement informatique', 'developpement web', 'developpement applicatif',
    'systeme/systemes embarque/embarques/embarquee/embarquees', 'embedded systems', 'informatique embarquee',
    'bi', 'business intelligence', 'decisionnel/decisionnelle', 'analytics', 'big data', 'statistique', 'statistiques',
    'statisticien/statisticienne', 'statistician', 'blockchain', 'mlops', 'dataops', 'scrum', 'agile', 'agilite',
  ],
  marketing: [
    'marketing', 'mercatique', 'communication', 'communications', 'comm', 'brand', 'branding', 'marque',
    'growth', 'produit marketing', 'seo', 'sea', 'sem', 'content', 'contenu', 'contenus', 'social media', 'achat/achats media',
    'media buyer', 'media buying',
    'reseaux sociaux', 'pr', 'relations presse', 'relations publiques', 'public relations', 'evenementiel',
    'event', 'events', 'evenements', 'demand generation', 'lead generation', 'product marketing',
    'marketing produit', 'publicite', 'advertising', 'media', 'medias', 'redacteur/redactrice', 'copywriter',
    'graphiste', 'graphic', 'webdesigner', 'affiliation', 'crm',
    'customer relationship management', 'webmarketing', 'web marketing', 'marketer', 'marketeur/marketeuse',
    'webmarketeur/webmarketeuse', 'attache/attachee presse', 'press officer', 'press relations',
    'acquisition digitale', 'demand gen', 'growth hacker', 'growth hacking', 'marketing ops',
  ],
  sales: [
    'sales', 'vente', 'ventes', 'vendeur/vendeuse', 'commercial/commerciale', 'commerciaux', 'business developer',
    'business development', 'developpement commercial', 'developpeur/developpeuse commercial/commerciale',
    'bizdev', 'biz dev', 'bdr', 'sdr', 'account', 'key account', 'account executive',
    'kam', 'grands comptes', 'ingenieur/ingenieure affaires', 'charge/chargee affaires', 'affaires',
    'revenue', 'commerce', 'ecommerce', 'export', 'negociateur/negociatrice', 'televendeur/televendeuse',
    'representant/representante', 'representative', 'presales', 'pre sales', 'avant vente', 'channel',
    'partenariats', 'partnerships', 'alliances', 'inside sales', 'magasin', 'boutique', 'store', 'retail',
    'salesman', 'saleswoman', 'salesperson', 'vendor', 'technico commercial/commerciale',
    'administration ventes', 'adv', 'visiteur/visiteuse medical/medicale',
    'visiteur/visiteuse pharmaceutique', 'delegue/deleguee medical/medicale', 'supermarche', 'hypermarche',
    'ae', 'revops', 'sales ops', 'dev commercial', 'business dev', 'partnership', 'partenariat',
    'solutions engineer', 'solution engineer', 'solutions consultant', 'solution consultant', 'sales engineer',
    'field sales', 'enablement',
  ],
  operations: [
    'operations', 'operation', 'operationnel/operationnelle', 'supply chain', 'logistique', 'logistics',
    'logisticien/logisticienne', 'production', 'manufacturing', 'fabrication', 'usine', 'plant', 'atelier',
    'industrialisation', 'methodes', 'maintenance', 'qualite', 'quality', 'hse', 'qhse', 'securite', 'safety',
    'environnement', 'services generaux', 'facility', 'facilities', 'accueil', 'security guard',
    'security officer',
    'receptionist', 'receptionniste', 'standardiste', 'secretariat', 'administratif/administrative',
    'administration', 'transport', 'transports', 'chauffeur', 'livreur/livreuse', 'driver', 'cariste',
    'magasinier/magasiniere', 'preparateur/preparatrice commandes', 'order picker', 'entrepot', 'warehouse',
    'freight', 'shipper', 'entretien', 'nettoyage', 'cleaning', 'janitor', 'methods', 'stock', 'stocks', 'inventory',
    'ordonnancement', 'ordonnanceur', 'exploitation', 'dispatcher', 'fleet',
    'flotte', 'shipping', 'expedition', 'expeditions', 'assembly', 'assemblage', 'back office', 'process',
    'procedes', 'lean', 'amelioration continue', 'ops', 'bizops', 'moyens generaux', 'planification', 'planneur/planneuse',
    's op', 'demand planning', 'transit', 'transitaire', 'douane', 'customs', 'affreteur/affreteuse', 'affretement',
    'fret', 'cargo', 'gardiennage', 'saisie', 'data entry', 'typist', 'dactylo', 'traitement texte', 'office support', 'administrative support',
    'support administratif', 'qse', 'hqse', 'qhsse', 'ehs',
    // CSR / sustainability sits with QHSE and environment
    'rse', 'csr', 'esg', 'sustainability', 'developpement durable', 'durabilite', 'transition ecologique',
    'transition energetique', 'decarbonation', 'bilan carbone',
  ],
  legal: [
    'legal', 'juridique', 'juriste', 'droit', 'avocat/avocate', 'lawyer', 'attorney', 'counsel', 'paralegal',
    'compliance', 'conformite', 'dpo', 'data protection', 'protection donnees', 'rgpd', 'gdpr', 'privacy',
    'contrats', 'notaire', 'regulatory', 'reglementaire', 'affaires juridiques', 'affaires reglementaires',
    'contentieux', 'propriete intellectuelle', 'solicitor', 'barrister', 'notary', 'legal ops',
  ],
  procurement: [
    'achats', 'achat', 'acheteur/acheteuse', 'purchasing', 'purchase', 'procurement', 'buyer', 'buying',
    'sourcing', 'approvisionnement', 'approvisionnements', 'approvisionneur/approvisionneuse',
    'supplier', 'fournisseurs',
  ],
  product: [
    'product', 'products', 'produit', 'produits', 'product owner', 'po', 'ux', 'ui', 'product design',
    'product designer', 'usability', 'utilisabilite',
  ],
  customer_service: [
    'service client', 'service clients', 'relation client', 'relations clients', 'relation clientele',
    'customer success', 'customer service', 'customer services', 'customer care', 'customer support',
    'customer experience', 'cx', 'support', 'satisfaction client', 'clientele', 'teleconseiller/teleconseillere',
    'hotline', 'sav', 'apres vente', 'centre appels', 'call center', 'contact center', 'complaints',
    'experience client', 'parcours client', 'customer onboarding', 'client onboarding', 'member services',
    'client services', 'client service', 'teleoperateur/teleoperatrice', 'reclamation', 'reclamations',
  ],
  other: [],
};

/**
 * Function words too generic to outrank a department: an "Ingénieur commercial" is in sales, an
 * "Engineer" in the Sales department too. CPO and CDO stand for several roles, so the
 * department decides and these are only the defaults.
 */
export const WEAK_FUNCTION_TERMS: Partial<Record<JobFunction, readonly string[]>> = {
  executive: ['cxo'],
  engineering: ['ingenieur/ingenieure', 'engineer', 'technique', 'technical', 'tech', 'web'],
  hr: ['formateur/formatrice', 'trainer'],
  product: ['cpo'],
  marketing: ['acquisition', 'digital/digitale', 'community', 'communaute'],
  it: ['cdo', 'application'],
  operations: ['clerk', 'planner', 'planning', 'planificateur/planificatrice', 'delivery', 'industrie', 'industriel/industrielle/industriels/industrielles', 'industrial', 'industry'],
};

/** Titles that carry both a rank and a function: general management, Chief X Officers, French abbreviations. */
export const ROLE_TERMS: ReadonlyArray<{ seniority: Seniority; fn: JobFunction; phrases: readonly string[] }> = [
  {
    seniority: 'c_level',
    fn: 'executive',
    phrases: [
      'ceo', 'pdg', 'dg', 'directeur/directrice general/generale', 'general manager', 'managing director',
      'chief executive officer', 'president/presidente', 'chairman', 'chairwoman', 'chairperson', 'founder',
      'cofounder', 'fondateur/fondatrice', 'cofondateur/cofondatrice', 'owner', 'business owner',
      'proprietaire', 'gerant/gerante', 'cogerant/cogerante', 'dirigeant/dirigeante', 'managing partner',
      'founding partner', 'chef/cheffe entreprise',
    ],
  },
  { seniority: 'c_level', fn: 'finance', phrases: ['cfo'] },
  { seniority: 'c_level', fn: 'engineering', phrases: ['cto', 'chief technology officer', 'chief technical officer'] },
  { seniority: 'c_level', fn: 'it', phrases: ['cio', 'ciso', 'chief information officer', 'chief digital officer'] },
  { seniority: 'c_level', fn: 'marketing', phrases: ['cmo'] },
  { seniority: 'c_level', fn: 'sales', phrases: ['cro'] },
  { seniority: 'c_level', fn: 'hr', phrases: ['chro'] },
  { seniority: 'c_level', fn: 'operations', phrases: ['coo', 'chief operating officer'] },
  { seniority: 'c_level', fn: 'customer_service', phrases: ['chief customer officer'] },
  {
    seniority: 'vp',
    fn: 'executive',
    phrases: [
      'directeur/directrice general/generale adjoint/adjointe', 'directeur/directrice general/generale delegue/deleguee',
      'dg adjoint/adjointe', 'dga', 'dgd', 'deputy ceo', 'deputy general manager', 'deputy managing director',
    ],
  },
  { seniority: 'director', fn: 'executive', phrases: ['executive director'] },
  { seniority: 'director', fn: 'hr', phrases: ['drh'] },
  { seniority: 'director', fn: 'it', phrases: ['dsi', 'rssi'] },
  { seniority: 'director', fn: 'finance', phrases: ['daf'] },
  { seniority: 'director', fn: 'legal', phrases: ['general counsel'] },
  { seniority: 'director', fn: 'marketing', phrases: ['dircom'] },
  { seniority: 'manager', fn: 'hr', phrases: ['rrh'] },
  { seniority: 'manager', fn: 'finance', phrases: ['raf'] },
  { seniority: 'manager', fn: 'it', phrases: ['rsi'] },
  { seniority: 'manager', fn: 'executive', phrases: ['country manager'] },
  { seniority: 'manager', fn: 'operations', phrases: ['office manager'] },
  { seniority: 'manager', fn: 'marketing', phrases: ['community manager', 'traffic manager'] },
  { seniority: 'manager', fn: 'sales', phrases: ['account manager', 'partner manager'] },
  { seniority: 'manager', fn: 'customer_service', phrases: ['csm'] },
  { seniority: 'manager', fn: 'procurement', phrases: ['category manager'] },
  { seniority: 'manager', fn: 'legal', phrases: ['contract manager'] },
];

/** "Assistant(e) X": the person assists, whatever rank X names (DESIGN.md hard cases). */
export const ASSISTANT_TERMS: readonly string[] = ['assistant/assistante', 'secretaire', 'secretary', 'aide'];

/** Whole titles that mean "no title". */
export const PLACEHOLDER_TITLES: readonly string[] = [
  'n a', 'na', 'nan', 'none', 'null', 'nil', 'undefined', 'unknown', 'inconnu', 'nc', 'n c',
  'non communique', 'non renseigne', 'not available', 'not applicable', 'tbd', 'tbc', 'x', 'xx', 'xxx',
  'aucun', 'aucune', 'sans', 'title', 'job title', 'poste', 'other', 'autre', 'test',
];

/** Dropped before matching, so "Directeur des Systèmes d'Information" meets "directeur systemes information". */
export const STOP_WORDS: readonly string[] = [
  'de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'en', 'et', 'a', 'au', 'aux', 'of', 'the', 'and', 'for', 'in',
];
