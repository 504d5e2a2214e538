import fc from 'fast-check'
import t from 'tap'
import type { Expression, QueryTarget } from '../../src/query/index.js'
import { evaluate, parseQuery } from '../../src/query/index.js'

/** A container instance with plausible defaults; tests override what they look at. */
function fakeTarget(overrides: Partial<QueryTarget> = {}): QueryTarget {
  return {
    agentConnected: true,
    agentVersion: '1.105.1',
    ec2InstanceId: 'i-0123456789abcdef0',
    registeredAt: new Date('2018-06-18T22:28:28.500Z'),
    runningTasksCount: 2,
    attributes: new Map<string, string | undefined>([
      ['ecs.instance-type', 't2.small'],
      ['ecs.availability-zone', 'us-east-1a'],
      ['ecs.capability.privileged-container', undefined],
      ['stack', 'prod'],
      ['weight', '10'],
    ]),
    taskGroups: ['service:web', 'family:batch'],
    ...overrides,
  }
}

function parsed(text: string): Expression {
  const result = parseQuery(text)
  if (!result.ok) throw new Error(result.message)
  return result.value
}

const bare = fakeTarget({
  agentConnected: false,
  agentVersion: undefined,
  ec2InstanceId: undefined,
  registeredAt: undefined,
  runningTasksCount: 0,
  attributes: new Map(),
  taskGroups: [],
})

const evaluations: [string, { given: [string, QueryTarget]; want: boolean }][] = [
  // attributes
  [
    'attribute equals',
    { given: ['attribute:ecs.instance-type == t2.small', fakeTarget()], want: true },
  ],
  [
    'attribute differs',
    { given: ['attribute:ecs.instance-type == t2.large', fakeTarget()], want: false },
  ],
  ['missing attribute never equals', { given: ['attribute:nope == x', fakeTarget()], want: false }],
  [
    'missing attribute is != anything',
    { given: ['attribute:nope != x', fakeTarget()], want: true },
  ],
  [
    'valueless attribute equals nothing',
    { given: ["attribute:ecs.capability.privileged-container == ''", fakeTarget()], want: false },
  ],
  [
    'valueless attribute exists',
    { given: ['attribute:ecs.capability.privileged-container exists', fakeTarget()], want: true },
  ],
  ['missing attribute !exists', { given: ['attribute:nope !exists', fakeTarget()], want: true }],
  [
    'present attribute not_exists',
    { given: ['attribute:stack not_exists', fakeTarget()], want: false },
  ],
  [
    'attribute in list',
    {
      given: ['attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', fakeTarget()],
      want: true,
    },
  ],
  [
    'attribute not in list',
    { given: ['attribute:ecs.availability-zone in [us-east-1c]', fakeTarget()], want: false },
  ],
  [
    'attribute !in list',
    { given: ['attribute:ecs.availability-zone !in [us-east-1c]', fakeTarget()], want: true },
  ],
  ['missing attribute not_in', { given: ['attribute:nope not_in [a]', fakeTarget()], want: true }],
  [
    'attribute matches',
    { given: ['attribute:ecs.instance-type =~ t2.*', fakeTarget()], want: true },
  ],
  [
    'match is anchored',
    { given: ['attribute:ecs.instance-type =~ t2', fakeTarget()], want: false },
  ],
  [
    'match is anchored at the start',
    { given: ['attribute:ecs.instance-type =~ small', fakeTarget()], want: false },
  ],
  ['attribute !~', { given: ['attribute:ecs.instance-type !~ m5.*', fakeTarget()], want: true }],
  ['case-insensitive flag', { given: ["attribute:stack =~ '(?i)PROD'", fakeTarget()], want: true }],
  [
    'missing attribute never matches',
    { given: ['attribute:nope =~ .*', fakeTarget()], want: false },
  ],
  ['numeric attribute ordering', { given: ['attribute:weight > 9', fakeTarget()], want: true }],
  ['numeric, not string, order', { given: ['attribute:weight < 9', fakeTarget()], want: false }],
  ['string attribute ordering', { given: ['attribute:stack >= prec', fakeTarget()], want: true }],
  ['string ordering below', { given: ['attribute:stack <= pre', fakeTarget()], want: false }],
  ['string ordering less', { given: ['attribute:stack < zz', fakeTarget()], want: true }],
  [
    'ordering on a missing attribute',
    { given: ['attribute:nope < zz', fakeTarget()], want: false },
  ],
  ['greater_than_equal on missing', { given: ['attribute:nope >= a', fakeTarget()], want: false }],
  ['less_than_equal on missing', { given: ['attribute:nope <= z', fakeTarget()], want: false }],
  ['greater_than on missing', { given: ['attribute:nope > a', fakeTarget()], want: false }],
  // agentConnected
  ['connected == true', { given: ['agentConnected == true', fakeTarget()], want: true }],
  ['connected == TRUE', { given: ['agentConnected == TRUE', fakeTarget()], want: true }],
  ['disconnected == true', { given: ['agentConnected == true', bare], want: false }],
  ['disconnected != true', { given: ['agentConnected != true', bare], want: true }],
  ['agentConnected in', { given: ['agentConnected in [false]', bare], want: true }],
  ['agentConnected matches', { given: ['agentConnected =~ f.*', bare], want: true }],
  // agentVersion: numeric by dotted parts
  [
    'version below',
    { given: ['agentVersion < 1.14.5', fakeTarget({ agentVersion: '1.9.0' })], want: true },
  ],
  [
    'version numeric not lexical',
    { given: ['agentVersion > 1.9', fakeTarget({ agentVersion: '1.14.5' })], want: true },
  ],
  [
    'version missing parts are zero',
    { given: ['agentVersion == 1.2', fakeTarget({ agentVersion: '1.2.0' })], want: true },
  ],
  ['version >=', { given: ['agentVersion >= 1.105.1', fakeTarget()], want: true }],
  ['version <=', { given: ['agentVersion <= 1.105.0', fakeTarget()], want: false }],
  ['missing version', { given: ['agentVersion < 9', bare], want: false }],
  [
    'unreadable target version',
    { given: ['agentVersion < 9', fakeTarget({ agentVersion: '1.2-dev' })], want: false },
  ],
  // ec2InstanceId
  [
    'instance id in',
    { given: ["ec2InstanceId in ['i-abcd1234', 'i-0123456789abcdef0']", fakeTarget()], want: true },
  ],
  ['instance id ==', { given: ['ec2InstanceId == i-abcd1234', fakeTarget()], want: false }],
  ['missing instance id !=', { given: ['ec2InstanceId != i-abcd1234', bare], want: true }],
  ['instance id matches', { given: ['ec2InstanceId =~ i-0.*', fakeTarget()], want: true }],
  // registeredAt at the argument's precision
  ['registered before a day', { given: ['registeredAt < 2018-06-19', fakeTarget()], want: true }],
  ['registered on that day', { given: ['registeredAt == 2018-06-18', fakeTarget()], want: true }],
  ['not after that day', { given: ['registeredAt > 2018-06-18', fakeTarget()], want: false }],
  [
    'equal to the second',
    { given: ['registeredAt == 2018-06-18T22:28:28Z', fakeTarget()], want: true },
  ],
  [
    'same instant with offset',
    { given: ['registeredAt == 2018-06-19T00:28:28+02:00', fakeTarget()], want: true },
  ],
  [
    'negative offset',
    { given: ['registeredAt < 2018-06-18T18:28:29-04:00', fakeTarget()], want: true },
  ],
  ['no zone is UTC', { given: ['registeredAt >= 2018-06-18T22:28:29', fakeTarget()], want: false }],
  ['missing registeredAt', { given: ['registeredAt < 2030-01-01', bare], want: false }],
  [
    'invalid Date',
    {
      given: ['registeredAt < 2030-01-01', fakeTarget({ registeredAt: new Date(Number.NaN) })],
      want: false,
    },
  ],
  // runningTasksCount
  ['count ==', { given: ['runningTasksCount == 2', fakeTarget()], want: true }],
  [
    'count >',
    { given: ['runningTasksCount > 10', fakeTarget({ runningTasksCount: 11 })], want: true },
  ],
  ['count <=', { given: ['runningTasksCount <= 1', fakeTarget()], want: false }],
  // task:group looks at every task
  ['some task in group', { given: ['task:group == service:web', fakeTarget()], want: true }],
  ['no task in group', { given: ['task:group == database', fakeTarget()], want: false }],
  [
    '!= means no task in group',
    { given: ['task:group != service:web', fakeTarget()], want: false },
  ],
  ['anti-affinity', { given: ['not(task:group == database)', fakeTarget()], want: true }],
  ['empty instance has no group', { given: ['task:group == service:web', bare], want: false }],
  ['group in', { given: ['task:group in [a, family:batch]', fakeTarget()], want: true }],
  ['group matches', { given: ['task:group =~ service:.*', fakeTarget()], want: true }],
  ['group exists', { given: ['task:group exists', fakeTarget()], want: true }],
  ['no group exists', { given: ['task:group exists', bare], want: false }],
  // compound
  [
    'and',
    { given: ['attribute:stack == prod and runningTasksCount < 3', fakeTarget()], want: true },
  ],
  [
    'and short',
    { given: ['attribute:stack == dev and runningTasksCount < 3', fakeTarget()], want: false },
  ],
  ['or', { given: ['attribute:stack == dev or runningTasksCount < 3', fakeTarget()], want: true }],
  [
    'or neither',
    { given: ['attribute:stack == dev || runningTasksCount > 3', fakeTarget()], want: false },
  ],
  [
    'precedence',
    {
      given: [
        'attribute:stack == prod or attribute:stack == dev and agentConnected == false',
        fakeTarget(),
      ],
      want: true,
    },
  ],
  [
    'grouping',
    {
      given: [
        '(attribute:stack == prod or attribute:stack == dev) and agentConnected == false',
        fakeTarget(),
      ],
      want: false,
    },
  ],
]

t.test('evaluates', t => {
  for (const [name, { given, want }] of evaluations) {
    t.equal(evaluate(parsed(given[0]), given[1]), want, name)
  }
  t.end()
})

t.test('hand-built trees with unreadable arguments match nothing', t => {
  const target = fakeTarget()
  t.equal(
    evaluate(
      { type: 'comparison', subject: 'agentVersion', operator: 'equals', values: ['x'] },
      target,
    ),
    false,
  )
  t.equal(
    evaluate(
      { type: 'comparison', subject: 'registeredAt', operator: 'less_than', values: ['soon'] },
      target,
    ),
    false,
  )
  t.equal(
    evaluate(
      { type: 'comparison', subject: 'runningTasksCount', operator: 'equals', values: ['two'] },
      target,
    ),
    false,
  )
  t.equal(
    evaluate(
      { type: 'comparison', subject: 'agentConnected', operator: 'equals', values: [] },
      target,
    ),
    false,
  )
  t.equal(
    evaluate(
      { type: 'comparison', subject: 'attribute:stack', operator: 'matches', values: ['prod'] },
      target,
    ),
    false,
  )
  t.end()
})

t.test('the same pattern twice reuses its compiled form and gives the same answer', t => {
  const e = parsed('attribute:stack =~ pr.d')
  t.equal(evaluate(e, fakeTarget()), true)
  t.equal(evaluate(e, fakeTarget()), true)
  t.end()
})

// Expressions built from parseable atoms, so the property also exercises the parser's output.
const atoms = [
  'attribute:stack == prod',
  'attribute:nope exists',
  'attribute:ecs.instance-type =~ t2.*',
  'agentConnected == true',
  'runningTasksCount > 1',
  'task:group != database',
  'agentVersion < 1.14.5',
  'registeredAt >= 2018-06-18',
  'ec2InstanceId in [i-1, i-2]',
].map(parsed)

const expressionArb: fc.Arbitrary<Expression> = fc.letrec<{ e: Expression }>(tie => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...atoms),
    fc.record({ type: fc.constant('not' as const), operand: tie('e') }),
    fc.record({ type: fc.constant('and' as const), left: tie('e'), right: tie('e') }),
    fc.record({ type: fc.constant('or' as const), left: tie('e'), right: tie('e') }),
  ),
})).e

const targetArb: fc.Arbitrary<QueryTarget> = fc.record({
  agentConnected: fc.boolean(),
  agentVersion: fc.option(fc.constantFrom('1.0.0', '1.14.5', '1.105.1'), { nil: undefined }),
  ec2InstanceId: fc.option(fc.constantFrom('i-1', 'i-3'), { nil: undefined }),
  registeredAt: fc.option(fc.date({ noInvalidDate: true }), { nil: undefined }),
  runningTasksCount: fc.nat(5),
  attributes: fc
    .dictionary(
      fc.constantFrom('stack', 'nope', 'ecs.instance-type'),
      fc.option(fc.constantFrom('prod', 't2.micro'), { nil: undefined }),
    )
    .map(entries => new Map(Object.entries(entries))),
  taskGroups: fc.array(fc.constantFrom('database', 'service:web')),
})

t.test('property: evaluate(not E) === !evaluate(E)', t => {
  fc.assert(
    fc.property(expressionArb, targetArb, (e, target) => {
      return evaluate({ type: 'not', operand: e }, target) === !evaluate(e, target)
    }),
    { numRuns: 500 },
  )
  t.pass('held for 500 generated expressions and targets')
  t.end()
})

t.test('property: negated operators are the negation of their positive spelling', t => {
  const pairs: [string, string][] = [
    ['attribute:stack == prod', 'attribute:stack != prod'],
    ['attribute:stack exists', 'attribute:stack !exists'],
    ['attribute:stack in [prod, dev]', 'attribute:stack !in [prod, dev]'],
    ['attribute:stack =~ p.*', 'attribute:stack !~ p.*'],
    ['task:group == database', 'task:group != database'],
  ]
  fc.assert(
    fc.property(fc.constantFrom(...pairs), targetArb, ([positive, negative], target) => {
      return evaluate(parsed(negative), target) === !evaluate(parsed(positive), target)
    }),
    { numRuns: 300 },
  )
  t.pass('held for 300 generated cases')
  t.end()
})
