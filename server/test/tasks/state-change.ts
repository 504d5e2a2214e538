import t from 'tap'
import type { TaskRecord, TaskStatus } from '../../src/resources/tasks.js'
import { applyReport, stopTask, type TaskReport } from '../../src/tasks/state-change.js'

/** A task of two containers in `status`, desired RUNNING. */
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
    reserved: { cpu: 1, memory: 1, tcpPorts: [], udpPorts: [] },
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

// One row per (current, report): the task's lastStatus after, and whether it changed.
const table: [TaskStatus, TaskReport, TaskStatus, boolean][] = [
  ['PENDING', { status: 'RUNNING' }, 'RUNNING', true],
  ['PENDING', { status: 'STOPPED' }, 'STOPPED', true],
  ['PENDING', { status: 'PENDING' }, 'PENDING', false],
  ['PENDING', { status: 'BOGUS' }, 'PENDING', false],
  ['RUNNING', { status: 'PENDING' }, 'RUNNING', false],
  ['RUNNING', { status: 'STOPPED' }, 'STOPPED', true],
  ['STOPPED', { status: 'RUNNING' }, 'STOPPED', false],
  ['PENDING', { containers: [{ containerName: 'a', status: 'RUNNING' }] }, 'PENDING', true],
  [
    'PENDING',
    {
      containers: [
        { containerName: 'a', status: 'RUNNING' },
        { containerName: 'b', status: 'RUNNING' },
      ],
    },
    'RUNNING',
    true,
  ],
  [
    'RUNNING',
    {
      containers: [
        { containerName: 'a', status: 'STOPPED', exitCode: 0 },
        { containerName: 'b', status: 'STOPPED', exitCode: 1 },
      ],
    },
    'STOPPED',
    true,
  ],
  ['RUNNING', { containers: [{ containerName: 'zz', status: 'STOPPED' }] }, 'RUNNING', false],
  ['RUNNING', { containers: [{ containerName: 'a', imageDigest: 'sha256:x' }] }, 'RUNNING', false],
]

for (const [from, report, to, changed] of table) {
  t.test(`${from} + ${JSON.stringify(report)}`, t => {
    const record = fakeTask(from)
    const transition = applyReport(record, report, 100)
    t.same(transition, { from, to, changed })
    t.equal(record.task.lastStatus, to)
    t.equal(record.task.version, changed ? 2 : 1)
    t.end()
  })
}

t.test('stopping sets timestamps, stop code and reason once', t => {
  const record = fakeTask('RUNNING')
  t.ok(stopTask(record, 5, 'Task stopped by user', 'UserInitiated'))
  t.notOk(stopTask(record, 6, 'again', 'ServiceSchedulerInitiated'))
  applyReport(record, { status: 'STOPPED', reason: 'exited', executionStoppedAt: 7 }, 8)
  t.match(record.task, {
    desiredStatus: 'STOPPED',
    stoppedReason: 'Task stopped by user',
    stopCode: 'UserInitiated',
    stoppingAt: 5,
    stoppedAt: 8,
    executionStoppedAt: 7,
  })
  t.ok(record.task.containers.every(c => c.lastStatus === 'STOPPED'))
  const running = fakeTask('PENDING')
  applyReport(running, { status: 'RUNNING', pullStartedAt: 1, pullStoppedAt: 2 }, 3)
  t.match(running.task, { startedAt: 3, connectivity: 'CONNECTED', pullStartedAt: 1 })
  t.end()
})

t.test('a task stopped before it ran failed to start; one that ran, its container exited', t => {
  const cases = [
    { given: { from: 'PENDING' as const, ran: false }, want: 'TaskFailedToStart' },
    { given: { from: 'RUNNING' as const, ran: true }, want: 'EssentialContainerExited' },
  ]
  for (const { given, want } of cases) {
    const record = fakeTask(given.from)
    if (given.ran) record.task.startedAt = 1
    const reason = 'ResourceInitializationError: unable to pull secrets or registry auth: x'
    applyReport(record, { status: 'STOPPED', reason }, 2)
    t.match(
      record.task,
      { lastStatus: 'STOPPED', stopCode: want, stoppedReason: reason },
      given.from,
    )
  }
  t.end()
})
