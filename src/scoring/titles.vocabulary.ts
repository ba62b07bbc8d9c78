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
    // control, risk, cash, insurance and banking beyond accounting
    'controle interne', 'internal control', 'controleur/controleuse interne', 'controleur/controleuse financier/financiere',
    'controleur/controleuse comptable', 'risk', 'risque', 'risk management', 'gestion risques', 'credit risk', 'market risk',
    'cash management', 'bookkeeper', 'bookkeeping', 'ledger', 'general ledger', 'invoicing', 'invoice', 'facturier/facturiere',
    'underwriter', 'underwriting', 'souscripteur/souscriptrice', 'souscription', 'claims', 'claim', 'sinistre', 'sinistres',
    'indemnisation', 'actuarial', 'actuariat', 'mortgage', 'banker', 'banquier/banquiere', 'comptroller', 'budgetaire',
    'cost accountant', 'cost controller', 'cost control', 'investor relations', 'relations investisseurs', 'valuation',
    'evaluation financiere', 'opcvm', 'placement collectif', 'stock analyst', 'equity analyst', 'credit analyst',
    'appraiser', 'contrat/contrats assurance', 'gestionnaire assurance', 'gestionnaire assurances', 'middle office',
    'back office titres', 'kyc', 'anti money laundering', 'aml', 'lcb ft', 'lutte anti blanchiment',
    'wealth', 'accounts assistant', 'accounts clerk', 'accounts officer',
    'stockbroker', 'caissier/caissiere banque', 'bank teller',
  ],
  hr: [
    'rh', 'hr', 'grh', 'ressources humaines', 'human resources', 'human resource', 'people', 'personnel',
    'talent', 'talents', 'talent acquisition', 'recrutement', 'recruitment', 'recruiting', 'recruiter',
    'recruteur/recruteuse', 'sourceur/sourceuse', 'sourcer', 'chasseur/chasseuse tetes', 'headhunter',
    'paie', 'payroll', 'remuneration', 'compensation', 'benefits', 'avantages sociaux', 'formation',
    'training', 'learning', 'relations sociales', 'gpec', 'sirh', 'hris', 'hrbp', 'onboarding',
    'administration personnel', 'hrd', 'bilan professionnel', 'labor relations', 'labour relations',
    'staffing', 'workforce', 'carriere', 'career', 'careers', 'relations travail', 'qualite vie travail', 'qvt',
    'mobilite interne', 'marque employeur', 'employer branding', 'diversite', 'diversity', 'inclusion', 'handicap',
    'people ops', 'adp',
    'gestion carriere', 'gestion carrieres', 'competence', 'competences', 'gestion competences', 'hr generalist',
    'people partner', 'equal employment opportunity', 'eeo', 'relocation', 'mobilite internationale',
    'ressources humaines', 'developpement rh', 'hr data',
    'relations ecoles', 'relation ecoles', 'ingenieur/ingenieure pedagogique', 'ingenierie pedagogique', 'ingenierie formation',
    'employee relations', 'employee experience', 'employee benefits', 'employee engagement', 'relations employes',
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
    // abbreviations, business-application administrators, infrastructure beyond "informatique"
    'tssr', 'tsr', 'asr', 'admin sys', 'adminsys', 'admin reseau', 'admin reseaux', 'sysops', 'netops', 'noc', 'itsm', 'itil',
    'moa', 'amoa', 'moe', 'ict', 'tic', 'ssi', 'iam', 'identity access management', 'active directory', 'windows', 'linux',
    'unix', 'vmware', 'citrix', 'microsoft 365', 'office 365', 'o365', 'm365', 'azure', 'aws', 'gcp', 'datacenter',
    'data center', 'messagerie', 'administrateur/administratrice serveur', 'server administrator', 'windows server',
    'poste travail', 'postes travail', 'parc informatique', 'salesforce', 'workday', 'servicenow', 'sharepoint',
    'dynamics 365', 'odoo', 'peoplesoft', 'successfactors', 'netsuite', 'progiciel', 'progiciels', 'tma', 'ams',
    'crm administrator', 'administrateur/administratrice crm', 'consultant/consultante fonctionnel/fonctionnelle',
    'functional consultant', 'system engineer', 'information architect', 'solution architect', 'solutions architect',
    'enterprise architect', 'architecte/architectes si', 'architecte/architectes technique', 'architecte/architectes solution',
    'architecte/architectes solutions', 'architecte/architectes cloud', 'architecte/architectes reseau',
    'architecte/architectes infrastructure', 'urbaniste si', 'urbaniste systemes information', 'integrateur/integratrice erp',
    'application owner', 'service owner', 'system owner', 'it asset', 'end user computing', 'firewall',
    'firewalls', 'soc analyst', 'blue team', 'red team', 'grc', 'securite operationnelle', 'technologies information',
    'analyste fonctionnel/fonctionnelle', 'functional analyst', 'application support', 'support applicatif', 'assistance maitrise ouvrage',
    'assistance tic', 'assistance informatique', 'assistance technique informatique', 'securite tic', 'securite ict', 'ict security', 'operations tic', 'operations informatiques', 'it operations',
    'digital workplace',
    'assistance utilisateur', 'assistance utilisateurs',
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
    'cad', 'cao', 'draftsman', 'drafter', 'conception mecanique', 'bureau conception', 'biostatistician',
    'biostatisticien/biostatisticienne', 'roboticien/roboticienne', 'recetteur/recetteuse', 'platform engineer',
    'software architect', 'architecte/architectes logiciel', 'data owner', 'analytics engineer',
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
    // events, media, brand, research beyond digital
    'evenementiel/evenementielle', 'evenement', 'sponsoring', 'sponsorship', 'mecenat', 'salon professionnel',
    'salons professionnels', 'trade show', 'trade shows', 'conference', 'media planner', 'media planning', 'planneur/planneuse strategique',
    'etude marche', 'etudes marche', 'market research', 'marketing research', 'market intelligence', 'consumer insights',
    'customer insights', 'insights', 'insight', 'sondage', 'sondages', 'panel', 'veille concurrentielle',
    'veille marketing', 'merchandising', 'merchandiser', 'promotion', 'promotion ventes', 'creative', 'creatif/creative',
    'creation', 'motion design', 'motion designer',
    'infographiste', 'infographie', 'video', 'ppc', 'referencement', 'smo', 'programmatique', 'influence', 'influenceur/influenceuse',
    'influencer', 'e reputation', 'ecrm', 'e crm', 'emailing', 'email marketing', 'newsletter', 'marketing automation',
    'inbound', 'brand ambassador', 'ambassadeur/ambassadrice marque', 'publicity', 'branding', 'editorial', 'editorialiste',
    'rp', 'production evenementiel/evenementielle', 'etude client', 'etudes clients', 'designer graphique', 'design graphique',
  ],
  sales: [
    'sales', 'vente', 'ventes', 'vendeur/vendeuse', 'commercial/commerciale', 'commerciaux', 'business developer',
    'business development', 'developpement commercial', 'developpeur/developpeuse commercial/commerciale',
    'bizdev', 'biz dev', 'bdr', 'sdr', 'account', 'key account', 'account executive',
    'kam', 'grands comptes', 'ingenieur/ingenieure affaires', 'charge/chargee affaires', 'affaires',
    'revenue', 'commerce', 'ecommerce', 'export', 'negociateur/negociatrice', 'televendeur/televendeuse',
    'representant/representante', 'representative', 'presales', 'pre sales', 'avant vente', 'channel',
    'partenariats', 'partnerships', 'alliances', 'inside sales', 'magasin', 'boutique', 'store', 'retail',
    'salesman', 'saleswoman', 'salesperson', 'technico commercial/commerciale',
    'administration ventes', 'adv', 'visiteur/visiteuse medical/medicale',
    'visiteur/visiteuse pharmaceutique', 'delegue/deleguee medical/medicale', 'supermarche', 'hypermarche',
    'ae', 'revops', 'sales ops', 'dev commercial', 'business dev', 'partnership', 'partenariat',
    'solutions engineer', 'solution engineer', 'solutions consultant', 'solution consultant', 'sales engineer',
    'field sales', 'enablement',
    'rayon', 'loueur/loueuse', 'courtier/courtiere', 'broker', 'telemarketer', 'telemarketing',
    'teleprospecteur/teleprospectrice', 'teleprospection', 'prospection', 'demonstrator', 'demonstrateur/demonstratrice',
    'cashier', 'caissier/caissiere', 'caisse', 'wholesaler', 'grossiste', 'agent/agente immobilier/immobiliere',
    'real estate agent', 'negociateur/negociatrice immobilier', 'conseiller/conseillere immobilier', 'immobilier', 'realtor',
    'libre service', 'employe/employee libre service', 'mise rayon', 'vente distance', 'vente a distance',
    'commercial/commerciale', 'commercialisation', 'territory', 'territoire', 'sales associate', 
    'deal desk', 'closer',
    'delegue/deleguee pharmaceutique', 'delegue/deleguee commercial/commerciale',
    'shop', 'shops',
    'bid', 'bids', 'proposal', 'proposals', 'reponse appels offres', 'marketplace', 'marketplaces', 'street vendor', 'market vendor',
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
    // physical sites, goods, vehicles and buildings beyond supply chain
    'building', 'buildings', 'batiment', 'batiments', 'immeuble', 'immeubles', 'locaux',
    'gardien/gardienne immeuble', 'gardien/gardienne', 'concierge immeuble', 'custodian', 'housekeeping', 'proprete',
    'agent/agente proprete', 'vitrerie', 'surete', 'agent/agente surete', 'ssiap', 'securite incendie', 'vigile', 'guard',
    'parc automobile', 'parc vehicule', 'parc vehicules', 'vehicule', 'vehicules', 'vehicle', 'vehicles',
    'truck', 'camion', 'poids lourd', 'poids lourds', 'spl', 'routier/routiere', 'livraison', 'livraisons', 'coursier/coursiere',
    'courier', 'courrier', 'mailroom', 'messenger', 'demenageur/demenageuse', 'demenagement', 'quai', 'forklift',
    'chariot', 'chariots', 'caces', 'manutention', 'manutentionnaire', 'material handler', 'materials', 'materials management',
    'receiving', 'packer', 'packaging', 'conditionnement', 'emballage', 'palette', 'picking', 'distribution center',
    'distribution centre', 'centre distribution', 'plateforme logistique', 'entreposage', 'stockroom', 'magasinage',
    'scheduler', 'flux', 'pilote/pilotes flux', 'conducteur/conductrice ligne', 'conducteur/conductrice travaux', 'chantier',
    'chantiers', 'travaux', 'continuous improvement', 'six sigma',
    'kaizen', 'inspecteur/inspectrice conformite', 'controle qualite', 'quality control', 'quality assurance',
    'assurance qualite', 'qc', 'process owner', 'business process owner', 'prevention risques', 'risques professionnels',
    'risques industriels', 'technical services', 'services techniques', 'maintenance batiment', 'multi technique',
    'multitechnique', 'cvc', 'hvac', 'factory', 'portuaire', 'aeroportuaire',
    'escale', 'order fulfillment', 'fulfillment', 'fulfilment', 'dock',
    'conducteur/conductrice', 'preventeur/preventrice', 'charge/chargee prevention',
    'technicien/technicienne surface',
    'workplace',
    'cleaner', 'cleaners',
  ],
  legal: [
    'legal', 'juridique', 'juriste', 'droit', 'avocat/avocate', 'lawyer', 'attorney', 'counsel', 'paralegal',
    'compliance', 'conformite', 'dpo', 'data protection', 'protection donnees', 'rgpd', 'gdpr', 'privacy',
    'contrats', 'notaire', 'regulatory', 'reglementaire', 'affaires juridiques', 'affaires reglementaires',
    'contentieux', 'propriete intellectuelle', 'intellectual property', 'solicitor', 'barrister', 'notary', 'legal ops',
    'clerc', 'clerc notaire', 'magistrat/magistrate', 'magistrate', 'procureur/procureure', 'juge', 'judge', 'greffier/greffiere',
    'huissier/huissiere', 'commissaire justice', 'mandataire judiciaire', 'administrateur/administratrice judiciaire',
    'litigation', 'legal counsel', 'corporate lawyer', 'privacy officer', 'protection donnees personnelles',
    'delegue/deleguee protection donnees', 'ethique', 'ethics', 'anti corruption', 'sanctions',
    'propriete industrielle', 'brevet', 'brevets', 'patent', 'patents',
    'contract administrator', 'contract administration', 'contracts administrator',
    'company secretary', 'corporate secretary',
  ],
  procurement: [
    'achats', 'achat', 'acheteur/acheteuse', 'purchasing', 'purchase', 'procurement', 'buyer', 'buying',
    'sourcing', 'approvisionnement', 'approvisionnements', 'approvisionneur/approvisionneuse',
    'supplier', 'fournisseurs',
    'sourcing specialist', 'strategic sourcing', 'acheteur/acheteuse projet', 'supply base', 'supplier quality',
    'purchasing agent', 'achats indirects', 'achats directs', 'tender', 'tenders', 'marches publics',
    'commande publique',
    'vendor', 'vendors', 'vendor management',
  ],
  product: [
    'product', 'products', 'produit', 'produits', 'product owner', 'po', 'ux', 'ui', 'product design',
    'product designer', 'usability', 'utilisabilite',
    'ux researcher', 'user research',
    'ux writer', 'product analyst', 'product ops', 'product operations',
  ],
  customer_service: [
    'service client', 'service clients', 'relation client', 'relations clients', 'relation clientele',
    'customer success', 'customer service', 'customer services', 'customer care', 'customer support',
    'customer experience', 'cx', 'support', 'satisfaction client', 'clientele', 'teleconseiller/teleconseillere',
    'hotline', 'sav', 'apres vente', 'centre appels', 'call center', 'contact center', 'complaints',
    'experience client', 'parcours client', 'customer onboarding', 'client onboarding', 'member services',
    'client services', 'client service', 'teleoperateur/teleoperatrice', 'reclamation', 'reclamations',
    // customer service beyond "support"
    'contact center', 'contact centre', 'centre contacts', 'centre contact', 'centre relation client', 'call centre',
    'help line', 'helpline', 'guest relations', 'guest experience', 'client experience', 'customer operations',
    'customer happiness', 'technicien/technicienne support client/clients', 'customer advocate', 'customer advocacy', 'client support', 'relation clientele',
    'conseiller/conseillere client', 'conseiller/conseillere clients', 'conseiller/conseillere clientele',
    'service apres vente', 'after sales', 'aftersales', 'after sale', 'customer', 'accueil client', 'accueil clients',
    'accueil clientele', 'accueil telephonique', 'teleconseil', 'technical support', 'support technique',
    'technicien/technicienne hotline', 'customer support engineer', 'support engineer', 'service delivery',
    'litige', 'litiges', 'fidelisation', 'retention', 'churn', 'client care', 
    'plateau telephonique', 'conseiller/conseillere telephonique', 'assistance', 'charge/chargee assistance',
    'client relations', 'customer relations',
  ],
  // Known not to be a business function, though a word in them would say otherwise ("Aide-soignante"
  // is no assistant, "Assistante sociale" no office assistant, "Chef de carrière" runs a quarry).
  other: [
    'aide soignant/soignante', 'aide domicile', 'aide menager/menagere', 'aide puericulture', 'auxiliaire puericulture',
    'assistant/assistante social/sociale', 'assistant/assistante service social', 'assistant/assistante maternel/maternelle',
    'assistant/assistante dentaire', 'dental assistant', 'assistant/assistante veterinaire', 'veterinary assistant',
    'teaching assistant', 'assistant/assistante education', 'medical assistant', 'nursing assistant',
    'ouvrier/ouvriere carriere', 'carriere granulat', 'carriere marbre', 'funeraire', 'funeral', 'pompe funebre',
    'thanatopracteur/thanatopractrice', 'ergonome', 'ergonomist', 'human factors', 'gardien/gardienne paix',
    'serveur/serveuse', 'restauration',
    'recherche emploi', 'recherche poste', 'job seeker', 'open to work', 'redacteur/redactrice chef',
    'acces droits',
  ],
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
  finance: ['bancaire', 'banque', 'bank', 'assurance', 'assurances', 'insurance'],
  product: ['cpo'],
  marketing: ['artistique', 'acquisition', 'digital/digitale', 'community', 'communaute'],
  it: ['cdo', 'application'],
  operations: ['site', 'property', 'energy', 'clerk', 'planner', 'planning', 'planificateur/planificatrice', 'delivery', 'industrie', 'industriel/industrielle/industriels/industrielles', 'industrial', 'industry'],
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
      'founding partner', 'chef/cheffe entreprise', 'director general', 'dgs', 'membre directoire', 'entrepreneur/entrepreneuse',
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
      'dg adjoint/adjointe', 'dg delegue/deleguee', 'dga', 'dgd', 'deputy ceo', 'deputy general manager',
      'deputy managing director', 'deputy md', 'deputy chief executive officer', 'deputy chief executive', 'vice ceo',
      'vice pdg', 'assistant general manager', 'deputy director general', 'vice president/presidente directoire',
    ],
  },
  { seniority: 'director', fn: 'executive', phrases: ['executive director', 'secretaire general/generale', 'secretary general'] },
  { seniority: 'director', fn: 'hr', phrases: ['drh'] },
  { seniority: 'director', fn: 'it', phrases: ['dsi', 'rssi'] },
  { seniority: 'director', fn: 'finance', phrases: ['daf'] },
  { seniority: 'director', fn: 'legal', phrases: ['general counsel'] },
  { seniority: 'director', fn: 'marketing', phrases: ['dircom'] },
  { seniority: 'manager', fn: 'hr', phrases: ['rrh'] },
  { seniority: 'manager', fn: 'finance', phrases: ['raf'] },
  { seniority: 'manager', fn: 'it', phrases: ['rsi'] },
  { seniority: 'manager', fn: 'executive', phrases: ['country manager'] },
  { seniority: 'manager', fn: 'other', phrases: ['chef/cheffe carriere', 'chef/cheffe cuisine', 'chef/cheffe rang', 'chef/cheffe partie'] },
  { seniority: 'manager', fn: 'operations', phrases: ['office manager', 'facility manager', 'facilities manager', 'energy manager'] },
  { seniority: 'director', fn: 'marketing', phrases: ['art director', 'creative director', 'directeur/directrice creation'] },
  { seniority: 'manager', fn: 'marketing', phrases: ['community manager', 'traffic manager'] },
  { seniority: 'manager', fn: 'hr', phrases: ['campus manager'] },
  { seniority: 'manager', fn: 'product', phrases: ['product manager'] },
  { seniority: 'manager', fn: 'sales', phrases: ['account manager', 'partner manager'] },
  { seniority: 'manager', fn: 'customer_service', phrases: ['csm'] },
  { seniority: 'manager', fn: 'procurement', phrases: ['category manager'] },
  { seniority: 'manager', fn: 'legal', phrases: ['contract manager'] },
];

/** "Assistant(e) X": the person assists, whatever rank X names (DESIGN.md hard cases). */
export const ASSISTANT_TERMS: readonly string[] = [
  'assistant/assistante', 'secretaire', 'secretary', 'aide',
  // "personnel" would otherwise read as HR
  'assistant/assistante personnel/personnelle', 'personal assistant',
];

/**
 * Role nouns: the function of the person's role, which the domain words around it only qualify
 * ("Acheteur informatique" is procurement, "IT Recruiter" hr, "Contrôleur de gestion IT" finance).
 */
export const HEAD_TERMS: Partial<Record<JobFunction, readonly string[]>> = {
  procurement: ['acheteur/acheteuse', 'buyer', 'approvisionneur/approvisionneuse', 'purchasing', 'procurement'],
  hr: [
    'recruteur/recruteuse', 'recruiter', 'sourceur/sourceuse', 'sourcer', 'headhunter', 'chasseur/chasseuse tetes',
    'talent acquisition', 'recrutement', 'recruitment', 'recruiting', 'payroll', 'paie',
  ],
  finance: [
    'comptable', 'accountant', 'bookkeeper', 'controleur/controleuse gestion', 'controle gestion', 'controller',
    'auditeur/auditrice', 'auditor', 'tresorier/tresoriere', 'treasurer', 'actuaire', 'actuary', 'underwriter',
  ],
  legal: ['juriste', 'avocat/avocate', 'lawyer', 'attorney', 'counsel', 'paralegal', 'notaire', 'solicitor'],
  engineering: [
    'developpeur/developpeuse', 'developer', 'programmer', 'programmeur/programmeuse', 'devops', 'sre',
    'site reliability', 'testeur/testeuse', 'tester', 'data scientist', 'data engineer',
  ],
  sales: ['vendeur/vendeuse', 'demonstrator', 'demonstrateur/demonstratrice', 'salesman', 'saleswoman', 'salesperson', 'account executive', 'business developer'],
  marketing: ['graphiste', 'copywriter', 'redacteur/redactrice', 'marketer', 'marketeur/marketeuse'],
  customer_service: ['teleconseiller/teleconseillere', 'teleoperateur/teleoperatrice'],
  it: ['sysadmin', 'dba', 'pentester', 'pentesteur/pentesteuse', 'informaticien/informaticienne'],
  operations: [
    'magasinier/magasiniere', 'cariste', 'chauffeur', 'livreur/livreuse', 'logisticien/logisticienne',
    'receptionniste', 'receptionist', 'standardiste',
  ],
  product: ['product manager', 'product owner', 'product designer'],
};

/** What an assistant of a person or of the management names besides rank words: "Assistante de direction générale". */
export const ASSISTED_WORDS: readonly string[] = [
  'direction', 'directeur', 'directrice', 'dirigeant', 'dirigeante', 'executive', 'exec', 'personal', 'personnelle',
  'private', 'privee', 'office', 'bureau', 'administratif', 'administrative', 'admin', 'administration', 'general',
  'generale', 'management', 'gestion', 'team', 'equipe', 'polyvalent', 'polyvalente', 'board', 'cabinet', 'virtual',
  'virtuel', 'virtuelle', 'senior', 'junior', 'confirme', 'confirmee', 'principal', 'principale', 'to', 'a', 'aupres',
  'partner', 'associe', 'associes', 'partners', 'group', 'groupe', 'site', 'agence', 'service', 'services', 'chief',
];

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
