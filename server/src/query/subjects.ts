import type { Comparison, Expression, FieldSubject, Operator, QueryResult, Subject } from './ast.js'
import { translateJavaRegex } from './java-regex.js'
import { queryError, type Token } from './tokenizer.js'
import { parseCount, parseQueryTime, parseVersion } from './values.js'

/*
 * What each subject accepts: operator spellings, the operators valid per subject (ECS's table),
 * and the argument forms of the typed fields. The parser asks; the evaluator relies on the answers.
 */

const OPERATORS: ReadonlyMap<string, Operator> = new Map(
  Object.entries({
    '==': 'equals',
    equals: 'equals',
    '!=': 'not_equals',
    not_equals: 'not_equals',
    '>': 'greater_than',
    greater_than: 'greater_than',
    '>=': 'greater_than_equal',
    greater_than_equal: 'greater_than_equal',
    '<': 'less_than',
    less_than: 'less_than',
    '<=': 'less_than_equal',
    less_than_equal: 'less_than_equal',
    exists: 'exists',
    '!exists': 'not_exists',
    not_exists: 'not_exists',
    in: 'in',
    '!in': 'not_in',
    not_in: 'not_in',
    '=~': 'matches',
    matches: 'matches',
    '!~': 'not_matches',
    not_matches: 'not_matches',
  } satisfies Record<string, Operator>),
)

const EQUALITY: readonly Operator[] = ['equals', 'not_equals']
const ORDERING: readonly Operator[] = [
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
]
const MEMBERSHIP: readonly Operator[] = ['in', 'not_in']
const MATCHING: readonly Operator[] = ['matches', 'not_matches']
const EXISTENCE: readonly Operator[] = ['exists', 'not_exists']

/** Operators each field accepts (ECS's table; `task:group` has none there, we allow the set-like ones). */
const VALID_OPERATORS: Readonly<Record<FieldSubject | 'attribute', readonly Operator[]>> = {
  agentConnected: [...EQUALITY, ...MEMBERSHIP, ...MATCHING],
  ec2InstanceId: [...EQUALITY, ...MEMBERSHIP, ...MATCHING],
  agentVersion: [...EQUALITY, ...ORDERING],
  registeredAt: [...EQUALITY, ...ORDERING],
  runningTasksCount: [...EQUALITY, ...ORDERING],
  'task:group': [...EQUALITY, ...MEMBERSHIP, ...MATCHING, ...EXISTENCE],
  attribute: [...EQUALITY, ...ORDERING, ...EXISTENCE, ...MEMBERSHIP, ...MATCHING],
}

const SYMBOL_OF: Readonly<Partial<Record<Operator, string>>> = Object.fromEntries(
  [...OPERATORS]
    .filter(([spelling]) => !/^[a-z_]+$/.test(spelling))
    .map(([spelling, op]) => [op, spelling]),
)

/** What a value of each typed field must look like, for the error message. */
const VALUE_CHECKS: Readonly<Partial<Record<FieldSubject, [(text: string) => boolean, string]>>> = {
  agentConnected: [text => /^(true|false)$/i.test(text), 'true or false'],
  agentVersion: [text => parseVersion(text) !== undefined, 'a version such as 1.14.5'],
  registeredAt: [
    text => parseQueryTime(text) !== undefined,
    'a date such as 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18',
  ],
  runningTasksCount: [text => parseCount(text) !== undefined, 'a whole number'],
}

const FIELDS: ReadonlySet<string> = new Set<string>(
  Object.keys(VALID_OPERATORS).filter(k => k !== 'attribute'),
)

/** The operator a spelling (`==`, `equals`, `!exists`, ...; lower case) stands for. */
export function operatorFor(spelling: string): Operator | undefined {
  return OPERATORS.get(spelling)
}

/** Whether `text` names one of the fixed subjects (everything but `attribute:<name>`). */
export function isField(text: string): boolean {
  return FIELDS.has(text)
}

/** The operators a subject accepts. */
export function operatorsFor(subject: Subject): readonly Operator[] {
  return VALID_OPERATORS[subject.startsWith('attribute:') ? 'attribute' : (subject as FieldSubject)]
}

/** `== (equals), in, ...`: each operator with its symbol spelling where it has one. */
export function describeOperators(operators: readonly Operator[]): string {
  return operators
    .map(op => (SYMBOL_OF[op] === undefined ? op : `${SYMBOL_OF[op]} (${op})`))
    .join(', ')
}

/**
 * Refuses arguments a typed field can never equal (`agentVersion < soon`), and translates and
 * compiles `matches` patterns once, at parse time, so evaluation cannot fail.
 */
export function checkArgument(
  comparison: Comparison,
  tokens: readonly Token[],
): QueryResult<Expression> {
  if (comparison.operator === 'matches' || comparison.operator === 'not_matches') {
    const token = tokens[0] as Token
    const translated = translateJavaRegex(token.text)
    if (!translated.ok)
      return queryError(
        token.position,
        `invalid regular expression "${token.text}": ${translated.reason}`,
      )
    try {
      new RegExp(translated.source, translated.flags)
    } catch (error) {
      // The translation is only lexical; JavaScript's own compiler has the last word.
      // Drop V8's echo of the translated source; the user wrote the Java pattern.
      const reason = (error as SyntaxError).message.replace(
        /^Invalid regular expression: \/.*\/[a-z]*: /,
        '',
      )
      return queryError(token.position, `invalid regular expression "${token.text}": ${reason}`)
    }
    return {
      ok: true,
      value: { ...comparison, pattern: translated.source, flags: translated.flags },
    }
  }
  const check = VALUE_CHECKS[comparison.subject as FieldSubject]
  if (check) {
    const [accepts, expected] = check
    const bad = tokens.find(token => !accepts(token.text))
    if (bad)
      return queryError(
        bad.position,
        `"${bad.text}" is not a valid ${comparison.subject}; expected ${expected}`,
      )
  }
  return { ok: true, value: comparison }
}
