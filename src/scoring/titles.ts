import type { PersonasConfig } from '../config/personas.schema';
import type { JobFunction, Seniority } from './taxonomy';
import { STOP, segments, tokenize } from './titles.tokens';
import { compileFunctionModel, type FunctionModelData } from './titles.model';
import TITLE_MODEL_DATA from './titles.model.data.json';
import {
  ASSISTANT_TERMS,
  ASSISTED_WORDS,
  HEAD_TERMS,
  FUNCTION_TERMS,
  PLACEHOLDER_TITLES,
  ROLE_TERMS,
  SENIORITY_TERMS,
  WEAK_FUNCTION_TERMS,
} from './titles.vocabulary';

export interface TitleClassification {
  seniority: Seniority;
  function: JobFunction;
}

/**
 * Classifies one job title (French or English); the department only fills in a missing function.
 * Results are shared between calls with the same title: frozen.
 */
export type TitleClassifier = (title: string | null | undefined, department?: string | null) => TitleClassification;

interface Term {
  seniority?: Seniority;
  fn?: JobFunction;
  /** A function word too generic to outrank the department. */
  weak?: boolean;
  assistant?: boolean;
  /** A role noun ("Acheteur", "Recruiter"): its function outranks the domain words that qualify it. */
  head?: boolean;
}

interface TrieNode {
  term?: Term;
  next?: Map<string, TrieNode>;
}

const HAS_LETTER = /[a-z]/;
/** Below this probability the statistical fallback's guess is not used and the function stays `other`. */
const MODEL_CONFIDENCE = 0.9;
const MEMO_MAX = 20_000;
const MEMO_TITLE_LENGTH = 100;
const ASSISTED: ReadonlySet<string> = new Set(ASSISTED_WORDS.flatMap((w) => tokenize(w)));
/** Ranks compared to keep the highest seniority of a multi-role title ("Founder & CTO"). */
const RANKS: readonly Seniority[] = ['individual_contributor', 'manager', 'director', 'vp', 'c_level'];
const VP_RANK = RANKS.indexOf('vp');

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
  for (const [fn, phrases] of Object.entries(HEAD_TERMS)) addAll(root, phrases, { fn: fn as JobFunction, head: true });
  // A customer's own jargon comes last so that it overrides the built-in meaning of a phrase.
  for (const [fn, phrases] of Object.entries(keywords?.functions ?? {})) addAll(root, phrases, { fn: fn as JobFunction, weak: false }, false);
  for (const [seniority, phrases] of Object.entries(keywords?.seniorities ?? {})) {
    if (seniority !== 'unknown') addAll(root, phrases, { seniority: seniority as Seniority }, false);
  }
  return root;
}

/** Calls `visit` with each longest-matching term and the words it spans, in reading order. */
function scan(root: TrieNode, words: readonly string[], visit: (term: Term, start: number, end: number) => void): void {
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
    if (matched) visit(matched, i, end);
    i = matched ? end : i + 1;
  }
}

/**
 * Builds the title classifier once (vocabulary + the customer's keywords from personas.yaml).
 * `fallback: false` leaves out the statistical fallback (to see what the vocabulary alone covers).
 */
export function compileTitleClassifier(keywords?: PersonasConfig['keywords'], { fallback = true } = {}): TitleClassifier {
  const root = buildTrie(keywords);
  const model = compileFunctionModel(TITLE_MODEL_DATA as FunctionModelData);
  const isTerm = (word: string): boolean => root.next?.get(word)?.term !== undefined;
  const placeholderTokens = [...PLACEHOLDER_TITLES, ...(keywords?.seniorities?.unknown ?? [])].map(tokenize);
  const placeholders = new Set(placeholderTokens.map((p) => p.join(' ')));
  const placeholderLength = Math.max(...placeholderTokens.map((p) => p.length));

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

  /**
   * "Directeur administratif, financier & RH" is one role listing its domain words: a segment with
   * no rank, role noun or assistant joins the role before it when a phrase spans the two.
   */
  const joinQualifiers = (roles: string[][]): string[][] => {
    if (roles.length < 2) return roles;
    const joined: string[][] = [roles[0]];
    for (const role of roles.slice(1)) {
      const last = joined[joined.length - 1];
      let qualifier = true;
      scan(root, role, (term) => {
        if (term.seniority || term.assistant || term.head || !term.fn) qualifier = false;
      });
      let spans = false;
      const both = [...last, ...role];
      if (qualifier) {
        scan(root, both, (_term, start, end) => {
          if (start < last.length && end > last.length) spans = true;
        });
      }
      if (spans) joined[joined.length - 1] = both;
      else joined.push(role);
    }
    return joined;
  };

  // Confident guesses only (a low-confidence one stays `other`), and never general management, which
  // is only ever read literally ("Directeur général", CEO).
  const guess = (words: readonly string[]): JobFunction | undefined => {
    if (!fallback) return undefined;
    const { fn, confidence } = model(words);
    return confidence >= MODEL_CONFIDENCE && fn !== 'executive' ? fn : undefined;
  };

  // CRM titles repeat ("Sales Manager", "DRH"): remember them, within a bound, as fold() does.
  const memo = new Map<string, TitleClassification>();
  const classify: TitleClassifier = (title, department) => {
    if (typeof title !== 'string' || title.length > MEMO_TITLE_LENGTH) return classifyTitle(title, department);
    const key = typeof department === 'string' && department !== '' ? `${title}\u0000${department}` : title;
    let result = memo.get(key);
    if (!result) {
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(key, (result = Object.freeze(classifyTitle(title, department))));
    }
    return result;
  };

  const classifyTitle: TitleClassifier = (title, department) => {
    const tokens = typeof title === 'string' ? tokenize(title) : [];
    if (!tokens.some((w) => HAS_LETTER.test(w)) || (tokens.length <= placeholderLength && placeholders.has(tokens.join(' ')))) {
      return { seniority: 'unknown', function: departmentFunction(department) ?? 'other' };
    }
    let rank = -1;
    let intern = false;
    let afterAssistant = false;
    let assisted: readonly string[] | undefined; // the words of a title whose first role is an assistant
    let strong: JobFunction | undefined;
    let weak: JobFunction | undefined;
    const roles = joinQualifiers(segments(tokens));
    for (const role of roles) {
      let roleRank = -1;
      let assistant = false;
      let head: JobFunction | undefined;
      let roleStrong: JobFunction | undefined;
      let roleWeak: JobFunction | undefined;
      // What an assistant works on: a function, not a person ("Assistant ingénieur" is engineering).
      let named: JobFunction | undefined;
      let namedWeak: JobFunction | undefined;
      scan(root, role, (term) => {
        if (term.seniority === 'intern') intern = true;
        else if (term.seniority) roleRank = Math.max(roleRank, RANKS.indexOf(term.seniority));
        if (term.assistant) assistant = true;
        if (term.fn && !term.weak) {
          if (term.head) head ??= term.fn;
          roleStrong ??= term.fn;
          // "Assistante de direction générale" assists the management: no function of its own.
          if (!term.seniority && term.fn !== 'executive') named ??= term.fn;
        } else if (term.fn) {
          roleWeak ??= term.fn;
          if (!term.seniority && term.fn !== 'executive') namedWeak ??= term.fn;
        }
      });
      // "Assistant to the CEO & CFO": after an assistant, an executive is the person assisted, not a second role.
      if (afterAssistant && roleRank >= VP_RANK) continue;
      if (role.length > 0 && assisted === undefined) assisted = assistant ? role : [];
      if (assistant) afterAssistant = true;
      else rank = Math.max(rank, roleRank);
      // The first-listed role gives the function: "Assistante de direction / Comptable" is an assistant
      // (but "Assistant / Assistante comptable" spells one role in two genders).
      if (assisted !== undefined && assisted.length > 1 && assisted !== role) continue;
      // The role noun decides, a domain word only qualifies it: "Acheteur informatique", "IT Recruiter".
      strong ??= assistant ? named : (head ?? roleStrong);
      weak ??= assistant ? namedWeak : roleWeak;
    }
    const seniority = intern ? 'intern' : rank < 0 ? 'individual_contributor' : RANKS[rank];
    let fn = strong ?? departmentFunction(department) ?? weak;
    if (!fn && assisted && assisted.length > 0) {
      // An assistant of a person or of the management is operations; "Assistant social" is what it names.
      fn = assisted.every((w) => ASSISTED.has(w) || isTerm(w)) ? 'operations' : (guess(roles.flat()) ?? 'operations');
    }
    return { seniority, function: fn ?? guess(roles.flat()) ?? 'other' };
  };
  return classify;
}
