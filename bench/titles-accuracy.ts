/*
 * Title classifier accuracy per fixture, English and French apart, with the share of `other` answers.
 * Run: node -r ./bin/register.js bench/titles-accuracy.ts [--misses] [fixture.tsv...]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileTitleClassifier } from '../src/scoring/titles';

const FRENCH = /[éèêàçùôîâ]|\b(de|des|du|la|le|chef|responsable|directeur|directrice|charge|chargee|chargé|chargée|gestionnaire|ingenieur|ingénieur|technicien|agent|assistante?|conseill|commercial|comptable|juriste|acheteu|développeu|stagiaire|alternant|apprenti|vendeu|chauffeur|infirmi|cuisinier|enseignant|professeur|contrôleu|controleu|opérat|magasinier|cariste|gérant|fondat|président|trésorier|actuaire|approvisionneur|avocat|graphiste|pilote|planificat|coordinat|analyste|affréteur|exploitant|recruteur|architecte|consultante|réceptionniste|secrétaire|gardien|journaliste|éducat|pharmacien|médecin|aide|dg|daf|drh|dsi|rrh|pdg)\b/i;
const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const files = args.filter((a) => !a.startsWith('--'));
const root = path.join(__dirname, '..');
const fixtures = files.length > 0 ? files : ['titles.tsv', 'titles-holdout.tsv', 'titles-holdout-2.tsv', 'titles-blind-3.tsv'].map((f) => `test/fixtures/${f}`);
const classify = compileTitleClassifier();
const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)} %`);

for (const file of fixtures) {
  const rows = readFileSync(path.resolve(root, file), 'utf8').split('\n').slice(1).filter((l) => l.includes('\t')).map((l) => l.split('\t'));
  const stats: Record<string, { n: number; s: number; f: number; other: number; otherRight: number }> = {};
  const misses: string[] = [];
  for (const [title, seniority, fn, language] of rows) {
    const lang = language ?? (FRENCH.test(title) ? 'fr' : 'en');
    const got = classify(title);
    for (const key of ['all', lang]) {
      const s = (stats[key] ??= { n: 0, s: 0, f: 0, other: 0, otherRight: 0 });
      s.n++;
      if (got.seniority === seniority) s.s++;
      if (got.function === fn) s.f++;
      if (got.function === 'other') {
        s.other++;
        if (fn === 'other') s.otherRight++;
      }
    }
    if (got.seniority !== seniority || got.function !== fn) misses.push(`  ${title}: expected ${seniority}/${fn}, got ${got.seniority}/${got.function}`);
  }
  for (const [key, s] of Object.entries(stats)) {
    console.log(`${path.basename(file)} ${key} (${s.n}): seniority ${pct(s.s, s.n)}, function ${pct(s.f, s.n)}, other ${pct(s.other, s.n)} (right ${pct(s.otherRight, s.other)})`);
  }
  if (showMisses) console.log(misses.join('\n'));
}
