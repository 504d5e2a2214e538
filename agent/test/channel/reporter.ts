import {
  EcsServiceError,
  type SubmitContainerStateChangeInput,
  type SubmitTaskStateChangeInput,
} from '@quayside/sdk'
import t from 'tap'
import {
  ApiReporter,
  containerStateChangeInput,
  taskStateChangeInput,
} from '../../src/channel/reporter.js'
import type { ContainerStateChange, TaskStateChange } from '../../src/engine/state-reporter.js'

const unused = () => Promise.reject(new Error('not expected in this test'))

const change = (
  status: 'PENDING' | 'RUNNING' | 'STOPPED',
  extra: Partial<TaskStateChange> = {},
): TaskStateChange => ({
  taskArn: 'arn:task',
  status,
  knownStatus: status === 'PENDING' ? 'NONE' : status,
  containers: [
    {
      taskArn: 'arn:task',
      containerName: 'web',
      status,
      knownStatus: status === 'PENDING' ? 'NONE' : status,
      networkBindings: [{ bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp' }],
      healthStatus: 'UNKNOWN',
      restartCount: 0,
    },
  ],
  ...extra,
})

t.test('a task change as SubmitTaskStateChange', t => {
  t.same(taskStateChangeInput('c', change('RUNNING')), {
    cluster: 'c',
    task: 'arn:task',
    status: 'RUNNING',
    containers: [
      {
        containerName: 'web',
        status: 'RUNNING',
        networkBindings: [
          { bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp' },
        ],
      },
    ],
  })
  const stopped = change('STOPPED', {
    reason: 'Essential container in task exited',
    pullStartedAt: new Date(1000),
    pullStoppedAt: new Date(2000),
    executionStoppedAt: new Date(3500),
    containers: [
      {
        taskArn: 'arn:task',
        containerName: 'web',
        status: 'STOPPED',
        knownStatus: 'STOPPED',
        runtimeId: 'abc',
        exitCode: 3,
        reason: 'OutOfMemoryError: x',
        networkBindings: [],
        healthStatus: 'UNKNOWN',
        restartCount: 0,
      },
    ],
  })
  t.match(taskStateChangeInput('c', stopped), {
    reason: 'Essential container in task exited',
    pullStartedAt: 1,
    pullStoppedAt: 2,
    executionStoppedAt: 3.5,
    containers: [{ runtimeId: 'abc', exitCode: 3, reason: 'OutOfMemoryError: x' }],
  })
  t.end()
})

t.test('changes of a task go in order; failures are retried, client refusals are not', async t => {
  const sent: SubmitTaskStateChangeInput[] = []
  const errors: unknown[] = []
  let failures = 2
  const reporter = new ApiReporter({
    cluster: 'c',
    retryDelayMs: 1,
    onError: e => errors.push(e),
    submit: input => {
      if (failures-- > 0) return Promise.reject(new Error('server down'))
      sent.push(input)
      return Promise.resolve({})
    },
    submitContainer: unused,
  })
  reporter.taskChanged(change('PENDING'))
  reporter.taskChanged(change('RUNNING'))
  await reporter.idle()
  t.same(
    sent.map(s => s.status),
    ['PENDING', 'RUNNING'],
  )
  t.equal(errors.length, 2, 'each failure is reported')

  // a real service refusal (the task is unknown): given up at once
  let calls = 0
  const refusing = new ApiReporter({
    cluster: 'c',
    retryDelayMs: 1,
    submitContainer: unused,
    submit: () => {
      calls++
      return Promise.reject(
        new EcsServiceError({
          name: 'InvalidParameterException',
          message: 'no such task',
          operation: 'SubmitTaskStateChange',
          statusCode: 400,
          requestId: undefined,
          data: {},
          response: { statusCode: 400, headers: {}, body: '' },
        }),
      )
    },
  })
  refusing.taskChanged(change('RUNNING'))
  await refusing.idle()
  t.equal(calls, 1)

  // closed: retries stop
  const closing = new ApiReporter({
    cluster: 'c',
    retryDelayMs: 1,
    submit: () => Promise.reject(new Error('down')),
    submitContainer: unused,
  })
  closing.taskChanged(change('RUNNING'))
  await new Promise(r => setTimeout(r, 10))
  closing.close()
  await closing.idle()
  t.pass('idle resolves after close')
})

const side = (
  status: 'RUNNING' | 'STOPPED',
  extra: Partial<ContainerStateChange> = {},
): ContainerStateChange => ({
  taskArn: 'arn:task',
  containerName: 'side',
  status,
  knownStatus: status,
  runtimeId: 'def',
  networkBindings: [],
  healthStatus: 'UNKNOWN',
  restartCount: 0,
  ...extra,
})

t.test('a container change as SubmitContainerStateChange', t => {
  t.same(
    containerStateChangeInput('c', side('STOPPED', { exitCode: 2, reason: 'OutOfMemoryError: x' })),
    {
      cluster: 'c',
      task: 'arn:task',
      containerName: 'side',
      status: 'STOPPED',
      runtimeId: 'def',
      exitCode: 2,
      reason: 'OutOfMemoryError: x',
      networkBindings: [],
    },
  )
  t.end()
})

t.test('a container change alone is sent alone; with its task change, only the task', async t => {
  const calls: (SubmitTaskStateChangeInput | SubmitContainerStateChangeInput)[] = []
  const record = (input: SubmitTaskStateChangeInput | SubmitContainerStateChangeInput) => {
    calls.push(input)
    return Promise.resolve({})
  }
  const reporter = new ApiReporter({ cluster: 'c', submit: record, submitContainer: record })
  // one turn: the container and its task become RUNNING together
  reporter.containerChanged(side('RUNNING'))
  reporter.taskChanged(change('RUNNING'))
  // a later turn: a non-essential container exits, the task keeps running
  reporter.containerChanged(side('STOPPED', { exitCode: 1 }))
  reporter.containerChanged({ ...side('STOPPED', { exitCode: 0 }), containerName: 'other' })
  await reporter.idle()
  t.same(
    calls.map(c =>
      'containerName' in c ? `${c.containerName}:${String(c.status)}` : `task:${String(c.status)}`,
    ),
    ['task:RUNNING', 'side:STOPPED', 'other:STOPPED'],
  )
  t.match(calls[1], { exitCode: 1, runtimeId: 'def' })
})
