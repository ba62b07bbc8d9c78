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

/** Nobody's title is longer: cap the work done on hostile input. */
const MAX_TITLE_LENGTH = 200;
const LIGATURES = /[œæ]/g;
/** Job-ad gender and contract markers: "(H/F)", "F/H", "(m/w/d)", "(f/m/x)". */
const JOB_AD_MARKERS = /\(?\b[hfmwdx] ?[/-] ?[hfmwdx](?: ?[/-] ?[hfmwdx])?\b\)?/g;
/** Inclusive and feminine endings glued to a word: "Directeur(trice)", "Chargé(e)", "Directeur·rice", "Chargé/e". */
const GENDER_ENDINGS = /([a-z])(?:\([a-z]{1,6}\)|[/.·](?:e|es|ne|se|euse|teuse|rice|trice|ere|ive|tive|le|te)(?![a-z]))/g;
const NON_WORD = /[^a-z0-9]+/g;
/** "Chief Happiness Officer" -> "cxo happiness": any Chief X Officer is c_level, in X's function. */
const CHIEF_OFFICER = /\bchief ((?:[a-z0-9]+ ){1,4}?)officer\b/g;
const HAS_LETTER = /[a-z]/;
const STOP = new Set(STOP_WORDS);

/** Title -> tokens, shared by titles and vocabulary so both meet in the same form. */
function tokenize(text: string): string[] {
  const words = fold(text.length > MAX_TITLE_LENGTH ? text.slice(0, MAX_TITLE_LENGTH) : text)
    .replace(LIGATURES, (ch) => (ch === 'œ' ? 'oe' : 'ae'))
    .replace(JOB_AD_MARKERS, ' ')
    .replace(GENDER_ENDINGS, '$1')
    .replace(NON_WORD, ' ')
    .replace(CHIEF_OFFICER, 'cxo $1')
    .trim();
  return words === '' ? [] : words.split(' ');
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
    let assistant = false;
    let strong: JobFunction | undefined;
    let weak: JobFunction | undefined;
    let named: JobFunction | undefined; // what an assistant works on: a function, not a person
    scan(root, tokens.filter((w) => !STOP.has(w)), (term) => {
      if (term.seniority === 'intern') intern = true;
      else if (term.seniority) rank = Math.max(rank, RANKS.indexOf(term.seniority));
      if (term.assistant) assistant = true;
      if (term.fn && !term.weak) {
        strong ??= term.fn;
        if (!term.seniority) named ??= term.fn;
      } else if (term.fn) weak ??= term.fn;
    });
    const seniority = intern ? 'intern' : assistant || rank < 0 ? 'individual_contributor' : RANKS[rank];
    const fn = assistant
      ? (named ?? departmentFunction(department) ?? 'operations')
      : (strong ?? departmentFunction(department) ?? weak ?? 'other');
    return { seniority, function: fn };
  };
}
