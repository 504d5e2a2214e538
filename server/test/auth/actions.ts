import t from 'tap'
import { ACTIONS, actionOf } from '../../src/auth/actions.js'
import { operations } from '../../src/operations/index.js'

const scope = { account: '000000000000', region: 'eu-west-1' }
const P = 'arn:aws:ecs:eu-west-1:000000000000:'
const ID = '0123456789abcdef0123456789abcdef'

t.test('every operation of the registry has a row, and nothing else does', t => {
  t.same(Object.keys(ACTIONS).sort(), [...operations.keys()].sort())
  t.end()
})

t.test('the resources each call acts on', t => {
  const cases: { operation: string; input: Record<string, unknown>; want: string[] }[] = [
    { operation: 'ListClusters', input: {}, want: ['*'] },
    { operation: 'CreateCluster', input: { clusterName: 'a' }, want: ['*'] },
    { operation: 'RegisterTaskDefinition', input: { family: 'web' }, want: ['*'] },
    { operation: 'DescribeClusters', input: {}, want: [`${P}cluster/default`] },
    {
      operation: 'DescribeClusters',
      input: { clusters: ['a', `${P}cluster/b`] },
      want: [`${P}cluster/a`, `${P}cluster/b`],
    },
    { operation: 'DeleteCluster', input: { cluster: 'prod' }, want: [`${P}cluster/prod`] },
    { operation: 'ListTasks', input: {}, want: [`${P}cluster/default`] },
    { operation: 'RegisterContainerInstance', input: { cluster: 'c' }, want: [`${P}cluster/c`] },
    { operation: 'SubmitTaskStateChange', input: { cluster: 'c' }, want: [`${P}cluster/c`] },
    { operation: 'StopTask', input: { cluster: 'c', task: ID }, want: [`${P}task/c/${ID}`] },
    { operation: 'StopTask', input: { task: ID }, want: [`${P}task/default/${ID}`] },
    {
      operation: 'StopTask',
      input: { cluster: `${P}cluster/c`, task: ID },
      want: [`${P}task/c/${ID}`],
    },
    {
      operation: 'DescribeTasks',
      input: { cluster: 'c', tasks: [ID, `${P}task/c/${ID.replace('0', 'f')}`] },
      want: [`${P}task/c/${ID}`, `${P}task/c/${ID.replace('0', 'f')}`],
    },
    {
      operation: 'GetTaskProtection',
      input: { cluster: 'c' },
      want: [`${P}cluster/c`],
    },
    {
      operation: 'RunTask',
      input: { taskDefinition: 'web:3' },
      want: [`${P}task-definition/web:3`],
    },
    { operation: 'RunTask', input: { taskDefinition: 'web' }, want: [`${P}task-definition/web:*`] },
    {
      operation: 'RunTask',
      input: { taskDefinition: `${P}task-definition/web:2` },
      want: [`${P}task-definition/web:2`],
    },
    {
      operation: 'DeleteTaskDefinitions',
      input: { taskDefinitions: ['a:1', 'b:2'] },
      want: [`${P}task-definition/a:1`, `${P}task-definition/b:2`],
    },
    {
      operation: 'CreateService',
      input: { cluster: 'c', serviceName: 'api' },
      want: [`${P}service/c/api`],
    },
    { operation: 'UpdateService', input: { service: 'api' }, want: [`${P}service/default/api`] },
    {
      operation: 'DescribeServices',
      input: { cluster: 'c', services: ['a', 'b'] },
      want: [`${P}service/c/a`, `${P}service/c/b`],
    },
    {
      operation: 'UpdateContainerInstancesState',
      input: { cluster: 'c', containerInstances: [ID], status: 'DRAINING' },
      want: [`${P}container-instance/c/${ID}`],
    },
    {
      operation: 'TagResource',
      input: { resourceArn: `${P}cluster/x`, tags: [] },
      want: [`${P}cluster/x`],
    },
    {
      operation: 'DeleteCapacityProvider',
      input: { capacityProvider: 'cp' },
      want: [`${P}capacity-provider/cp`],
    },
    { operation: 'DiscoverPollEndpoint', input: { cluster: 'c' }, want: ['*'] },
  ]
  for (const c of cases) {
    t.same(
      actionOf(c.operation).resources(c.input, scope),
      c.want,
      `${c.operation} ${JSON.stringify(c.input)}`,
    )
  }
  t.end()
})

t.test('throttling groups', t => {
  const cases: [string, string][] = [
    ['DescribeClusters', 'cluster-read'],
    ['ListClusters', 'cluster-read'],
    ['DescribeTasks', 'read'],
    ['CreateCluster', 'write'],
    ['RunTask', 'launch'],
    ['StartTask', 'launch'],
    ['SubmitTaskStateChange', 'agent'],
    ['NotAnOperation', 'write'],
  ]
  for (const [operation, group] of cases) t.equal(actionOf(operation).group, group, operation)
  t.same(actionOf('NotAnOperation').resources({}, scope), ['*'])
  t.end()
})
