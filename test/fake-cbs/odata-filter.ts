/**
 * The OData `$filter` subset of the fake CBS server: `eq ne gt ge lt le`, `and or not`,
 * parentheses, `substring(Dim,start[,length])`, `trim`, `tolower`, `toupper`,
 * `startswith`, `endswith`, `substringof` (v3) and `contains` (v4). Every comparison
 * names exactly one dimension, so a filter compiles into a yes/no table per
 * dimension value: top-level `and` terms on one dimension narrow that dimension
 * (the cube is then walked as a product of the allowed values, in ID order); other
 * terms are checked per row.
 */

export class FilterError extends Error {}

type Operand =
  | { kind: 'prop'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'fn'; name: 'substring' | 'trim' | 'tolower' | 'toupper'; args: Operand[] };

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'const'; value: boolean }
  | { kind: 'atom'; dimension: string; test: (value: string) => boolean };

export interface FilterContext {
  /** Dimension keys that may be filtered on. */
  dimensions: readonly string[];
  /** Other properties of the entity (topics, ID): known, but not filterable in the fake. */
  otherProperties: readonly string[];
}

type Token = { type: 'word' | 'string' | 'number' | 'punct'; text: string; at: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: 'punct', text: c, at: i++ });
    } else if (c === "'") {
      const at = i++;
      let value = '';
      for (;;) {
        if (i >= input.length) throw new FilterError(`Syntax error: unterminated string literal at position ${at}.`);
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += input[i++];
      }
      tokens.push({ type: 'string', text: value, at });
    } else if (/[-\d]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(input.slice(i));
      if (!match) throw new FilterError(`Syntax error at position ${i}.`);
      tokens.push({ type: 'number', text: match[0], at: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i))!;
      tokens.push({ type: 'word', text: match[0], at: i });
      i += match[0].length;
    } else {
      throw new FilterError(`Syntax error: unexpected character '${c}' at position ${i}.`);
    }
  }
  return tokens;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const VALUE_FUNCTIONS = new Set(['substring', 'trim', 'tolower', 'toupper']);
const BOOLEAN_FUNCTIONS = new Set(['startswith', 'endswith', 'substringof', 'contains']);

/** Parses a `$filter` value; throws FilterError with a message like the real service's. */
export function parseFilter(input: string, context: FilterContext): FilterExpr {
  const tokens = tokenize(input);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => {
    const token = tokens[position++];
    if (!token) throw new FilterError('Syntax error: unexpected end of the filter expression.');
    return token;
  };
  const expect = (text: string) => {
    const token = next();
    if (token.text !== text) throw new FilterError(`Syntax error: '${text}' expected at position ${token.at}.`);
  };
  const isWord = (text: string) => peek()?.type === 'word' && peek()!.text === text;

  const parseOr = (): FilterExpr => {
    let left = parseAnd();
    while (isWord('or')) {
      position++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterExpr => {
    let left = parseUnary();
    while (isWord('and')) {
      position++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterExpr => {
    if (isWord('not')) {
      position++;
      return { kind: 'not', operand: parseUnary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): FilterExpr => {
    const token = peek();
    if (!token) throw new FilterError('Syntax error: unexpected end of the filter expression.');
    if (token.text === '(' && token.type === 'punct') {
      position++;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    if (token.type === 'word' && (token.text === 'true' || token.text === 'false')) {
      position++;
      return { kind: 'const', value: token.text === 'true' };
    }
    if (token.type === 'word' && BOOLEAN_FUNCTIONS.has(token.text) && tokens[position + 1]?.text === '(') {
      return withBooleanComparison(parseBooleanCall());
    }
    const left = parseOperand();
    const op = next();
    if (op.type !== 'word' || !COMPARISONS.has(op.text)) {
      throw new FilterError(`Syntax error: comparison operator expected at position ${op.at}.`);
    }
    return comparison(left, op.text, parseOperand());
  };
  const withBooleanComparison = (call: FilterExpr): FilterExpr => {
    if (!isWord('eq') && !isWord('ne')) return call;
    const negate = next().text === 'ne';
    const literal = next();
    if (literal.type !== 'word' || (literal.text !== 'true' && literal.text !== 'false')) {
      throw new FilterError(`Syntax error: true or false expected at position ${literal.at}.`);
    }
    return (literal.text === 'true') !== negate ? call : { kind: 'not', operand: call };
  };
  const parseBooleanCall = (): FilterExpr => {
    const name = next().text;
    expect('(');
    const first = parseOperand();
    expect(',');
    const second = parseOperand();
    expect(')');
    const [subject, needle] = name === 'substringof' ? [second, first] : [first, second];
    const { dimension, get } = accessor(subject, name);
    const text = literalString(needle, name);
    const test =
      name === 'startswith'
        ? (value: string) => get(value).startsWith(text)
        : name === 'endswith'
          ? (value: string) => get(value).endsWith(text)
          : (value: string) => get(value).includes(text);
    return { kind: 'atom', dimension, test };
  };
  const parseOperand = (): Operand => {
    const token = next();
    if (token.type === 'string') return { kind: 'string', value: token.text };
    if (token.type === 'number') return { kind: 'number', value: Number(token.text) };
    if (token.type !== 'word') throw new FilterError(`Syntax error: operand expected at position ${token.at}.`);
    if (VALUE_FUNCTIONS.has(token.text) && peek()?.text === '(') {
      position++;
      const args: Operand[] = [parseOperand()];
      while (peek()?.text === ',') {
        position++;
        args.push(parseOperand());
      }
      expect(')');
      return { kind: 'fn', name: token.text as 'substring', args };
    }
    return { kind: 'prop', name: token.text };
  };

  const accessor = (operand: Operand, where: string): { dimension: string; get: (value: string) => string } => {
    if (operand.kind === 'prop') {
      if (!context.dimensions.includes(operand.name)) {
        if (context.otherProperties.includes(operand.name)) {
          throw new FilterError(`The fake CBS server filters on dimensions only, not on '${operand.name}'.`);
        }
        throw new FilterError(`Could not find a property named '${operand.name}' on type 'Cbs.OData.WebAPI.TypedDataSet'.`);
      }
      return { dimension: operand.name, get: (value) => value };
    }
    if (operand.kind === 'fn') {
      const [subject, ...rest] = operand.args;
      if (!subject) throw new FilterError(`${operand.name}() needs an argument.`);
      const inner = accessor(subject, operand.name);
      if (operand.name === 'substring') {
        const [start, length] = rest.map((arg) => {
          if (arg.kind !== 'number' || !Number.isInteger(arg.value) || arg.value < 0) {
            throw new FilterError('substring() takes a property and one or two non-negative whole numbers.');
          }
          return arg.value;
        });
        if (start === undefined || rest.length > 2) throw new FilterError('substring() takes a property and one or two numbers.');
        return {
          dimension: inner.dimension,
          get: (value) => {
            const text = inner.get(value);
            return length === undefined ? text.slice(start) : text.slice(start, start + length);
          },
        };
      }
      if (rest.length > 0) throw new FilterError(`${operand.name}() takes one argument.`);
      const transform =
        operand.name === 'trim'
          ? (text: string) => text.trim()
          : operand.name === 'tolower'
            ? (text: string) => text.toLowerCase()
            : (text: string) => text.toUpperCase();
      return { dimension: inner.dimension, get: (value) => transform(inner.get(value)) };
    }
    throw new FilterError(`${where}: a dimension (or a function of one) is expected, not a literal.`);
  };
  const literalString = (operand: Operand, where: string): string => {
    if (operand.kind === 'string') return operand.value;
    if (operand.kind === 'number') throw new FilterError(`${where}: operand types Edm.String and Edm.Int32 are not compatible.`);
    throw new FilterError(`${where}: the fake CBS server compares a dimension with a string literal only.`);
  };
  const comparison = (left: Operand, op: string, right: Operand): FilterExpr => {
    const flipped = left.kind === 'string' || left.kind === 'number';
    const [subject, literal] = flipped ? [right, left] : [left, right];
    const { dimension, get } = accessor(subject, op);
    const text = literalString(literal, op);
    const actualOp = flipped ? (({ gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' } as Record<string, string>)[op] ?? op) : op;
    const tests: Record<string, (value: string) => boolean> = {
      eq: (value) => get(value) === text,
      ne: (value) => get(value) !== text,
      gt: (value) => get(value) > text,
      ge: (value) => get(value) >= text,
      lt: (value) => get(value) < text,
      le: (value) => get(value) <= text,
    };
    return { kind: 'atom', dimension, test: tests[actualOp]! };
  };

  if (tokens.length === 0) throw new FilterError('Syntax error: empty $filter.');
  const expr = parseOr();
  if (position < tokens.length) throw new FilterError(`Syntax error at position ${tokens[position]!.at}: '${tokens[position]!.text}'.`);
  return expr;
}

function dimensionsIn(expr: FilterExpr, into = new Set<string>()): Set<string> {
  if (expr.kind === 'atom') into.add(expr.dimension);
  else if (expr.kind === 'not') dimensionsIn(expr.operand, into);
  else if (expr.kind === 'and' || expr.kind === 'or') {
    dimensionsIn(expr.left, into);
    dimensionsIn(expr.right, into);
  }
  return into;
}

function evaluate(expr: FilterExpr, codeOf: (dimension: string) => string): boolean {
  switch (expr.kind) {
    case 'atom':
      return expr.test(codeOf(expr.dimension));
    case 'const':
      return expr.value;
    case 'not':
      return !evaluate(expr.operand, codeOf);
    case 'and':
      return evaluate(expr.left, codeOf) && evaluate(expr.right, codeOf);
    case 'or':
      return evaluate(expr.left, codeOf) || evaluate(expr.right, codeOf);
  }
}

export interface FilterPlan {
  /** Per dimension: the allowed value indices in ascending order, or null when all are allowed. */
  allowed: (Int32Array | null)[];
  /** Terms that span several dimensions, checked per row; null when there are none. */
  residual: ((index: ArrayLike<number>) => boolean) | null;
}

/** Turns a parsed filter into per-dimension allowed lists plus an optional per-row check. */
export function planFilter(expr: FilterExpr | null, dimensions: readonly { key: string; values: readonly string[] }[]): FilterPlan {
  const allowed: (Int32Array | null)[] = dimensions.map(() => null);
  if (!expr) return { allowed, residual: null };
  const position = new Map(dimensions.map((dimension, index) => [dimension.key, index]));
  const conjuncts: FilterExpr[] = [];
  const flatten = (e: FilterExpr) => {
    if (e.kind === 'and') {
      flatten(e.left);
      flatten(e.right);
    } else conjuncts.push(e);
  };
  flatten(expr);

  const residuals: ((index: ArrayLike<number>) => boolean)[] = [];
  for (const conjunct of conjuncts) {
    const used = [...dimensionsIn(conjunct)];
    if (used.length === 0) {
      if (!evaluate(conjunct, () => '')) return { allowed: dimensions.map(() => new Int32Array(0)), residual: null };
    } else if (used.length === 1) {
      const d = position.get(used[0]!)!;
      const values = dimensions[d]!.values;
      const previous = allowed[d];
      const candidates = previous ?? Int32Array.from(values.keys());
      allowed[d] = candidates.filter((i) => evaluate(conjunct, () => values[i]!));
    } else {
      residuals.push(compile(conjunct, dimensions, position));
    }
  }
  const residual = residuals.length === 0 ? null : (index: ArrayLike<number>) => residuals.every((check) => check(index));
  return { allowed, residual };
}

/** Compiles a multi-dimension term: each atom becomes a lookup in a yes/no table over its dimension's values. */
function compile(
  expr: FilterExpr,
  dimensions: readonly { key: string; values: readonly string[] }[],
  position: Map<string, number>,
): (index: ArrayLike<number>) => boolean {
  switch (expr.kind) {
    case 'atom': {
      const d = position.get(expr.dimension)!;
      const table = Uint8Array.from(dimensions[d]!.values, (value) => (expr.test(value) ? 1 : 0));
      return (index) => table[index[d]!] === 1;
    }
    case 'const':
      return () => expr.value;
    case 'not': {
      const inner = compile(expr.operand, dimensions, position);
      return (index) => !inner(index);
    }
    case 'and': {
      const [left, right] = [compile(expr.left, dimensions, position), compile(expr.right, dimensions, position)];
      return (index) => left(index) && right(index);
    }
    case 'or': {
      const [left, right] = [compile(expr.left, dimensions, position), compile(expr.right, dimensions, position)];
      return (index) => left(index) || right(index);
    }
  }
}
