import { DescribeTasksCommand, StartTaskCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import type { TaskRecord, TaskStatus } from '../../src/resources/tasks.js'
import { applyHealth } from '../../src/tasks/health-report.js'
import { clusterWithAgent } from '../fixtures/cluster.js'
import { fakeAgent } from '../fixtures/fake-agent.js'

/** A task of containers `a` and `b` in `status`; `a` is its essential container with a check. */
function fakeTask(status: TaskStatus): TaskRecord {
  const container = (name: string) => ({
    containerArn: `arn:aws:ecs:us-east-1:000000000000:container/c/t/${name}`,
    taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/t',
    name,
    lastStatus: status,
    networkBindings: [],
    networkInterfaces: [],
    healthStatus: 'UNKNOWN' as const,
    cpu: '0',
  })
  return {
    family: 'f',
    instanceId: 'i',
    reserved: null,
    healthChecked: ['a'],
    task: {
      taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/t',
      clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/f:1',
      containerInstanceArn: 'arn:aws:ecs:us-east-1:000000000000:container-instance/c/i',
      overrides: {},
      lastStatus: status,
      desiredStatus: 'RUNNING',
      cpu: '1',
      memory: '1',
      containers: [container('a'), container('b')],
      version: 1,
      createdAt: 1,
      group: 'family:f',
      launchType: 'EC2',
      attachments: [],
      healthStatus: 'UNKNOWN',
      enableExecuteCommand: false,
      tags: [],
    },
  }
}

t.test('container health sets the containers and the task', t => {
  const rows: {
    name: string
    given: { containerName: string; healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN' }[]
    want: { changed: boolean; task: string; a: string; b: string; version: number }
  }[] = [
    {
      name: 'the checked container UNHEALTHY: the task too',
      given: [{ containerName: 'a', healthStatus: 'UNHEALTHY' }],
      want: { changed: true, task: 'UNHEALTHY', a: 'UNHEALTHY', b: 'UNKNOWN', version: 2 },
    },
    {
      name: 'the checked container HEALTHY: the task too',
      given: [{ containerName: 'a', healthStatus: 'HEALTHY' }],
      want: { changed: true, task: 'HEALTHY', a: 'HEALTHY', b: 'UNKNOWN', version: 2 },
    },
    {
      name: 'a container the task does not count: set, the task unchanged',
      given: [{ containerName: 'b', healthStatus: 'UNHEALTHY' }],
      want: { changed: true, task: 'UNKNOWN', a: 'UNKNOWN', b: 'UNHEALTHY', version: 2 },
    },
    {
      name: 'nothing new: no change, no new version',
      given: [
        { containerName: 'a', healthStatus: 'UNKNOWN' },
        { containerName: 'zz', healthStatus: 'HEALTHY' },
      ],
      want: { changed: false, task: 'UNKNOWN', a: 'UNKNOWN', b: 'UNKNOWN', version: 1 },
    },
  ]
  for (const { name, given, want } of rows) {
    const record = fakeTask('RUNNING')
    const changed = applyHealth(record, given)
    const [a, b] = record.task.containers
    t.same(
      {
        changed,
        task: record.task.healthStatus,
        a: a?.healthStatus,
        b: b?.healthStatus,
        version: record.task.version,
      },
      want,
      name,
    )
  }
  t.end()
})

t.test('a stopped task keeps its last health', t => {
  const record = fakeTask('STOPPED')
  t.equal(applyHealth(record, [{ containerName: 'a', healthStatus: 'UNHEALTHY' }]), false)
  t.equal(record.task.healthStatus, 'UNKNOWN')
  t.end()
})

t.test("over the channel: the instance's own tasks take the health, others' do not", async t => {
  const { ecs, cluster, agent, server } = await clusterWithAgent(t, {
    server: { serviceScheduler: false },
    agent: { autoReport: true },
  })
  const other = await fakeAgent(t, server, { cluster })
  await other.connect()
  const started = await ecs.send(
    new StartTaskCommand({
      cluster,
      taskDefinition: 'app',
      containerInstances: [agent.containerInstanceArn],
    }),
  )
  const arn = started.tasks?.[0]?.taskArn ?? ''
  other.reportHealth(arn, { a: 'UNHEALTHY' })
  agent.reportHealth(arn, { b: 'HEALTHY' })
  let health: (string | undefined)[][] = []
  for (let i = 0; i < 100; i++) {
    const { tasks = [] } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [arn] }))
    health = (tasks[0]?.containers ?? []).map(c => [c.name, c.healthStatus]).sort()
    if (health.some(([name, status]) => name === 'b' && status === 'HEALTHY')) break
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  await new Promise(resolve => setTimeout(resolve, 200))
  const { tasks = [] } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [arn] }))
  t.same(
    (tasks[0]?.containers ?? []).map(c => [c.name, c.healthStatus]).sort(),
    [
      ['a', 'UNKNOWN'],
      ['b', 'HEALTHY'],
    ],
    'the report of the other instance is ignored',
  )
  t.equal(tasks[0]?.healthStatus, 'UNKNOWN', 'no container with a health check: UNKNOWN')
})
