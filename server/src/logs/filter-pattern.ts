/**
 * CloudWatch Logs filter patterns (FilterLogEvents `filterPattern`), compiled once per call into a
 * predicate on an event's message. Two forms, as CloudWatch Logs reads them:
 *
 * - Terms: `ERROR` (the message contains it; case-sensitive), `"Connection timed out"` (a quoted
 *   phrase), `%regex%` (a regular expression), `?ERROR ?WARN` (any of the `?` terms), `-DEBUG`
 *   (must not contain it). Plain terms must all match, excluded ones none, and when `?` terms are
 *   given at least one of them.
 * - JSON: `{ $.level = "error" }`, `{ $.latency >= 100 && ($.code != 200 || $.retry IS TRUE) }`:
 *   the message is parsed as JSON; selectors are `$.a.b[0]`; `=`/`!=` compare strings (with `*`
 *   as a wildcard) or numbers, `<`, `<=`, `>`, `>=` numbers; `IS TRUE|FALSE|NULL`, `NOT EXISTS`.
 *   A message that is not a JSON object never matches.
 *
 * An empty pattern matches everything. Anything else (an unclosed quote or brace, a selector
 * without `$`, an operator without a value, space-delimited `[...]` patterns, which this server
 * does not evaluate) is an InvalidParameterException, as CloudWatch answers a bad pattern.
 */
import { logsErrors as errors } from '../errors.js'

/** A compiled pattern: true when the message matches. */
export type MessageFilter = (message: string) => boolean

const invalid = (pattern: string, why: string) =>
  errors.invalidParameter(`Invalid filter pattern '${pattern}': ${why}.`)

/** Compiles `pattern`; throws InvalidParameterException when it is malformed. */
export function compileFilterPattern(pattern: string | undefined): MessageFilter {
  const text = (pattern ?? '').trim()
  if (text === '') return () => true
  if (text.startsWith('{')) return compileJsonPattern(text)
  if (text.startsWith('[')) throw invalid(text, 'space-delimited patterns are not supported')
  return compileTermPattern(text)
}

// ---- terms ---------------------------------------------------------------------------------

interface Term {
  readonly kind: 'all' | 'any' | 'none'
  readonly test: MessageFilter
}

function compileTermPattern(pattern: string): MessageFilter {
  const terms = readTerms(pattern)
  const all = terms.filter(t => t.kind === 'all').map(t => t.test)
  const any = terms.filter(t => t.kind === 'any').map(t => t.test)
  const none = terms.filter(t => t.kind === 'none').map(t => t.test)
  return message =>
    all.every(test => test(message)) &&
    !none.some(test => test(message)) &&
    (any.length === 0 || any.some(test => test(message)))
}

function readTerms(pattern: string): Term[] {
  const terms: Term[] = []
  let i = 0
  while (i < pattern.length) {
    if (/\s/.test(pattern.charAt(i))) {
      i += 1
      continue
    }
    let kind: Term['kind'] = 'all'
    if (pattern[i] === '?' || pattern[i] === '-') {
      kind = pattern[i] === '?' ? 'any' : 'none'
      i += 1
    }
    const start = pattern.charAt(i)
    if (start === '"' || start === '%') {
      const end = pattern.indexOf(start, i + 1)
      if (end < 0) throw invalid(pattern, `unclosed ${start}`)
      const body = pattern.slice(i + 1, end)
      i = end + 1
      terms.push({ kind, test: start === '"' ? contains(body) : regexTest(pattern, body) })
      continue
    }
    let end = i
    while (end < pattern.length && !/\s/.test(pattern.charAt(end))) end += 1
    const word = pattern.slice(i, end)
    if (word === '') throw invalid(pattern, `${kind === 'any' ? '?' : '-'} without a term`)
    if (/["{}[\]]/.test(word)) throw invalid(pattern, `unexpected character in ${word}`)
    terms.push({ kind, test: contains(word) })
    i = end
  }
  return terms
}

const contains =
  (needle: string): MessageFilter =>
  message =>
    message.includes(needle)

function regexTest(pattern: string, source: string): MessageFilter {
  let regex: RegExp
  try {
    regex = new RegExp(source)
  } catch {
    throw invalid(pattern, `bad regular expression %${source}%`)
  }
  return message => regex.test(message)
}

// ---- JSON ----------------------------------------------------------------------------------

type Token =
  | { readonly t: 'punct'; readonly v: string }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'word'; readonly v: string }

type Predicate = (document: unknown) => boolean

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < pattern.length) {
    const c = pattern.charAt(i)
    if (/\s/.test(c)) {
      i += 1
      continue
    }
    const two = pattern.slice(i, i + 2)
    if (['&&', '||', '!=', '<=', '>='].includes(two)) {
      tokens.push({ t: 'punct', v: two })
      i += 2
    } else if ('{}()=<>'.includes(c)) {
      tokens.push({ t: 'punct', v: c })
      i += 1
    } else if (c === '"') {
      const end = pattern.indexOf('"', i + 1)
      if (end < 0) throw invalid(pattern, 'unclosed "')
      tokens.push({ t: 'string', v: pattern.slice(i + 1, end) })
      i = end + 1
    } else {
      let end = i
      while (end < pattern.length && !/[\s{}()=<>!&|"]/.test(pattern.charAt(end))) end += 1
      if (end === i) throw invalid(pattern, `unexpected ${c}`)
      tokens.push({ t: 'word', v: pattern.slice(i, end) })
      i = end
    }
  }
  return tokens
}

/** Recursive descent over: `{ or }`, or = and ('||' and)*, and = primary ('&&' primary)*. */
class JsonPatternParser {
  readonly #pattern: string
  readonly #tokens: Token[]
  #at = 0

  constructor(pattern: string) {
    this.#pattern = pattern
    this.#tokens = tokenize(pattern)
  }

  parse(): Predicate {
    this.#expect('{')
    const predicate = this.#or()
    this.#expect('}')
    if (this.#at < this.#tokens.length) throw invalid(this.#pattern, 'text after the closing }')
    return predicate
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#at]
  }

  #next(what: string): Token {
    const token = this.#tokens[this.#at]
    if (!token) throw invalid(this.#pattern, `${what} expected at the end`)
    this.#at += 1
    return token
  }

  #expect(punct: string): void {
    const token = this.#next(`'${punct}'`)
    if (token.t !== 'punct' || token.v !== punct)
      throw invalid(this.#pattern, `'${punct}' expected, found '${token.v}'`)
  }

  #isPunct(v: string): boolean {
    const token = this.#peek()
    return token?.t === 'punct' && token.v === v
  }

  #or(): Predicate {
    const parts = [this.#and()]
    while (this.#isPunct('||')) {
      this.#at += 1
      parts.push(this.#and())
    }
    return parts.length === 1 && parts[0] ? parts[0] : doc => parts.some(p => p(doc))
  }

  #and(): Predicate {
    const parts = [this.#primary()]
    while (this.#isPunct('&&')) {
      this.#at += 1
      parts.push(this.#primary())
    }
    return parts.length === 1 && parts[0] ? parts[0] : doc => parts.every(p => p(doc))
  }

  #primary(): Predicate {
    if (this.#isPunct('(')) {
      this.#at += 1
      const inner = this.#or()
      this.#expect(')')
      return inner
    }
    const selector = this.#next('a selector')
    if (selector.t !== 'word' || !selector.v.startsWith('$'))
      throw invalid(this.#pattern, `a selector ($.field) expected, found '${selector.v}'`)
    const path = parseSelector(this.#pattern, selector.v)
    const operator = this.#next('an operator')
    if (operator.t === 'word') return this.#keywordTest(path, operator.v)
    if (operator.t !== 'punct' || !['=', '!=', '<', '<=', '>', '>='].includes(operator.v))
      throw invalid(this.#pattern, `an operator expected after ${selector.v}`)
    const value = this.#next('a value')
    if (value.t === 'punct') throw invalid(this.#pattern, `a value expected after ${operator.v}`)
    return comparison(this.#pattern, path, operator.v, value)
  }

  #keywordTest(path: readonly (string | number)[], keyword: string): Predicate {
    if (keyword === 'NOT') {
      const exists = this.#next('EXISTS')
      if (exists.v !== 'EXISTS') throw invalid(this.#pattern, 'NOT EXISTS expected')
      return doc => select(doc, path) === undefined
    }
    if (keyword !== 'IS') throw invalid(this.#pattern, `unknown operator ${keyword}`)
    const what = this.#next('TRUE, FALSE or NULL').v
    if (what === 'TRUE') return doc => select(doc, path) === true
    if (what === 'FALSE') return doc => select(doc, path) === false
    if (what === 'NULL') return doc => select(doc, path) === null
    throw invalid(this.#pattern, `IS ${what}: TRUE, FALSE or NULL expected`)
  }
}

/** `$.a.b[0].c` as a path of keys and indexes. */
function parseSelector(pattern: string, selector: string): (string | number)[] {
  const path: (string | number)[] = []
  const re = /\.([A-Za-z0-9_\-@]+)|\[(\d+)\]/y
  re.lastIndex = 1
  while (re.lastIndex < selector.length) {
    const match = re.exec(selector)
    if (!match) throw invalid(pattern, `bad selector ${selector}`)
    path.push(match[1] ?? Number(match[2]))
  }
  if (path.length === 0) throw invalid(pattern, `bad selector ${selector}`)
  return path
}

function select(document: unknown, path: readonly (string | number)[]): unknown {
  let value = document
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(value)) return undefined
      value = value[key] as unknown
    } else {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
      value = (value as Record<string, unknown>)[key]
    }
  }
  return value
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/

function comparison(
  pattern: string,
  path: readonly (string | number)[],
  operator: string,
  value: Token,
): Predicate {
  const numeric = value.t === 'word' && NUMBER.test(value.v)
  if (!numeric && !['=', '!='].includes(operator))
    throw invalid(pattern, `${operator} needs a number, found '${value.v}'`)
  if (numeric) {
    const wanted = Number(value.v)
    const holds = numericOperator(operator)
    return doc => {
      const found = select(doc, path)
      return typeof found === 'number' && holds(found, wanted)
    }
  }
  const regex = wildcard(value.v)
  const equal = (found: unknown) =>
    (typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean') &&
    regex.test(String(found))
  return operator === '='
    ? doc => equal(select(doc, path))
    : doc => {
        const found = select(doc, path)
        return found !== undefined && !equal(found)
      }
}

function numericOperator(operator: string): (a: number, b: number) => boolean {
  switch (operator) {
    case '=':
      return (a, b) => a === b
    case '!=':
      return (a, b) => a !== b
    case '<':
      return (a, b) => a < b
    case '<=':
      return (a, b) => a <= b
    case '>':
      return (a, b) => a > b
    default:
      return (a, b) => a >= b
  }
}

/** A string value where `*` matches any run of characters. */
const wildcard = (value: string): RegExp =>
  new RegExp(`^${value.split('*').map(escapeRegex).join('.*')}$`, 's')

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function compileJsonPattern(pattern: string): MessageFilter {
  const predicate = new JsonPatternParser(pattern).parse()
  return message => {
    if (!message.trimStart().startsWith('{')) return false
    let document: unknown
    try {
      document = JSON.parse(message)
    } catch {
      return false // not JSON: a JSON pattern does not match it
    }
    return predicate(document)
  }
}
