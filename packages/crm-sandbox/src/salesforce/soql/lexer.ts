import { SalesforceError } from '../errors';

export type TokenKind = 'ident' | 'string' | 'number' | 'datetime' | 'date' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Decoded value of a string literal. */
  value?: string;
  pos: number;
}

const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\w:])/y;
const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?![\w])/y;
const IDENT = /[A-Za-z_][\w.]*/y;
const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>'];
const ESCAPES: Record<string, string> = {
  n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', '%': '\\%', _: '\\_',
};

/** Builds a query error the way Salesforce words it, pointing at the offending position. */
export function queryError(soql: string, pos: number, detail: string, errorCode = 'MALFORMED_QUERY'): SalesforceError {
  const before = soql.slice(0, pos);
  const row = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return new SalesforceError(400, errorCode, `\n${soql}\n^\nERROR at Row:${row}:Column:${column}\n${detail}`);
}

export const malformed = (soql: string, pos: number, detail: string): SalesforceError => queryError(soql, pos, detail);

function matchAt(re: RegExp, soql: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(soql)?.[0];
}

function readString(soql: string, start: number): Token {
  let value = '';
  let pos = start + 1;
  while (pos < soql.length) {
    const ch = soql[pos];
    if (ch === "'") return { kind: 'string', text: soql.slice(start, pos + 1), value, pos: start };
    if (ch === '\\') {
      const next = soql[pos + 1];
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(soql.slice(pos + 2, pos + 6))) {
        value += String.fromCharCode(parseInt(soql.slice(pos + 2, pos + 6), 16));
        pos += 6;
        continue;
      }
      const escaped = next === undefined ? undefined : ESCAPES[next];
      if (escaped === undefined) throw malformed(soql, pos, 'Invalid string literal: Illegal escape sequence');
      value += escaped;
      pos += 2;
      continue;
    }
    value += ch;
    pos += 1;
  }
  throw malformed(soql, start, `line 1:${start} mismatched character '<EOF>' expecting '''`);
}

/**
 * Splits a SOQL statement into tokens. A string keeps `\%` and `\_` escaped so that LIKE can tell
 * a literal percent from a wildcard; other comparisons unescape them.
 */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < soql.length) {
    const ch = soql[pos];
    if (/\s/.test(ch)) {
      pos += 1;
      continue;
    }
    if (ch === "'") {
      const token = readString(soql, pos);
      tokens.push(token);
      pos += token.text.length;
      continue;
    }
    let matched = false;
    for (const [kind, re] of [['datetime', DATETIME], ['date', DATE], ['number', NUMBER]] as const) {
      const text = /[\d.+-]/.test(ch) ? matchAt(re, soql, pos) : undefined;
      if (text) {
        tokens.push({ kind, text, pos });
        pos += text.length;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const ident = matchAt(IDENT, soql, pos);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident, pos });
      pos += ident.length;
      continue;
    }
    const op = OPERATORS.find((o) => soql.startsWith(o, pos));
    if (op) {
      tokens.push({ kind: 'op', text: op, pos });
      pos += op.length;
      continue;
    }
    if ('(),:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, pos });
      pos += 1;
      continue;
    }
    throw malformed(soql, pos, `unexpected token: '${ch}'`);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', pos: soql.length });
  return tokens;
}
