import t from 'tap'
import type { Comparison, Expression, Operator, Subject } from '../../src/query/index.js'
import { MAX_EXPRESSION_LENGTH, parseQuery } from '../../src/query/index.js'

const cmp = (subject: Subject, operator: Operator, ...values: string[]): Comparison => ({
  type: 'comparison',
  subject,
  operator,
  values,
})
const re = (
  subject: Subject,
  operator: Operator,
  value: string,
  pattern: string,
  flags = '',
): Comparison => ({
  ...cmp(subject, operator, value),
  pattern,
  flags,
})
const and = (left: Expression, right: Expression): Expression => ({ type: 'and', left, right })
const or = (left: Expression, right: Expression): Expression => ({ type: 'or', left, right })
const not = (operand: Expression): Expression => ({ type: 'not', operand })

const A = cmp('attribute:a', 'exists')
const B = cmp('attribute:b', 'exists')
const C = cmp('attribute:c', 'exists')

const parses: [string, { given: string; want: Expression }][] = [
  // every operator spelling
  ['== ', { given: 'attribute:x == v', want: cmp('attribute:x', 'equals', 'v') }],
  ['equals', { given: 'attribute:x equals v', want: cmp('attribute:x', 'equals', 'v') }],
  ['!=', { given: 'attribute:x != v', want: cmp('attribute:x', 'not_equals', 'v') }],
  [
    'not_equals',
    { given: 'attribute:x not_equals v', want: cmp('attribute:x', 'not_equals', 'v') },
  ],
  ['>', { given: 'runningTasksCount > 1', want: cmp('runningTasksCount', 'greater_than', '1') }],
  [
    'greater_than',
    {
      given: 'runningTasksCount greater_than 1',
      want: cmp('runningTasksCount', 'greater_than', '1'),
    },
  ],
  ['>=', { given: 'agentVersion >= 1.2', want: cmp('agentVersion', 'greater_than_equal', '1.2') }],
  [
    'greater_than_equal',
    {
      given: 'agentVersion greater_than_equal 1.2',
      want: cmp('agentVersion', 'greater_than_equal', '1.2'),
    },
  ],
  [
    '<',
    { given: 'registeredAt < 2018-02-13', want: cmp('registeredAt', 'less_than', '2018-02-13') },
  ],
  [
    'less_than',
    {
      given: 'registeredAt less_than 2018-02-13',
      want: cmp('registeredAt', 'less_than', '2018-02-13'),
    },
  ],
  [
    '<=',
    { given: 'runningTasksCount <= 0', want: cmp('runningTasksCount', 'less_than_equal', '0') },
  ],
  [
    'less_than_equal',
    {
      given: 'runningTasksCount less_than_equal 0',
      want: cmp('runningTasksCount', 'less_than_equal', '0'),
    },
  ],
  ['exists', { given: 'attribute:a exists', want: A }],
  ['!exists', { given: 'attribute:a !exists', want: cmp('attribute:a', 'not_exists') }],
  ['not_exists', { given: 'attribute:a not_exists', want: cmp('attribute:a', 'not_exists') }],
  ['in', { given: 'ec2InstanceId in [i-1, i-2]', want: cmp('ec2InstanceId', 'in', 'i-1', 'i-2') }],
  ['!in', { given: 'ec2InstanceId !in [i-1]', want: cmp('ec2InstanceId', 'not_in', 'i-1') }],
  ['not_in', { given: 'ec2InstanceId not_in [i-1]', want: cmp('ec2InstanceId', 'not_in', 'i-1') }],
  [
    '=~',
    {
      given: 'attribute:ecs.instance-type =~ t2.*',
      want: re('attribute:ecs.instance-type', 'matches', 't2.*', '^(?:t2.*)$'),
    },
  ],
  [
    'matches',
    {
      given: 'ec2InstanceId matches i-.*',
      want: re('ec2InstanceId', 'matches', 'i-.*', '^(?:i-.*)$'),
    },
  ],
  [
    '!~',
    {
      given: 'agentConnected !~ t.*',
      want: re('agentConnected', 'not_matches', 't.*', '^(?:t.*)$'),
    },
  ],
  [
    'not_matches',
    {
      given: "task:group not_matches 'service:.*'",
      want: re('task:group', 'not_matches', 'service:.*', '^(?:service:.*)$'),
    },
  ],
  [
    'word operators ignore case',
    { given: 'attribute:x EQUALS v', want: cmp('attribute:x', 'equals', 'v') },
  ],
  ['symbols need no spaces', { given: 'attribute:x==v', want: cmp('attribute:x', 'equals', 'v') }],
  // subjects and values
  [
    'agentConnected',
    { given: 'agentConnected == TRUE', want: cmp('agentConnected', 'equals', 'TRUE') },
  ],
  [
    'task:group',
    {
      given: 'task:group == service:production',
      want: cmp('task:group', 'equals', 'service:production'),
    },
  ],
  ['task:group exists', { given: 'task:group exists', want: cmp('task:group', 'exists') }],
  [
    'registeredAt with offset',
    {
      given: 'registeredAt >= 2018-06-18T22:28:28+00:00',
      want: cmp('registeredAt', 'greater_than_equal', '2018-06-18T22:28:28+00:00'),
    },
  ],
  [
    'registeredAt with Z',
    {
      given: 'registeredAt == 2018-06-18T22:28:28Z',
      want: cmp('registeredAt', 'equals', '2018-06-18T22:28:28Z'),
    },
  ],
  [
    'registeredAt no zone',
    {
      given: 'registeredAt != 2018-06-18T22:28:28',
      want: cmp('registeredAt', 'not_equals', '2018-06-18T22:28:28'),
    },
  ],
  [
    'bare values keep . - _ : / *',
    { given: 'attribute:p == a.b-c_d:e/f*', want: cmp('attribute:p', 'equals', 'a.b-c_d:e/f*') },
  ],
  [
    'single quotes',
    { given: "attribute:x == 'two words'", want: cmp('attribute:x', 'equals', 'two words') },
  ],
  [
    'double quotes',
    { given: 'attribute:x == "it\'s"', want: cmp('attribute:x', 'equals', "it's") },
  ],
  ['quoted empty value', { given: "attribute:x == ''", want: cmp('attribute:x', 'equals', '') }],
  [
    'keyword as a value',
    { given: 'attribute:x == and', want: cmp('attribute:x', 'equals', 'and') },
  ],
  [
    'quoted list',
    {
      given: 'attribute:ecs.availability-zone in [\'us-east-1a\', "us-east-1b", c]',
      want: cmp('attribute:ecs.availability-zone', 'in', 'us-east-1a', 'us-east-1b', 'c'),
    },
  ],
  [
    'list without spaces',
    { given: 'attribute:z in [a,b]', want: cmp('attribute:z', 'in', 'a', 'b') },
  ],
  // compound expressions, precedence and grouping
  ['and', { given: 'attribute:a exists and attribute:b exists', want: and(A, B) }],
  ['&&', { given: 'attribute:a exists && attribute:b exists', want: and(A, B) }],
  ['or', { given: 'attribute:a exists or attribute:b exists', want: or(A, B) }],
  ['||', { given: 'attribute:a exists || attribute:b exists', want: or(A, B) }],
  ['not', { given: 'not attribute:a exists', want: not(A) }],
  ['!', { given: '!attribute:a exists', want: not(A) }],
  [
    'keywords ignore case',
    { given: 'NOT attribute:a exists AND attribute:b exists', want: and(not(A), B) },
  ],
  [
    'and binds tighter than or',
    {
      given: 'attribute:a exists or attribute:b exists and attribute:c exists',
      want: or(A, and(B, C)),
    },
  ],
  [
    'and before or on the left',
    {
      given: 'attribute:a exists and attribute:b exists or attribute:c exists',
      want: or(and(A, B), C),
    },
  ],
  [
    'not binds tighter than and',
    { given: 'not attribute:a exists and attribute:b exists', want: and(not(A), B) },
  ],
  [
    'left associative',
    {
      given: 'attribute:a exists or attribute:b exists or attribute:c exists',
      want: or(or(A, B), C),
    },
  ],
  [
    'parentheses group',
    {
      given: '(attribute:a exists or attribute:b exists) and attribute:c exists',
      want: and(or(A, B), C),
    },
  ],
  [
    'not(...) without a space',
    { given: 'not(task:group == database)', want: not(cmp('task:group', 'equals', 'database')) },
  ],
  ['!(...)', { given: '!(attribute:a exists)', want: not(A) }],
  ['double negation', { given: 'not not attribute:a exists', want: not(not(A)) }],
  ['nested parentheses', { given: '((attribute:a exists))', want: A }],
  [
    'ECS compound example',
    {
      given:
        'attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d',
      want: and(
        re('attribute:ecs.instance-type', 'matches', 'g2.*', '^(?:g2.*)$'),
        cmp('attribute:ecs.availability-zone', 'not_equals', 'us-east-1d'),
      ),
    },
  ],
  [
    'regex flags carried',
    {
      given: "attribute:x =~ '(?i)abc'",
      want: re('attribute:x', 'matches', '(?i)abc', '^(?:abc)$', 'i'),
    },
  ],
  ['surrounding whitespace', { given: '  \tattribute:a exists \n', want: A }],
]

t.test('parses', t => {
  for (const [name, { given, want }] of parses) {
    t.same(parseQuery(given), { ok: true, value: want }, name)
  }
  t.end()
})

const errors: [string, { given: string; want: string }][] = [
  ['empty', { given: '', want: 'at 1: expected a subject, found the end of the expression' }],
  [
    'only spaces',
    { given: '   ', want: 'at 4: expected a subject, found the end of the expression' },
  ],
  [
    'no operator',
    {
      given: 'attribute:ecs.instance-type',
      want: 'at 28: expected an operator after "attribute:ecs.instance-type", found the end of the expression',
    },
  ],
  [
    'unknown operator',
    {
      given: 'attribute:x like v',
      want: 'at 13: expected an operator after "attribute:x", found "like"',
    },
  ],
  [
    'quoted operator',
    {
      given: 'attribute:x "==" v',
      want: 'at 13: expected an operator after "attribute:x", found "=="',
    },
  ],
  [
    '! then space is not !exists',
    {
      given: 'attribute:x ! exists',
      want: 'at 13: expected an operator after "attribute:x", found "!"',
    },
  ],
  [
    '!bogus',
    {
      given: 'attribute:x !bogus',
      want: 'at 13: expected an operator after "attribute:x", found "!"',
    },
  ],
  [
    'unknown subject',
    {
      given: 'instanceType == t2',
      want:
        'at 1: unknown subject "instanceType"; expected agentConnected, agentVersion, attribute:<name>, ' +
        'ec2InstanceId, registeredAt, runningTasksCount or task:group',
    },
  ],
  [
    'subject is case-sensitive',
    { given: 'agentconnected == true', want: 'at 1: unknown subject "agentconnected"' },
  ],
  [
    'attribute without name',
    { given: 'attribute: exists', want: 'at 1: expected an attribute name after "attribute:"' },
  ],
  [
    'quoted subject',
    { given: "'attribute:x' exists", want: 'at 1: expected a subject, found "attribute:x"' },
  ],
  [
    'missing value',
    {
      given: 'attribute:x ==',
      want: 'at 15: expected a value after "==", found the end of the expression',
    },
  ],
  [
    'parenthesised value',
    { given: 'attribute:x == (a)', want: 'at 16: expected a value after "==", found "("' },
  ],
  [
    'in without list',
    {
      given: 'attribute:x in a',
      want: 'at 16: expected a list such as [a, b] after "in", found "a"',
    },
  ],
  [
    '!in without list',
    {
      given: 'attribute:x !in a',
      want: 'at 17: expected a list such as [a, b] after "!in", found "a"',
    },
  ],
  [
    'empty list',
    { given: 'attribute:x in []', want: 'at 17: expected a value after "[", found "]"' },
  ],
  [
    'list missing item',
    { given: 'attribute:x in [a,]', want: 'at 19: expected a value after ",", found "]"' },
  ],
  [
    'unclosed list',
    { given: 'attribute:x in [a b]', want: 'at 19: expected "," or "]" in the list, found "b"' },
  ],
  [
    'list at end',
    {
      given: 'attribute:x in [a',
      want: 'at 18: expected "," or "]" in the list, found the end of the expression',
    },
  ],
  [
    '== with a list',
    { given: 'attribute:x == [a]', want: 'at 16: expected a value after "==", found "["' },
  ],
  [
    'trailing and',
    {
      given: 'attribute:a exists and',
      want: 'at 23: expected a subject, found the end of the expression',
    },
  ],
  [
    'trailing or',
    {
      given: 'attribute:a exists ||',
      want: 'at 22: expected a subject, found the end of the expression',
    },
  ],
  [
    'trailing not',
    { given: 'not', want: 'at 4: expected a subject, found the end of the expression' },
  ],
  [
    'two expressions',
    {
      given: 'attribute:a exists attribute:b exists',
      want: 'at 20: expected "and", "or" or the end of the expression, found "attribute:b"',
    },
  ],
  [
    'extra value',
    {
      given: 'attribute:a == b c',
      want: 'at 18: expected "and", "or" or the end of the expression, found "c"',
    },
  ],
  [
    'stray )',
    {
      given: 'attribute:a exists)',
      want: 'at 19: expected "and", "or" or the end of the expression, found ")"',
    },
  ],
  [
    'unclosed (',
    {
      given: '(attribute:a exists',
      want: 'at 20: expected ")" to close the "(" at 1, found the end of the expression',
    },
  ],
  [
    'error inside (',
    { given: '(attribute:a)', want: 'at 13: expected an operator after "attribute:a", found ")"' },
  ],
  [
    'error right of and',
    {
      given: 'attribute:a exists and attribute:b',
      want: 'at 35: expected an operator after "attribute:b"',
    },
  ],
  ['error right of or', { given: 'attribute:a exists or (x', want: 'at 24: unknown subject "x"' }],
  [
    'unterminated quote',
    { given: "attribute:x == 'abc", want: "at 16: unterminated quoted value (missing closing ')" },
  ],
  ['single =', { given: 'attribute:x = v', want: 'at 13: unexpected character "="' }],
  [
    'single &',
    { given: 'attribute:a exists & attribute:b exists', want: 'at 20: unexpected character "&"' },
  ],
  [
    'single |',
    { given: 'attribute:a exists | attribute:b exists', want: 'at 20: unexpected character "|"' },
  ],
  [
    'exists on agentVersion',
    {
      given: 'agentVersion exists',
      want: 'at 14: operator "exists" cannot be used with agentVersion; use one of: == (equals), != (not_equals), > (greater_than), >= (greater_than_equal), < (less_than), <= (less_than_equal)',
    },
  ],
  [
    'ordering on agentConnected',
    {
      given: 'agentConnected > true',
      want: 'at 16: operator ">" cannot be used with agentConnected',
    },
  ],
  [
    'ordering on ec2InstanceId',
    {
      given: 'ec2InstanceId <= i-1',
      want: 'at 15: operator "<=" cannot be used with ec2InstanceId',
    },
  ],
  [
    'in on runningTasksCount',
    {
      given: 'runningTasksCount in [1]',
      want: 'at 19: operator "in" cannot be used with runningTasksCount',
    },
  ],
  [
    'matches on registeredAt',
    {
      given: 'registeredAt =~ 2018.*',
      want: 'at 14: operator "=~" cannot be used with registeredAt',
    },
  ],
  [
    '!exists on agentConnected',
    {
      given: 'agentConnected !exists',
      want: 'at 16: operator "!exists" cannot be used with agentConnected',
    },
  ],
  [
    'ordering on task:group',
    { given: 'task:group > a', want: 'at 12: operator ">" cannot be used with task:group' },
  ],
  [
    'agentConnected value',
    {
      given: 'agentConnected == yes',
      want: 'at 19: "yes" is not a valid agentConnected; expected true or false',
    },
  ],
  [
    'agentConnected list value',
    {
      given: 'agentConnected in [true, maybe]',
      want: 'at 26: "maybe" is not a valid agentConnected',
    },
  ],
  [
    'agentVersion value',
    {
      given: 'agentVersion < 1.x',
      want: 'at 16: "1.x" is not a valid agentVersion; expected a version such as 1.14.5',
    },
  ],
  [
    'runningTasksCount value',
    {
      given: 'runningTasksCount > -1',
      want: 'at 21: "-1" is not a valid runningTasksCount; expected a whole number',
    },
  ],
  [
    'registeredAt month 13',
    { given: 'registeredAt < 2018-13-01', want: 'at 16: "2018-13-01" is not a valid registeredAt' },
  ],
  [
    'registeredAt 30 February',
    { given: 'registeredAt < 2018-02-30', want: 'at 16: "2018-02-30" is not a valid registeredAt' },
  ],
  [
    'registeredAt hour 24',
    {
      given: 'registeredAt < 2018-02-03T24:00:00Z',
      want: 'at 16: "2018-02-03T24:00:00Z" is not a valid registeredAt',
    },
  ],
  [
    'registeredAt bad zone',
    {
      given: 'registeredAt < 2018-02-03T10:00:00+24:00',
      want: 'at 16: "2018-02-03T10:00:00+24:00" is not a valid registeredAt',
    },
  ],
  [
    'registeredAt free text',
    { given: "registeredAt < 'last week'", want: 'at 16: "last week" is not a valid registeredAt' },
  ],
  [
    'regex JS cannot compile',
    {
      given: "attribute:x =~ 'a('",
      want: 'at 16: invalid regular expression "a(": Unterminated group',
    },
  ],
  [
    'regex Java-only feature',
    {
      given: "attribute:x =~ '(?>a)'",
      want: 'at 16: invalid regular expression "(?>a)": atomic groups (?>...) are not supported',
    },
  ],
]

t.test('refuses with a position and what was expected', t => {
  for (const [name, { given, want }] of errors) {
    const result = parseQuery(given)
    t.equal(result.ok, false, `${name}: refused`)
    if (!result.ok)
      t.ok(
        result.message.startsWith(`Invalid query expression ${want}`),
        `${name}: ${result.message}`,
      )
  }
  t.end()
})

t.test('length limit is the memberOf limit', t => {
  const atom = 'attribute:a exists or '
  const long = atom.repeat(Math.ceil(MAX_EXPRESSION_LENGTH / atom.length)) + 'attribute:b exists'
  t.ok(long.length > MAX_EXPRESSION_LENGTH)
  t.same(parseQuery(long), {
    ok: false,
    message: `Invalid query expression: it is ${long.length} characters long; the limit is 2000`,
  })
  const fits = `attribute:a == '${'x'.repeat(MAX_EXPRESSION_LENGTH - 17)}'`
  t.equal(fits.length, MAX_EXPRESSION_LENGTH)
  t.equal(parseQuery(fits).ok, true)
  t.end()
})

t.test('deep nesting within the limit does not overflow', t => {
  const depth = 990
  const nested = '('.repeat(depth) + 'attribute:a exists' + ')'.repeat(depth)
  t.same(parseQuery(nested), { ok: true, value: A })
  t.same(parseQuery('!'.repeat(1980) + 'attribute:a exists').ok, true)
  t.end()
})
