import type { PersonasConfig } from '../config/personas.schema';
import type { JobFunction, Seniority } from './taxonomy';
import { fold } from './text';
import {
  ASSISTANT_TERMS,
  FUNCTION_TERMS,
  PLACEHOLDER_TITLES,
  ROLE_TERMS,
  SENIORITY_TERMS,
  STOP_WORDS,
  WEAK_FUNCTION_TERMS,
} from './titles.vocabulary';

export interface TitleClassification {
  seniority: Seniority;
  function: JobFunction;
}

/** Classifies one job title (French or English); the department only fills in a missing function. */
export type TitleClassifier = (title: string | null | undefined, department?: string | null) => TitleClassification;

interface Term {
  seniority?: Seniority;
  fn?: JobFunction;
  /** A function word too generic to outrank the department. */
  weak?: boolean;
  assistant?: boolean;
}

interface TrieNode {
  term?: Term;
  next?: Map<string, TrieNode>;
}

/** Ranks compared to keep the highest seniority of a multi-role title ("Founder & CTO"). */
const RANKS: readonly Seniority[] = ['individual_contributor', 'manager', 'director', 'vp', 'c_level'];
const VP_RANK = RANKS.indexOf('vp');

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
const NON_WORD = /[^a-z0-9;]+/g;
/** "Chief Happiness Officer" -> "cxo happiness": any Chief X Officer is c_level, in X's function. */
const CHIEF_OFFICER = /\bchief ((?:[a-z0-9]+ ){1,4}?)officer\b/g;
const HAS_LETTER = /[a-z]/;
const STOP = new Set(STOP_WORDS);

/** "informatiques" -> "informatique", "systems" -> "system": one form for singular and plural; "business" stays. */
function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * Title -> tokens, shared by titles and vocabulary so both meet in the same form. A ";" token
 * separates the roles of a multi-role title.
 */
function tokenize(text: string): string[] {
  const words = fold(text.length > MAX_TITLE_LENGTH ? text.slice(0, MAX_TITLE_LENGTH) : text)
    .replace(LIGATURES, (ch) => (ch === 'œ' ? 'oe' : 'ae'))
    .replace(JOB_AD_MARKERS, ' ')
    .replace(GENDER_ENDINGS, '$1')
    .replace(ROLE_SEPARATORS, ` ${SEGMENT} `)
    .replace(NON_WORD, ' ')
    .replace(CHIEF_OFFICER, 'cxo $1')
    .trim();
  return words === '' ? [] : words.split(' ').map(singular);
}

/** Tokens -> the roles of a title, stop words dropped; a phrase never spans two roles. */
function segments(tokens: readonly string[]): string[][] {
  const roles: string[][] = [[]];
  for (const word of tokens) {
    if (word === SEGMENT) {
      if (roles[roles.length - 1].length > 0) roles.push([]);
    } else if (!STOP.has(word)) roles[roles.length - 1].push(word);
  }
  return roles;
}

/** "directeur/directrice general/generale" -> the four phrases it stands for. */
function expand(phrase: string): string[] {
  return phrase
    .split(' ')
    .reduce<string[]>((heads, word) => heads.flatMap((head) => word.split('/').map((w) => (head ? `${head} ${w}` : w))), ['']);
}

function addTerm(root: TrieNode, phrase: string, term: Term): void {
  const words = tokenize(phrase).filter((w) => !STOP.has(w));
  if (words.length === 0) return;
  let node = root;
  for (const word of words) {
    node.next ??= new Map();
    let child = node.next.get(word);
    if (!child) node.next.set(word, (child = {}));
    node = child;
  }
  node.term = { ...node.term, ...term };
}

function addAll(root: TrieNode, phrases: readonly string[], term: Term, expandForms = true): void {
  for (const phrase of phrases) for (const form of expandForms ? expand(phrase) : [phrase]) addTerm(root, form, term);
}

function buildTrie(keywords?: PersonasConfig['keywords']): TrieNode {
  const root: TrieNode = {};
  for (const [seniority, phrases] of Object.entries(SENIORITY_TERMS)) addAll(root, phrases, { seniority: seniority as Seniority });
  for (const [fn, phrases] of Object.entries(FUNCTION_TERMS)) addAll(root, phrases, { fn: fn as JobFunction });
  for (const [fn, phrases] of Object.entries(WEAK_FUNCTION_TERMS)) addAll(root, phrases, { fn: fn as JobFunction, weak: true });
  for (const { seniority, fn, phrases } of ROLE_TERMS) addAll(root, phrases, { seniority, fn });
  addAll(root, ASSISTANT_TERMS, { assistant: true });
  // A customer's own jargon comes last so that it overrides the built-in meaning of a phrase.
  for (const [fn, phrases] of Object.entries(keywords?.functions ?? {})) addAll(root, phrases, { fn: fn as JobFunction, weak: false }, false);
  for (const [seniority, phrases] of Object.entries(keywords?.seniorities ?? {})) {
    if (seniority !== 'unknown') addAll(root, phrases, { seniority: seniority as Seniority }, false);
  }
  return root;
}

/** Calls `visit` with each longest-matching term, in reading order. */
function scan(root: TrieNode, words: readonly string[], visit: (term: Term) => void): void {
  let i = 0;
  while (i < words.length) {
    let node: TrieNode | undefined = root;
    let matched: Term | undefined;
    let end = i;
    for (let j = i; j < words.length && node?.next; j++) {
      node = node.next.get(words[j]);
      if (node?.term) {
        matched = node.term;
        end = j + 1;
      }
    }
    if (matched) visit(matched);
    i = matched ? end : i + 1;
  }
}

/** Builds the title classifier once (vocabulary + the customer's keywords from personas.yaml). */
export function compileTitleClassifier(keywords?: PersonasConfig['keywords']): TitleClassifier {
  const root = buildTrie(keywords);
  const placeholders = new Set([...PLACEHOLDER_TITLES, ...(keywords?.seniorities?.unknown ?? [])].map((p) => tokenize(p).join(' ')));

  const departmentFunction = (department: string | null | undefined): JobFunction | undefined => {
    if (typeof department !== 'string') return undefined;
    let strong: JobFunction | undefined;
    let weak: JobFunction | undefined;
    scan(root, tokenize(department).filter((w) => !STOP.has(w)), (term) => {
      if (term.fn && !term.weak) strong ??= term.fn;
      else if (term.fn) weak ??= term.fn;
    });
    return strong ?? weak;
  };

  return (title, department) => {
    const tokens = typeof title === 'string' ? tokenize(title) : [];
    if (!tokens.some((w) => HAS_LETTER.test(w)) || placeholders.has(tokens.join(' '))) {
      return { seniority: 'unknown', function: departmentFunction(department) ?? 'other' };
    }
    let rank = -1;
    let intern = false;
    let afterAssistant = false;
    let firstIsAssistant: boolean | undefined;
    let strong: JobFunction | undefined;
    let weak: JobFunction | undefined;
    for (const role of segments(tokens)) {
      let roleRank = -1;
      let assistant = false;
      let roleStrong: JobFunction | undefined;
      let roleWeak: JobFunction | undefined;
      let named: JobFunction | undefined; // what an assistant works on: a function, not a person
      scan(root, role, (term) => {
        if (term.seniority === 'intern') intern = true;
        else if (term.seniority) roleRank = Math.max(roleRank, RANKS.indexOf(term.seniority));
        if (term.assistant) assistant = true;
        if (term.fn && !term.weak) {
          roleStrong ??= term.fn;
          if (!term.seniority) named ??= term.fn;
        } else if (term.fn) roleWeak ??= term.fn;
      });
      // "Assistant to the CEO & CFO": after an assistant, an executive is the person assisted, not a second role.
      if (afterAssistant && roleRank >= VP_RANK) continue;
      if (role.length > 0) firstIsAssistant ??= assistant;
      if (assistant) afterAssistant = true;
      else rank = Math.max(rank, roleRank);
      strong ??= assistant ? named : roleStrong;
      weak ??= roleWeak;
    }
    const seniority = intern ? 'intern' : rank < 0 ? 'individual_contributor' : RANKS[rank];
    const fn = strong ?? departmentFunction(department) ?? (firstIsAssistant ? 'operations' : (weak ?? 'other'));
    return { seniority, function: fn };
  };
}
