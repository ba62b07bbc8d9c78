import type { CompareOp, Condition, FieldRef, Literal, OrderBy, SoqlQuery } from './ast';
import { malformed, tokenize, type Token } from './lexer';

const RESERVED = new Set([
  'and', 'asc', 'desc', 'excludes', 'first', 'from', 'group', 'having', 'in', 'includes', 'last', 'like',
  'limit', 'not', 'null', 'nulls', 'offset', 'or', 'order', 'select', 'where', 'with', 'by',
]);
const UNSUPPORTED_CLAUSES = new Set(['group', 'having', 'with', 'for', 'update', 'using', 'typeof']);
const MAX_OFFSET = 2000;

class Parser {
  private index = 0;

  constructor(
    private readonly soql: string,
    private readonly tokens: Token[],
  ) {}

  private get token(): Token {
    return this.tokens[this.index];
  }

  private fail(token: Token = this.token): never {
    throw malformed(this.soql, token.pos, `unexpected token: '${token.text}'`);
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.tokens[this.index + offset];
    return token.kind === 'ident' && token.text.toLowerCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.index += 1;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) this.fail();
  }

  private acceptPunct(text: string): boolean {
    if (this.token.kind !== 'punct' || this.token.text !== text) return false;
    this.index += 1;
    return true;
  }

  private expectPunct(text: string): void {
    if (!this.acceptPunct(text)) this.fail();
  }

  private field(): FieldRef {
    const token = this.token;
    if (token.kind !== 'ident' || RESERVED.has(token.text.toLowerCase())) this.fail();
    this.index += 1;
    return { name: token.text, pos: token.pos };
  }

  parse(): SoqlQuery {
    this.expectKeyword('select');
    const select = this.selectList();
    this.expectKeyword('from');
    const from = this.field();
    const query: SoqlQuery = { select, from, orderBy: [] };
    if (this.acceptKeyword('where')) query.where = this.orExpression();
    if (this.isKeyword('order')) {
      this.index += 1;
      this.expectKeyword('by');
      query.orderBy = this.orderByList();
    }
    if (this.acceptKeyword('limit')) query.limit = this.integer();
    if (this.isKeyword('offset')) {
      const token = this.tokens[this.index + 1];
      this.index += 1;
      query.offset = this.integer();
      if (query.offset > MAX_OFFSET) {
        throw malformed(this.soql, token.pos, `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
      }
    }
    if (this.token.kind !== 'eof') {
      if (this.token.kind === 'ident' && UNSUPPORTED_CLAUSES.has(this.token.text.toLowerCase())) {
        throw malformed(this.soql, this.token.pos, `'${this.token.text}' is not supported by this sandbox`);
      }
      this.fail();
    }
    return query;
  }

  private selectList(): FieldRef[] | 'count' {
    if (this.isKeyword('count') && this.tokens[this.index + 1].text === '(') {
      this.index += 2;
      this.expectPunct(')');
      return 'count';
    }
    const fields = [this.field()];
    while (this.acceptPunct(',')) fields.push(this.field());
    return fields;
  }

  private integer(): number {
    const token = this.token;
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) this.fail();
    this.index += 1;
    return Number(token.text);
  }

  private orderByList(): OrderBy[] {
    const items: OrderBy[] = [];
    do {
      const field = this.field();
      const descending = this.acceptKeyword('desc');
      if (!descending) this.acceptKeyword('asc');
      let nullsLast = descending;
      if (this.acceptKeyword('nulls')) {
        if (this.acceptKeyword('last')) nullsLast = true;
        else {
          this.expectKeyword('first');
          nullsLast = false;
        }
      }
      items.push({ field, descending, nullsLast });
    } while (this.acceptPunct(','));
    return items;
  }

  // A mix of AND and OR without parentheses is ambiguous in SOQL and rejected, as Salesforce does.
  private orExpression(): Condition {
    const first = this.unary();
    const operator = this.isKeyword('and') ? 'and' : this.isKeyword('or') ? 'or' : undefined;
    if (!operator) return first;
    let left = first;
    while (this.acceptKeyword(operator)) left = { kind: operator, left, right: this.unary() };
    if (this.isKeyword(operator === 'and' ? 'or' : 'and')) this.fail();
    return left;
  }

  private unary(): Condition {
    if (this.acceptKeyword('not')) return { kind: 'not', operand: this.unary() };
    if (this.acceptPunct('(')) {
      const inner = this.orExpression();
      this.expectPunct(')');
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Condition {
    const field = this.field();
    const token = this.token;
    if (token.kind === 'op') {
      this.index += 1;
      const op = (token.text === '<>' ? '!=' : token.text) as CompareOp;
      return { kind: 'compare', field, op, value: this.literal() };
    }
    if (this.acceptKeyword('like')) {
      const pattern = this.token;
      if (pattern.kind !== 'string') this.fail();
      this.index += 1;
      return { kind: 'like', field, pattern: pattern.value! };
    }
    const negated = this.acceptKeyword('not');
    if (this.acceptKeyword('in')) return { kind: 'in', field, negated, values: this.literalList() };
    if (!negated && (this.isKeyword('includes') || this.isKeyword('excludes'))) {
      const excludes = this.isKeyword('excludes');
      this.index += 1;
      const values = this.literalList().map((value) => (value.kind === 'string' ? value.value : this.fail()));
      return { kind: 'includes', field, negated: excludes, values };
    }
    return this.fail();
  }

  private literalList(): Literal[] {
    this.expectPunct('(');
    const values = [this.literal()];
    while (this.acceptPunct(',')) values.push(this.literal());
    this.expectPunct(')');
    return values;
  }

  private literal(): Literal {
    const token = this.token;
    this.index += 1;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value! };
      case 'number':
        return { kind: 'number', value: Number(token.text) };
      case 'date':
        return { kind: 'date', value: token.text };
      case 'datetime': {
        const value = Date.parse(token.text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        if (Number.isNaN(value)) this.fail(token);
        return { kind: 'datetime', value, text: token.text };
      }
      case 'ident': {
        const word = token.text.toLowerCase();
        if (word === 'null') return { kind: 'null' };
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
        return this.fail(token);
      }
      default:
        return this.fail(token);
    }
  }
}

/** Parses the subset of SOQL the sandbox serves; throws MALFORMED_QUERY like Salesforce. */
export function parseSoql(soql: string): SoqlQuery {
  return new Parser(soql, tokenize(soql)).parse();
}
