import t from 'tap'
import { ChangeTracker, SILENT_REPORTER, taskChange } from '../../src/engine/state-reporter.js'
import { recorder } from '../fixtures/recorder.js'
import { containerState, taskState } from '../fixtures/tasks.js'

t.test('reports each container RUNNING/STOPPED once, then the task change', t => {
  const rec = recorder()
  const tracker = new ChangeTracker(rec, () => undefined)
  tracker.report(taskState([containerState('a'), containerState('b')]))
  tracker.report(taskState([containerState('a', { known: 'CREATED' }), containerState('b')]))
  tracker.report(
    taskState(
      [containerState('a', { known: 'RUNNING' }), containerState('b', { known: 'RUNNING' })],
      { known: 'RUNNING' },
    ),
  )
  tracker.report(
    taskState(
      [containerState('a', { known: 'RUNNING' }), containerState('b', { known: 'RUNNING' })],
      { known: 'RUNNING' },
    ),
  )
  tracker.report(
    taskState(
      [
        containerState('a', { known: 'STOPPED', exitCode: 0 }),
        containerState('b', { known: 'STOPPED' }),
      ],
      {
        known: 'STOPPED',
        stoppedReason: 'done',
      },
    ),
  )
  t.same(rec.timeline(), [
    'task:PENDING',
    'a:RUNNING',
    'b:RUNNING',
    'task:RUNNING',
    'a:STOPPED',
    'b:STOPPED',
    'task:STOPPED',
  ])
  const last = rec.tasks.at(-1)!
  t.equal(last.reason, 'done')
  t.same(
    last.containers.map(c => [c.containerName, c.status, c.exitCode]),
    [
      ['a', 'STOPPED', 0],
      ['b', 'STOPPED', undefined],
    ],
  )
  t.end()
})

t.test('a reporter that throws is caught and handed to onError', t => {
  const seen: unknown[] = []
  const boom = new Error('reporter down')
  const tracker = new ChangeTracker(
    {
      taskChanged: () => {
        throw boom
      },
      containerChanged: () => {
        throw boom
      },
    },
    error => seen.push(error),
  )
  tracker.report(taskState([containerState('a', { known: 'RUNNING' })], { known: 'RUNNING' }))
  t.same(seen, [boom, boom])
  t.end()
})

t.test('health changes are told once each, with the task, to a reporter that listens', t => {
  const rec = recorder()
  const health: string[][] = []
  const tracker = new ChangeTracker(
    {
      ...rec,
      healthChanged: change => {
        health.push(change.containers.map(c => `${c.containerName}:${c.healthStatus}`))
      },
    },
    () => undefined,
  )
  const running = (a: 'UNKNOWN' | 'HEALTHY' | 'UNHEALTHY', b: 'UNKNOWN' | 'HEALTHY') =>
    taskState(
      [
        containerState('a', { known: 'RUNNING', health: a }),
        containerState('b', { known: 'RUNNING', health: b }),
      ],
      { known: 'RUNNING' },
    )
  tracker.report(running('UNKNOWN', 'UNKNOWN'))
  tracker.report(running('HEALTHY', 'UNKNOWN'))
  tracker.report(running('HEALTHY', 'UNKNOWN'))
  tracker.report(running('UNHEALTHY', 'HEALTHY'))
  t.same(health, [
    ['a:HEALTHY', 'b:UNKNOWN'],
    ['a:UNHEALTHY', 'b:HEALTHY'],
  ])
  t.same(rec.timeline(), ['a:RUNNING', 'b:RUNNING', 'task:RUNNING'], 'status changes as before')
  // a reporter without healthChanged hears nothing more
  const plain = recorder()
  const quiet = new ChangeTracker(plain, () => undefined)
  quiet.report(running('UNHEALTHY', 'HEALTHY'))
  t.same(plain.timeline(), ['a:RUNNING', 'b:RUNNING', 'task:RUNNING'])
  t.end()
})

t.test('taskChange carries the timestamps and the silent reporter accepts anything', t => {
  const at = new Date(5)
  const change = taskChange(
    taskState([], { pullStartedAt: at, pullStoppedAt: at, startedAt: at, executionStoppedAt: at }),
  )
  t.same(
    [change.pullStartedAt, change.pullStoppedAt, change.startedAt, change.executionStoppedAt],
    [at, at, at, at],
  )
  t.doesNotThrow(() => {
    SILENT_REPORTER.taskChanged(change)
    SILENT_REPORTER.containerChanged({
      ...taskChange(taskState([containerState('a')])).containers[0]!,
    })
  })
  t.end()
})
