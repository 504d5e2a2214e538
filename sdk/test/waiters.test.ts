import t from 'tap'
import { EcsServiceError, WaiterFailureError, WaiterTimeoutError } from '../src/errors.js'
import { matches, waitUntil, waiterDelay } from '../src/waiters.js'
import type { Acceptor, WaiterClock, WaiterSpec } from '../src/waiters.js'

const serviceError = (name: string, statusCode = 400) =>
  new EcsServiceError({
    name,
    message: name,
    operation: 'DescribeTasks',
    statusCode,
    requestId: undefined,
    data: {},
    response: { statusCode, headers: {}, body: '' },
  })

const tasks = (...statuses: string[]) => ({
  tasks: statuses.map(lastStatus => ({ lastStatus })),
  failures: [],
})

t.test('matchers', t => {
  const table: [string, Acceptor, { output: unknown } | { error: unknown }, boolean][] = [
    [
      'pathAll all equal',
      { state: 'success', matcher: 'pathAll', argument: 'tasks[].lastStatus', expected: 'RUNNING' },
      { output: tasks('RUNNING', 'RUNNING') },
      true,
    ],
    [
      'pathAll one differs',
      { state: 'success', matcher: 'pathAll', argument: 'tasks[].lastStatus', expected: 'RUNNING' },
      { output: tasks('RUNNING', 'PENDING') },
      false,
    ],
    [
      'pathAll empty list',
      { state: 'success', matcher: 'pathAll', argument: 'tasks[].lastStatus', expected: 'RUNNING' },
      { output: tasks() },
      false,
    ],
    [
      'pathAny one equal',
      { state: 'failure', matcher: 'pathAny', argument: 'tasks[].lastStatus', expected: 'STOPPED' },
      { output: tasks('RUNNING', 'STOPPED') },
      true,
    ],
    [
      'pathAny none equal',
      { state: 'failure', matcher: 'pathAny', argument: 'tasks[].lastStatus', expected: 'STOPPED' },
      { output: tasks('RUNNING') },
      false,
    ],
    [
      'pathAny not a list',
      { state: 'failure', matcher: 'pathAny', argument: 'tasks', expected: 'x' },
      { output: { tasks: 'x' } },
      false,
    ],
    [
      'path scalar',
      { state: 'success', matcher: 'path', argument: 'daemon.status', expected: 'ACTIVE' },
      { output: { daemon: { status: 'ACTIVE' } } },
      true,
    ],
    [
      'path JMESPath function',
      {
        state: 'success',
        matcher: 'path',
        argument:
          'length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`',
        expected: true,
      },
      { output: { services: [{ deployments: [{}], runningCount: 2, desiredCount: 2 }] } },
      true,
    ],
    [
      'path JMESPath function, unstable',
      {
        state: 'success',
        matcher: 'path',
        argument:
          'length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`',
        expected: true,
      },
      { output: { services: [{ deployments: [{}, {}], runningCount: 2, desiredCount: 2 }] } },
      false,
    ],
    [
      'path object equality',
      { state: 'success', matcher: 'path', argument: 'a', expected: { b: 1 } },
      { output: { a: { b: 1 } } },
      true,
    ],
    [
      'path without argument is the whole output',
      { state: 'success', matcher: 'path', expected: 'x' },
      { output: 'x' },
      true,
    ],
    [
      'pathAll without argument',
      { state: 'success', matcher: 'pathAll', expected: 1 },
      { output: [1, 1] },
      true,
    ],
    [
      'pathAny without argument',
      { state: 'success', matcher: 'pathAny', expected: 1 },
      { output: [0, 1] },
      true,
    ],
    [
      'status 200 on output',
      { state: 'success', matcher: 'status', expected: 200 },
      { output: {} },
      true,
    ],
    [
      'status 404 on output',
      { state: 'success', matcher: 'status', expected: 404 },
      { output: {} },
      false,
    ],
    [
      'status on error',
      { state: 'retry', matcher: 'status', expected: 500 },
      { error: serviceError('ServerException', 500) },
      true,
    ],
    [
      'status on a non-service error',
      { state: 'retry', matcher: 'status', expected: 500 },
      { error: new Error('x') },
      false,
    ],
    [
      'error by name',
      { state: 'success', matcher: 'error', expected: 'ServiceNotFoundException' },
      { error: serviceError('ServiceNotFoundException') },
      true,
    ],
    [
      'error by other name',
      { state: 'success', matcher: 'error', expected: 'ServiceNotFoundException' },
      { error: serviceError('ClientException') },
      false,
    ],
    [
      'error true: any error',
      { state: 'success', matcher: 'error', expected: true },
      { error: new Error('x') },
      true,
    ],
    [
      'error false: no error, on error',
      { state: 'success', matcher: 'error', expected: false },
      { error: new Error('x') },
      false,
    ],
    [
      'error false: no error, on output',
      { state: 'success', matcher: 'error', expected: false },
      { output: {} },
      true,
    ],
    [
      'path whose function fails on this output',
      { state: 'success', matcher: 'path', argument: 'length(services) == `0`', expected: true },
      { output: {} },
      false,
    ],
    [
      'path on error',
      { state: 'success', matcher: 'path', argument: 'a', expected: 1 },
      { error: new Error('x') },
      false,
    ],
  ]
  for (const [name, acceptor, outcome, want] of table)
    t.equal(matches(acceptor, outcome), want, name)
  t.end()
})

t.test('delays grow from minDelay, doubling, capped at maxDelay', t => {
  t.equal(
    waiterDelay(1, 1000, 10_000, () => 1),
    1000,
  )
  t.equal(
    waiterDelay(2, 1000, 10_000, () => 1),
    2000,
  )
  t.equal(
    waiterDelay(3, 1000, 10_000, () => 0.5),
    2500,
  )
  t.equal(
    waiterDelay(10, 1000, 10_000, () => 1),
    10_000,
  )
  t.equal(
    waiterDelay(500, 1000, 10_000, () => 0),
    1000,
  )
  t.end()
})

const tasksRunning: WaiterSpec = {
  name: 'TasksRunning',
  operation: 'DescribeTasks',
  delay: 6,
  maxAttempts: 100,
  acceptors: [
    { matcher: 'pathAny', argument: 'tasks[].lastStatus', state: 'failure', expected: 'STOPPED' },
    { matcher: 'pathAny', argument: 'failures[].reason', state: 'failure', expected: 'MISSING' },
    { matcher: 'pathAll', argument: 'tasks[].lastStatus', state: 'success', expected: 'RUNNING' },
    { matcher: 'error', state: 'retry', expected: 'ThrottlingException' },
  ],
}

/** A clock whose sleeps pass instantly but advance `now`. */
function fakeClock(): WaiterClock & { slept: number[] } {
  let now = 0
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    random: () => 1,
    sleep: ms => {
      slept.push(ms)
      now += ms
      return Promise.resolve()
    },
  }
}

/** A DescribeTasks that answers `outcomes` in turn (errors are thrown). */
function sequence(outcomes: unknown[]) {
  let i = 0
  return () => {
    const next = outcomes[Math.min(i++, outcomes.length - 1)]
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next)
  }
}

t.test('succeeds with the output that matched, after retrying', async t => {
  const clock = fakeClock()
  const call = sequence([tasks('PENDING'), serviceError('ThrottlingException'), tasks('RUNNING')])
  const output = await waitUntil(call, tasksRunning, {}, {}, clock)
  t.same(output, tasks('RUNNING'))
  t.same(clock.slept, [6000, 12_000], 'model delay, then doubled')
})

t.test('a failure acceptor throws WaiterFailureError naming it', async t => {
  const error = await waitUntil(
    sequence([tasks('PENDING'), tasks('STOPPED')]),
    tasksRunning,
    {},
    {},
    fakeClock(),
  ).catch((e: unknown) => e)
  t.ok(error instanceof WaiterFailureError)
  const failure = error as WaiterFailureError
  t.same(failure.acceptor, tasksRunning.acceptors[0])
  t.equal(failure.state.attempts, 2)
  t.same(failure.state.lastOutput, tasks('STOPPED'))
})

t.test('maxWaitSeconds runs out: WaiterTimeoutError', async t => {
  const clock = fakeClock()
  const error = await waitUntil(
    sequence([tasks('PENDING')]),
    tasksRunning,
    {},
    { maxWaitSeconds: 20, minDelay: 2, maxDelay: 4 },
    clock,
  ).catch((e: unknown) => e)
  t.ok(error instanceof WaiterTimeoutError)
  t.same(clock.slept, [2000, 4000, 4000, 4000, 4000], 'never sleeps past the deadline')
  t.equal((error as WaiterTimeoutError).state.attempts, 6)
})

t.test('the default deadline is delay × maxAttempts', async t => {
  const clock = fakeClock()
  await t.rejects(
    waitUntil(
      sequence([tasks('PENDING')]),
      { ...tasksRunning, delay: 1, maxAttempts: 3 },
      {},
      { maxDelay: 1 },
      clock,
    ),
    WaiterTimeoutError,
  )
  t.same(clock.slept, [1000, 1000, 1000])
})

t.test('an error no acceptor matches ends the wait as is', async t => {
  const boom = serviceError('ClusterNotFoundException')
  await t.rejects(waitUntil(sequence([boom]), tasksRunning, {}, {}, fakeClock()), boom)
})

t.test('an error-matcher success resolves with undefined', async t => {
  const spec: WaiterSpec = {
    ...tasksRunning,
    acceptors: [{ matcher: 'error', state: 'success', expected: 'ServiceNotFoundException' }],
  }
  t.equal(
    await waitUntil(
      sequence([serviceError('ServiceNotFoundException')]),
      spec,
      {},
      {},
      fakeClock(),
    ),
    undefined,
  )
})

t.test('real clock: short delays, and the signal aborts the sleep', async t => {
  const fast = await waitUntil(
    sequence([tasks('PENDING'), tasks('RUNNING')]),
    tasksRunning,
    {},
    { minDelay: 0.01, maxDelay: 0.02 },
  )
  t.same(fast, tasks('RUNNING'))
  const controller = new AbortController()
  setTimeout(() => {
    controller.abort(new Error('enough'))
  }, 30)
  await t.rejects(
    waitUntil(sequence([tasks('PENDING')]), tasksRunning, {}, { signal: controller.signal }),
    { name: 'AbortError' },
  )
})
