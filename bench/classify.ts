/*
 * In-process title classification throughput (taxonomy alone, then with the shipped personas) and peak memory.
 * Run: node -r ./bin/register.js bench/classify.ts [count]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import YAML from 'yaml';
import { personasConfigSchema } from '../src/config/personas.schema';
import { compilePersonas } from '../src/scoring/personas';
import { compileTitleClassifier } from '../src/scoring/titles';

const root = path.join(__dirname, '..');
const COUNT = Number(process.argv[2] ?? 500_000);
const VARIATIONS: ReadonlyArray<(title: string, i: number) => string> = [
  (t) => t,
  (t) => t.toUpperCase(),
  (t) => `${t} (H/F)`,
  (t) => `Senior ${t} - CDI`,
  (t, i) => `${t} #${i}`,
  (t) => `  ${t.toLowerCase()}  `,
];

const fixture = readFileSync(path.join(root, 'test/fixtures/titles.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.includes('\t'))
  .map((line) => line.split('\t')[0]);
const titles = Array.from({ length: COUNT }, (_, i) => VARIATIONS[i % VARIATIONS.length](fixture[i % fixture.length], i));

const personasConfig = personasConfigSchema.parse(YAML.parse(readFileSync(path.join(root, 'config/personas.yaml'), 'utf8')));
let peakRss = process.memoryUsage.rss();

function measure(name: string, compile: () => (title: string) => { seniority: string }, input: readonly string[] = titles): void {
  const startCompile = performance.now();
  const classify = compile();
  const compileMs = performance.now() - startCompile;
  for (let i = 0; i < 20_000; i++) classify(input[input.length - 1 - i]); // warm-up: let the JIT settle
  let checksum = 0;
  const start = performance.now();
  for (let i = 0; i < input.length; i++) {
    checksum += classify(input[i]).seniority.length;
    if ((i & 0xffff) === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    JSON.stringify({
      name,
      titles: input.length,
      seconds: Number(seconds.toFixed(3)),
      titlesPerSecond: Math.round(input.length / seconds),
      compileMs: Number(compileMs.toFixed(1)),
      checksum,
    }),
  );
}

measure('titles', () => compileTitleClassifier(personasConfig.keywords));
measure('personas', () => compilePersonas(personasConfig));
console.log(JSON.stringify({ peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 2 ** 20) }));
// Every title different: what the classifier costs when its memo of repeated titles never helps.
measure('titles, all distinct', () => compileTitleClassifier(personasConfig.keywords), titles.map((title, i) => `${title} #${i}`));
