import { fold } from './text';
import { STOP_WORDS } from './titles.vocabulary';

/** Nobody's title is longer: cap the work done on hostile input. */
const MAX_TITLE_LENGTH = 200;
const LIGATURES = /[œæ]/g;
/** Job-ad gender and contract markers: "(H/F)", "F/H", "(m/w/d)", "(f/m/x)". */
const JOB_AD_MARKERS = /\(?\b[hfmwdx] ?[/-] ?[hfmwdx](?: ?[/-] ?[hfmwdx])?\b\)?/g;
/** Inclusive and feminine endings glued to a word: "Directeur(trice)", "Chargé(e)", "Directeur·rice", "Chargé/e". */
const GENDER_ENDINGS = /([a-z])(?:\([a-z]{1,6}\)|[/.·](?:e|es|ne|se|euse|teuse|rice|trice|ere|ive|tive|le|te)(?![a-z]))/g;
/** Between two roles ("Office Manager / Assistante de direction", "CEO | Founder"); "R&D", "UX/UI" stay whole. */
const ROLE_SEPARATORS = /\s[/&+|–—-]\s|[|,;]/g;
const SEGMENT = ';';
/**
 * The executive a person works for is no role of theirs: "Chargé de mission auprès du DG",
 * "Conseiller du président", "Chief of Staff to the CEO", "Assistant to the CEO".
 */
const SERVED_EXECUTIVE =
  /\s(?:aupres (?:du |de la |des |de )?|du |de la |to the |to )(?:ceo|pdg|dg|president|presidente|directeur general|directrice generale|dirigeant|dirigeante|gerant|gerante|fondateur|fondatrice|founder|managing director|general manager|chairman|coo|cfo|cto|cmo|cio)\b/g;
/** LinkedIn's "Sales Manager @ Salesforce", "Office Manager chez Alan": the employer is no part of the role. */
const EMPLOYER = /(?:^|\s)(?:@|at|chez)\s[^|,;–—]*/g;
const NON_WORD = /[^a-z0-9;]+/g;
/** "Chief Happiness Officer" -> "cxo happiness": any Chief X Officer is c_level, in X's function. */
const CHIEF_OFFICER = /\bchief ((?:[a-z0-9]+ ){1,4}?)officer\b/g;
export const STOP: ReadonlySet<string> = new Set(STOP_WORDS);

/** "informatiques" -> "informatique", "systems" -> "system": one form for singular and plural; "business" stays. */
function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * Title -> tokens, shared by titles and vocabulary so both meet in the same form. A ";" token
 * separates the roles of a multi-role title.
 */
export function tokenize(text: string): string[] {
  let folded = fold(text.length > MAX_TITLE_LENGTH ? text.slice(0, MAX_TITLE_LENGTH) : text);
  // Cheap tests first: most titles have no ligature, job-ad marker, employer, executive they work for,
  // gender ending or Chief X Officer, and a lookup costs less than a regular expression.
  if (folded.includes('œ') || folded.includes('æ')) folded = folded.replace(LIGATURES, (ch) => (ch === 'œ' ? 'oe' : 'ae'));
  const slash = folded.includes('/');
  if (slash || folded.includes('-')) folded = folded.replace(JOB_AD_MARKERS, ' ');
  if (folded.includes('@') || folded.includes(' at ') || folded.includes('chez ')) folded = folded.replace(EMPLOYER, ' ');
  if (folded.includes(' du ') || folded.includes(' de la ') || folded.includes(' to ') || folded.includes('aupres ')) {
    folded = folded.replace(SERVED_EXECUTIVE, ' ');
  }
  if (slash || folded.includes('(') || folded.includes('.') || folded.includes('·')) folded = folded.replace(GENDER_ENDINGS, '$1');
  folded = folded.replace(ROLE_SEPARATORS, ` ${SEGMENT} `).replace(NON_WORD, ' ');
  if (folded.includes('chief')) folded = folded.replace(CHIEF_OFFICER, 'cxo $1');
  const words = folded.trim();
  return words === '' ? [] : words.split(' ').map(singular);
}

/** Tokens -> the roles of a title, stop words dropped; a phrase never spans two roles. */
export function segments(tokens: readonly string[]): string[][] {
  const roles: string[][] = [[]];
  for (const word of tokens) {
    if (word === SEGMENT) {
      if (roles[roles.length - 1].length > 0) roles.push([]);
    } else if (!STOP.has(word)) roles[roles.length - 1].push(word);
  }
  return roles;
}

