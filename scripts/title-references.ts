/*
 * The public occupation references behind the title model, and the one place that maps them onto
 * DESIGN.md's functions: each ROME professional domain / code and each O*NET-SOC group -> one function.
 * Read only by scripts (build-title-model.ts); the product never reads the references.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { JobFunction } from '../src/scoring/taxonomy';
import { segments, tokenize } from '../src/scoring/titles.tokens';

type Fn = JobFunction;

/** Where the references sit next to a checkout (../shared/data/titles). */
export const REFERENCES_DIR = path.join(__dirname, '../../shared/data/titles');

/** ROME professional domains (3 characters) and codes (5, which win) -> function; unlisted is `other`. */
const ROME: Record<string, Fn> = {
  // Banking, insurance, real estate
  C11: 'finance', C1102: 'sales', C1103: 'sales', C1111: 'sales', C1112: 'sales',
  C12: 'finance', C1201: 'customer_service', C1203: 'sales', C1206: 'customer_service', C1208: 'sales',
  C13: 'finance', C14: 'finance',
  C1501: 'operations', C1502: 'operations', C1503: 'sales', C1504: 'sales', C1505: 'sales',
  // Retail and sales forces
  D12: 'sales', D13: 'sales', D15: 'sales',
  // ...but not the personal services filed with retail: hairdressing, beauty, laundry, repairs
  ...Object.fromEntries(
    ['D1202', 'D1203', 'D1205', 'D1206', 'D1207', 'D1208', 'D1209', 'D1215', 'D1216', 'D1217', 'D1218', 'D1220', 'D1222',
      'D1225', 'D1226', 'D1228', 'D1229', 'D1231', 'D1232', 'D1233', 'D1235', 'D1236', 'D1237', 'D1239', 'D1240', 'D1241',
      'D1242'].map((code) => [code, 'other' as Fn]),
  ),
  D14: 'sales', D1405: 'other', D1408: 'customer_service', D1415: 'customer_service', D1422: 'finance',
  D1428: 'other', D1431: 'procurement', D1432: 'customer_service', D1435: 'customer_service', D1436: 'other',
  // Communication and media: marketing roles only; writers, journalists, translators stay `other`
  E1101: 'marketing', E1103: 'marketing', E1104: 'marketing', E1107: 'marketing', E1109: 'marketing',
  E1112: 'marketing', E1113: 'sales', E1119: 'marketing', E1124: 'marketing', E1127: 'marketing',
  E1128: 'marketing', E1129: 'marketing', E14: 'marketing', E1205: 'marketing',
  // Construction: site management is operations, the trades are not
  F12: 'operations',
  G13: 'sales', G1703: 'operations',
  // Industry: R&D is engineering; HSE, methods, quality, production management and packing are operations
  H1101: 'customer_service', H1102: 'sales', H1103: 'sales', H1106: 'customer_service', H1107: 'customer_service',
  H1108: 'customer_service', H12: 'engineering', H1211: 'other', H1213: 'other', H1216: 'other',
  H13: 'operations', H14: 'operations', H15: 'operations', H25: 'operations', H33: 'operations',
  // Installation and maintenance: sites and production equipment are operations, IT equipment is it
  I11: 'operations', I1203: 'operations', I1204: 'operations', I1316: 'operations',
  ...Object.fromEntries(
    ['I1302', 'I1304', 'I1310', 'I1313', 'I1318', 'I1324', 'I1326', 'I1332', 'I1333', 'I1335'].map((code) => [code, 'operations' as Fn]),
  ),
  I1401: 'it', I1403: 'it', I1404: 'it', I1405: 'it', I1406: 'it', I1409: 'it', I1410: 'customer_service',
  // Public and personal services: law, cleaning, private security, vocational training
  K19: 'legal', K1903: 'finance', K22: 'operations', K25: 'operations',
  K2101: 'hr', K2111: 'hr', K2114: 'hr', K2119: 'hr', K2132: 'hr', K2139: 'hr', K2142: 'hr', K2145: 'hr',
  // Business support
  M11: 'procurement',
  M12: 'finance', M1212: 'other', M1216: 'executive', M1217: 'other', M1218: 'operations',
  M13: 'executive', M1304: 'other', M1305: 'other',
  M1405: 'engineering', M1406: 'operations', M1409: 'finance',
  M1410: 'it', M1411: 'operations', M1413: 'operations', M1414: 'engineering', M1415: 'hr', M1416: 'operations',
  M1417: 'operations', M1419: 'engineering', M1420: 'marketing', M1421: 'marketing', M1422: 'marketing',
  M1423: 'engineering', M1424: 'marketing', M1426: 'it', M1428: 'operations', M1430: 'marketing',
  M15: 'hr', M1506: 'other',
  M16: 'operations', M1603: 'other', M1608: 'finance', M1610: 'other', M1611: 'finance', M1612: 'legal',
  M1615: 'other', M1616: 'other', M1617: 'other', M1620: 'other',
  M1701: 'sales', M1702: 'marketing', M1703: 'product', M1704: 'customer_service', M1705: 'marketing',
  M1706: 'marketing', M1707: 'sales', M1708: 'sales', M1709: 'marketing', M1711: 'marketing', M1712: 'marketing',
  M1714: 'marketing', M1715: 'sales', M1716: 'marketing', M1717: 'product', M1718: 'marketing', M1719: 'marketing',
  M18: 'it', M1805: 'engineering', M1808: 'other', M1809: 'other', M1811: 'engineering', M1814: 'engineering',
  M1815: 'engineering', M1818: 'engineering', M1823: 'sales', M1824: 'engineering', M1825: 'marketing',
  M1827: 'engineering', M1828: 'other', M1864: 'product', M1880: 'other', M1888: 'other', M1890: 'other',
  M1891: 'other', M1893: 'other',
  ...Object.fromEntries(
    ['M1831', 'M1832', 'M1836', 'M1837', 'M1842', 'M1848', 'M1850', 'M1851', 'M1852', 'M1853', 'M1855', 'M1861', 'M1865',
      'M1872', 'M1873', 'M1877', 'M1886', 'M1887', 'M1889', 'M1892'].map((code) => [code, 'engineering' as Fn]),
  ),
  // Transport and logistics: goods, warehouses, road and rail vehicles; aircrews and ship crews stay `other`
  N11: 'operations', N12: 'operations', N13: 'operations', N22: 'operations', N32: 'operations',
  N41: 'operations', N42: 'operations', N43: 'operations', N44: 'operations',
};

/** O*NET-SOC code prefixes -> function; the longest prefix wins; unlisted is `other`. */
const ONET: Record<string, Fn> = {
  '11-1011': 'executive', '11-1021': 'operations',
  '11-2011': 'marketing', '11-2021': 'marketing', '11-2022': 'sales', '11-2032': 'marketing',
  '11-3012': 'operations', '11-3013': 'operations', '11-3021': 'it', '11-3031': 'finance', '11-3051': 'operations',
  '11-3061': 'procurement', '11-3071': 'operations', '11-3111': 'hr', '11-3121': 'hr', '11-3131': 'hr',
  '11-9021': 'operations', '11-9041': 'engineering', '11-9141': 'operations',
  '13-1020': 'procurement', '13-1021': 'procurement', '13-1022': 'procurement', '13-1023': 'procurement',
  '13-1031': 'finance', '13-1032': 'finance', '13-1041': 'legal', '13-1071': 'hr', '13-1075': 'hr',
  '13-1081': 'operations', '13-1121': 'marketing', '13-1141': 'hr', '13-1151': 'hr', '13-1161': 'marketing',
  '13-2': 'finance',
  '15-12': 'it', '15-1221': 'engineering', '15-1251': 'engineering', '15-1252': 'engineering',
  '15-1253': 'engineering', '15-1254': 'engineering', '15-1255': 'product', '15-1299.07': 'engineering',
  '15-2011': 'finance', '15-2041': 'engineering', '15-2051': 'engineering',
  '17-2': 'engineering', '17-2051': 'other', '17-2111': 'operations', '17-2112': 'operations', '17-2151': 'other',
  '17-2171': 'other', '17-3': 'engineering', '17-3022': 'other', '17-3026': 'operations', '17-3031': 'other',
  '23-': 'legal',
  '27-1011': 'marketing', '27-1024': 'marketing', '27-3031': 'marketing', '27-3042': 'engineering',
  '33-9032': 'operations',
  '37-1011': 'operations', '37-2': 'operations',
  '41-': 'sales', '41-3031': 'finance',
  '43-1011': 'operations', '43-2011': 'operations', '43-3': 'finance', '43-3051': 'hr', '43-3061': 'procurement',
  '43-4011': 'finance', '43-4031': 'legal', '43-4041': 'finance', '43-4051': 'customer_service',
  '43-4071': 'operations', '43-4131': 'finance', '43-4141': 'finance', '43-4151': 'operations', '43-4161': 'hr',
  '43-4171': 'operations', '43-4199': 'operations',
  '43-5011': 'operations', '43-5021': 'operations', '43-5032': 'operations', '43-5061': 'operations',
  '43-5071': 'operations', '43-5081': 'operations', '43-5111': 'operations',
  '43-6011': 'operations', '43-6012': 'legal', '43-6013': 'operations', '43-6014': 'operations',
  '43-9': 'operations', '43-9041': 'finance', '43-9111': 'other',
  '47-1011': 'operations',
  '49-1011': 'operations', '49-2011': 'it', '49-2022': 'it', '49-9041': 'operations', '49-9043': 'operations',
  '49-9071': 'operations',
  '51-1011': 'operations', '51-9061': 'operations',
  '53-1': 'operations', '53-3': 'operations', '53-7': 'operations',
};

export function romeFunction(code: string): Fn {
  return lookup(ROME, code, [5, 3]);
}

function lookup(table: Record<string, Fn>, code: string, lengths: readonly number[]): Fn {
  for (const n of lengths) {
    const fn = table[code.slice(0, n)];
    if (fn) return fn;
  }
  return 'other';
}

export function onetFunction(code: string): Fn {
  for (let n = code.length; n > 0; n--) {
    const fn = ONET[code.slice(0, n)];
    if (fn) return fn;
  }
  return 'other';
}

/** "Agent / Agente d'entretien" -> "Agent d'entretien", "Agente d'entretien". */
function genderForms(label: string): string[] {
  const slash = label.indexOf(' / ');
  if (slash < 0) return [label];
  const feminine = label.slice(slash + 3);
  const space = feminine.indexOf(' ');
  return [label.slice(0, slash) + (space < 0 ? '' : feminine.slice(space)), feminine];
}

export interface Example {
  words: string[];
  fn: Fn;
}

/** Every title of the references (both gender forms of ROME's), as words, with its mapped function. */
export function loadExamples(dir: string): Example[] {
  const examples: Example[] = [];
  const add = (title: string, fn: Fn): void => {
    const words = segments(tokenize(title)).flat();
    if (words.length > 0) examples.push({ words, fn });
  };
  const rome = parse(readFileSync(path.join(dir, 'rome-appellations-v460.csv')), { columns: true }) as Array<Record<string, string>>;
  for (const row of rome) {
    const fn = romeFunction(row.code_rome);
    for (const form of new Set([...genderForms(row.libelle_appellation_long), row.libelle_appellation_court])) add(form, fn);
  }
  const tsv = (file: string): string[][] => readFileSync(path.join(dir, file), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  for (const [code, title, short] of tsv('onet-27-alternate-titles.tsv')) {
    const fn = onetFunction(code);
    add(title, fn);
    if (short && short !== 'n/a') add(short, fn);
  }
  for (const [code, title] of tsv('onet-27-occupations.tsv')) add(title, onetFunction(code));
  return examples;
}

