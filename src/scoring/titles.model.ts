import type { JobFunction } from './taxonomy';

/**
 * The statistical fallback of the title classifier: a linear model over word, word-prefix,
 * head-word and bigram features, trained by scripts/build-title-model.ts on public occupation
 * references (ROME, O*NET) and shipped as data. It only speaks when no vocabulary rule names a
 * function, and only with enough confidence; otherwise the function stays `other`.
 */

export interface FunctionModelData {
  classes: readonly JobFunction[];
  /** Per-class bias, tenths. */
  bias: readonly number[];
  /** One feature per line: `feature<TAB>class:weight,class:weight` (class indexes, weights in tenths). */
  weights: string;
}

export interface FunctionGuess {
  fn: JobFunction;
  /** Softmax probability of `fn`. */
  confidence: number;
}

export type FunctionModel = (words: readonly string[]) => FunctionGuess;

const PREFIX = 5;

/** Calls `visit` with each feature of a title's words (folded, singular, stop words dropped). */
function forEachFeature(words: readonly string[], visit: (feature: string) => void): void {
  if (words.length === 0) return;
  // French puts the role noun first ("Acheteur informatique"), English last ("IT Buyer").
  visit(`^${words[0]}`);
  visit(`${words[words.length - 1]}$`);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    visit(word);
    if (word.length > PREFIX + 1) visit(`${word.slice(0, PREFIX)}~`);
    if (i > 0) visit(`${words[i - 1]}_${word}`);
  }
}

/** The features of a title's words, as training sees them. */
export function modelFeatures(words: readonly string[]): string[] {
  const features: string[] = [];
  forEachFeature(words, (feature) => features.push(feature));
  return features;
}

/** Parses the shipped weights once. */
export function compileFunctionModel(data: FunctionModelData): FunctionModel {
  // Sparse rows: most features weigh on one or two classes. [class, weight, class, weight...]
  const weights = new Map<string, number[]>();
  const classes = data.classes.length;
  for (const line of data.weights.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const row: number[] = [];
    for (const pair of line.slice(tab + 1).split(',')) {
      const colon = pair.indexOf(':');
      row.push(Number(pair.slice(0, colon)), Number(pair.slice(colon + 1)) / 10);
    }
    weights.set(line.slice(0, tab), row);
  }
  const bias = data.bias.map((b) => b / 10);
  const scores = new Float64Array(classes);
  const add = (feature: string): void => {
    const row = weights.get(feature);
    if (row) for (let i = 0; i < row.length; i += 2) scores[row[i]] += row[i + 1];
  };

  return (words) => {
    for (let c = 0; c < classes; c++) scores[c] = bias[c];
    forEachFeature(words, add);
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[c] > scores[best]) best = c;
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(scores[c] - scores[best]);
    return { fn: data.classes[best], confidence: 1 / sum };
  };
}
