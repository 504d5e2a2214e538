import t from 'tap'
import { compilePolicy, evaluate, type Decision } from '../../src/auth/policy.js'

const CLUSTER = 'arn:aws:ecs:us-east-1:000000000000:cluster/prod'
const TASK = 'arn:aws:ecs:us-east-1:000000000000:task/prod/0123456789abcdef0123456789abcdef'
const TD = 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:3'

const allow = (Action: string | string[], Resource: string | string[] = '*') => ({
  Effect: 'Allow' as const,
  Action,
  Resource,
})
const deny = (Action: string | string[], Resource: string | string[] = '*') => ({
  Effect: 'Deny' as const,
  Action,
  Resource,
})

t.test('evaluates as IAM evaluates an identity policy', t => {
  const cases: {
    name: string
    statements: object[]
    action: string
    resource: string
    want: Decision
  }[] = [
    {
      name: 'exact action',
      statements: [allow('ecs:RunTask')],
      action: 'ecs:RunTask',
      resource: TD,
      want: 'allow',
    },
    {
      name: 'other action',
      statements: [allow('ecs:RunTask')],
      action: 'ecs:StopTask',
      resource: TASK,
      want: 'implicit-deny',
    },
    {
      name: 'action names ignore case',
      statements: [allow('ECS:runtask')],
      action: 'ecs:RunTask',
      resource: TD,
      want: 'allow',
    },
    {
      name: 'prefix wildcard',
      statements: [allow('ecs:Describe*')],
      action: 'ecs:DescribeTasks',
      resource: TASK,
      want: 'allow',
    },
    {
      name: 'prefix wildcard misses',
      statements: [allow('ecs:Describe*')],
      action: 'ecs:ListTasks',
      resource: CLUSTER,
      want: 'implicit-deny',
    },
    {
      name: 'service wildcard',
      statements: [allow('logs:*')],
      action: 'logs:PutLogEvents',
      resource: '*',
      want: 'allow',
    },
    {
      name: 'service wildcard is per service',
      statements: [allow('logs:*')],
      action: 'ecs:RunTask',
      resource: TD,
      want: 'implicit-deny',
    },
    {
      name: 'everything',
      statements: [allow('*')],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER,
      want: 'allow',
    },
    {
      name: '? is one character',
      statements: [allow('ecs:?topTask')],
      action: 'ecs:StopTask',
      resource: TASK,
      want: 'allow',
    },
    {
      name: '? is not zero characters',
      statements: [allow('ecs:S?topTask')],
      action: 'ecs:StopTask',
      resource: TASK,
      want: 'implicit-deny',
    },
    {
      name: 'a list of actions',
      statements: [allow(['ecs:ListTasks', 'ecs:StopTask'])],
      action: 'ecs:StopTask',
      resource: TASK,
      want: 'allow',
    },
    {
      name: 'empty policy denies',
      statements: [deny('ecs:Nothing')],
      action: 'ecs:ListClusters',
      resource: '*',
      want: 'implicit-deny',
    },
    {
      name: 'deny wins over allow',
      statements: [allow('ecs:*'), deny('ecs:DeleteCluster')],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER,
      want: 'explicit-deny',
    },
    {
      name: 'deny wins whatever the order',
      statements: [deny('ecs:Delete*', CLUSTER), allow('*')],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER,
      want: 'explicit-deny',
    },
    {
      name: 'deny on another resource leaves the allow',
      statements: [allow('ecs:*'), deny('ecs:DeleteCluster', CLUSTER)],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER.replace('prod', 'dev'),
      want: 'allow',
    },
    {
      name: 'exact resource',
      statements: [allow('ecs:DescribeClusters', CLUSTER)],
      action: 'ecs:DescribeClusters',
      resource: CLUSTER,
      want: 'allow',
    },
    {
      name: 'resources are case-sensitive',
      statements: [allow('ecs:DescribeClusters', CLUSTER.replace('prod', 'PROD'))],
      action: 'ecs:DescribeClusters',
      resource: CLUSTER,
      want: 'implicit-deny',
    },
    {
      name: 'resource wildcard in a segment',
      statements: [allow('ecs:*', 'arn:aws:ecs:*:000000000000:cluster/*')],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER,
      want: 'allow',
    },
    {
      name: 'resource wildcard of another account',
      statements: [allow('ecs:*', 'arn:aws:ecs:*:111111111111:cluster/*')],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER,
      want: 'implicit-deny',
    },
    {
      name: 'cluster pattern does not match its tasks',
      statements: [allow('ecs:*', 'arn:aws:ecs:*:*:cluster/prod')],
      action: 'ecs:StopTask',
      resource: TASK,
      want: 'implicit-deny',
    },
    {
      name: 'task pattern under a cluster',
      statements: [allow('ecs:StopTask', 'arn:aws:ecs:*:*:task/prod/*')],
      action: 'ecs:StopTask',
      resource: TASK,
      want: 'allow',
    },
    {
      name: 'revision wildcard',
      statements: [allow('ecs:RunTask', 'arn:aws:ecs:*:*:task-definition/web:*')],
      action: 'ecs:RunTask',
      resource: TD,
      want: 'allow',
    },
    {
      name: 'another family',
      statements: [allow('ecs:RunTask', 'arn:aws:ecs:*:*:task-definition/web:*')],
      action: 'ecs:RunTask',
      resource: TD.replace('web', 'db'),
      want: 'implicit-deny',
    },
    {
      name: 'a * resource needs a * pattern',
      statements: [allow('ecs:ListClusters', CLUSTER)],
      action: 'ecs:ListClusters',
      resource: '*',
      want: 'implicit-deny',
    },
    {
      name: 'dots in patterns are literal',
      statements: [allow('ecs:*', 'arn:aws:ecs:us.east-1:*')],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER,
      want: 'implicit-deny',
    },
    {
      name: 'NotAction allows the rest',
      statements: [{ Effect: 'Allow', NotAction: 'ecs:Delete*', Resource: '*' }],
      action: 'ecs:RunTask',
      resource: TD,
      want: 'allow',
    },
    {
      name: 'NotAction leaves its actions out',
      statements: [{ Effect: 'Allow', NotAction: ['ecs:Delete*'], Resource: '*' }],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER,
      want: 'implicit-deny',
    },
    {
      name: 'Deny with NotAction denies the rest',
      statements: [allow('*'), { Effect: 'Deny', NotAction: 'ecs:Describe*', Resource: '*' }],
      action: 'ecs:RunTask',
      resource: TD,
      want: 'explicit-deny',
    },
    {
      name: 'Deny with NotAction spares its actions',
      statements: [allow('*'), { Effect: 'Deny', NotAction: 'ecs:Describe*', Resource: '*' }],
      action: 'ecs:DescribeTasks',
      resource: TASK,
      want: 'allow',
    },
    {
      name: 'NotResource',
      statements: [{ Effect: 'Allow', Action: 'ecs:*', NotResource: CLUSTER }],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER.replace('prod', 'dev'),
      want: 'allow',
    },
    {
      name: 'NotResource leaves its resource out',
      statements: [{ Effect: 'Allow', Action: 'ecs:*', NotResource: [CLUSTER] }],
      action: 'ecs:DeleteCluster',
      resource: CLUSTER,
      want: 'implicit-deny',
    },
  ]
  for (const c of cases) {
    const policy = compilePolicy({ Version: '2012-10-17', Statement: c.statements })
    t.equal(evaluate(policy, c.action, c.resource), c.want, c.name)
  }
  t.end()
})

t.test('a single statement object works like a list of one', t => {
  const policy = compilePolicy({ Statement: allow('ecs:ListClusters') })
  t.equal(evaluate(policy, 'ecs:ListClusters', '*'), 'allow')
  t.end()
})

t.test('refuses documents it cannot evaluate faithfully, naming the element', t => {
  const cases: { given: unknown; want: RegExp }[] = [
    { given: [], want: /expected a policy object/ },
    { given: null, want: /expected a policy object/ },
    { given: { Statement: [] }, want: /at least one statement/ },
    { given: { Version: '2020-01-01', Statement: [allow('*')] }, want: /Version/ },
    { given: { Statement: [allow('*')], Foo: 1 }, want: /unknown element Foo/ },
    { given: { Statement: ['x'] }, want: /Statement\[0\]: expected an object/ },
    { given: { Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] }, want: /Effect/ },
    {
      given: { Statement: [{ Effect: 'Allow', Resource: '*' }] },
      want: /exactly one of Action and NotAction/,
    },
    {
      given: { Statement: [{ Effect: 'Allow', Action: '*', NotAction: 'x:y', Resource: '*' }] },
      want: /exactly one of Action/,
    },
    {
      given: { Statement: [{ Effect: 'Allow', Action: '*' }] },
      want: /exactly one of Resource and NotResource/,
    },
    {
      given: { Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] },
      want: /Action: expected a non-empty/,
    },
    {
      given: { Statement: [{ Effect: 'Allow', Action: 'RunTask', Resource: '*' }] },
      want: /not service:Action/,
    },
    {
      given: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: {} }] },
      want: /Statement\[0\]: Condition is not supported/,
    },
    {
      given: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Principal: '*' }] },
      want: /Principal is not supported/,
    },
    {
      given: { Statement: [deny('*', 'arn:aws:ecs:*:*:cluster/${aws:username}')] },
      want: /policy variables/,
    },
  ]
  for (const c of cases) {
    t.throws(
      () => compilePolicy(c.given, 'p'),
      { code: 'ECS_SRV_CONFIG', message: c.want },
      String(c.want),
    )
  }
  t.end()
})
