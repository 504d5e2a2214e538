import t from 'tap'
import { ESSENTIAL_EXITED, failTask, requestStop, settleTask } from '../../src/engine/task-rules.js'
import { containerState, taskState } from '../fixtures/tasks.js'

const now = new Date('2024-01-01T00:00:00Z')
const ran = { startedAt: new Date(0) }

t.test('an essential container that exits stops the task', t => {
  const state = settleTask(
    taskState(
      [
        containerState('app', { known: 'STOPPED', exitCode: 3, ...ran }),
        containerState('sidecar', { known: 'RUNNING', essential: false, ...ran }),
      ],
      { known: 'RUNNING' },
    ),
    now,
  )
  t.equal(state.desired, 'STOPPED')
  t.equal(state.stopCode, 'EssentialContainerExited')
  t.equal(state.stoppedReason, ESSENTIAL_EXITED)
  t.same(
    state.containers.map(c => c.desired),
    ['STOPPED', 'STOPPED'],
  )
  t.equal(state.known, 'RUNNING', 'the task is not STOPPED while the sidecar still runs')
  t.end()
})

t.test('an essential container that failed before starting fails the task with its reason', t => {
  const failed = containerState('app', {
    known: 'STOPPED',
    reason: 'CannotPullContainerError: nope',
  })
  const state = settleTask(taskState([failed]), now)
  t.equal(state.stopCode, 'TaskFailedToStart')
  t.equal(state.stoppedReason, 'CannotPullContainerError: nope')
  t.equal(state.known, 'STOPPED')
  t.equal(state.executionStoppedAt, now)
  const silent = settleTask(taskState([containerState('app', { known: 'STOPPED' })]), now)
  t.equal(silent.stoppedReason, 'Essential container app stopped before it started')
  t.end()
})

t.test('a non-essential container that exits leaves the task running', t => {
  const state = settleTask(
    taskState(
      [
        containerState('init', { known: 'STOPPED', exitCode: 0, essential: false, ...ran }),
        containerState('app', { known: 'RUNNING', ...ran }),
      ],
      { known: 'PULLED' },
    ),
    now,
  )
  t.equal(state.desired, 'RUNNING')
  t.equal(state.known, 'RUNNING')
  t.equal(state.startedAt, now)
  t.same(
    state.containers.map(c => c.desired),
    ['STOPPED', 'RUNNING'],
  )
  t.end()
})

t.test('the task known status is the lowest of its live containers and never moves back', t => {
  const containers = [
    containerState('a', { known: 'RUNNING' }),
    containerState('b', { known: 'PULLED' }),
  ]
  t.equal(settleTask(taskState(containers), now).known, 'PULLED')
  t.equal(settleTask(taskState(containers, { known: 'CREATED' }), now).known, 'CREATED')
  const started = new Date(1)
  const running = settleTask(
    taskState([containerState('a', { known: 'RUNNING' })], { startedAt: started }),
    now,
  )
  t.equal(running.startedAt, started, 'startedAt is stamped once')
  t.end()
})

t.test('requestStop asks for STOPPED once, as the user asked', t => {
  const stopping = requestStop(taskState([containerState('a')]), 'scaling down')
  t.equal(stopping.desired, 'STOPPED')
  t.equal(stopping.stopCode, 'UserInitiated')
  t.equal(stopping.stoppedReason, 'scaling down')
  t.equal(requestStop(stopping, 'again'), stopping, 'a second stop changes nothing')
  t.end()
})

t.test('failTask gives up every container that has not started', t => {
  const state = failTask(
    taskState([
      containerState('a', { known: 'PULLED' }),
      containerState('b', { known: 'RUNNING' }),
      containerState('c', { known: 'STOPPED', reason: 'earlier' }),
    ]),
    'TaskUnsupportedError: awsvpc',
  )
  t.equal(state.desired, 'STOPPED')
  t.equal(state.stopCode, 'TaskFailedToStart')
  t.equal(state.stoppedReason, 'TaskUnsupportedError: awsvpc')
  t.same(
    state.containers.map(c => [c.known, c.reason]),
    [
      ['STOPPED', 'TaskUnsupportedError: awsvpc'],
      ['RUNNING', undefined],
      ['STOPPED', 'earlier'],
    ],
  )
  const userStopped = failTask(requestStop(taskState([containerState('a')]), 'bye'), 'x')
  t.equal(userStopped.stopCode, 'UserInitiated', 'an earlier stop code is kept')
  t.end()
})
