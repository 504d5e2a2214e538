import t from 'tap'
import {
  dependencyCycle,
  nextStartDeadline,
  shutdownBlocker,
  startBlocker,
} from '../../src/engine/dependencies.js'
import { containerState, taskState } from '../fixtures/tasks.js'

const on = (...names: string[]) =>
  names.map(containerName => ({ containerName, condition: 'START' as const }))

t.test('dependencyCycle finds a cycle and names its path', t => {
  const containers = [
    containerState('a', { dependsOn: on('b') }),
    containerState('b', { dependsOn: on('c') }),
    containerState('c', { dependsOn: on('a') }),
  ]
  t.same(dependencyCycle(containers), ['a', 'b', 'c', 'a'])
  t.same(dependencyCycle([containerState('self', { dependsOn: on('self') })]), ['self', 'self'])
  t.end()
})

t.test('dependencyCycle accepts a diamond and dependencies on unknown containers', t => {
  const containers = [
    containerState('app', { dependsOn: on('left', 'right') }),
    containerState('left', { dependsOn: on('base') }),
    containerState('right', { dependsOn: on('base', 'elsewhere') }),
    containerState('base'),
  ]
  t.equal(dependencyCycle(containers), undefined)
  t.equal(dependencyCycle([]), undefined)
  t.end()
})

t.test('startBlocker is undefined when every dependency allows the step', t => {
  const dep = containerState('dep', { known: 'RUNNING', startedAt: new Date(0) })
  const app = containerState('app', { known: 'CREATED', dependsOn: on('dep') })
  t.equal(startBlocker(app, taskState([app, dep]), 'RUNNING'), undefined)
  t.same(
    startBlocker(app, taskState([app, containerState('dep', { known: 'CREATED' })]), 'RUNNING'),
    {
      reason: 'dependency dep (START) is not RUNNING yet',
      impossible: false,
    },
  )
  t.end()
})

t.test('shutdownBlocker names the dependent still running', t => {
  const db = containerState('db', { known: 'RUNNING', desired: 'STOPPED' })
  const app = containerState('app', { known: 'RUNNING', dependsOn: on('db') })
  t.same(shutdownBlocker(db, taskState([db, app])), {
    reason: 'dependent container app has not stopped yet',
    impossible: false,
  })
  t.equal(shutdownBlocker(app, taskState([db, app])), undefined)
  t.end()
})

t.test('nextStartDeadline is the earliest start timeout a waiting container depends on', t => {
  const at = (s: number) => new Date(s * 1000)
  const dep = (name: string, startedAt: Date | undefined, startTimeout: number | undefined) =>
    containerState(name, { known: 'RUNNING', startedAt, startTimeout })
  const waiting = (
    known: 'PULLED' | 'RUNNING' | 'STOPPED',
    desired: 'RUNNING' | 'STOPPED' = 'RUNNING',
  ) =>
    containerState('app', {
      known,
      desired,
      dependsOn: [
        { containerName: 'slow', condition: 'HEALTHY' },
        { containerName: 'fast', condition: 'COMPLETE' },
        { containerName: 'plain', condition: 'START' },
        { containerName: 'untimed', condition: 'SUCCESS' },
        { containerName: 'ghost', condition: 'SUCCESS' },
      ],
    })
  const deps = [
    dep('slow', at(10), 60),
    dep('fast', at(20), 5),
    dep('plain', at(0), 1),
    dep('untimed', at(0), undefined),
  ]
  t.equal(nextStartDeadline(taskState([waiting('PULLED'), ...deps])), 25_000)
  t.equal(nextStartDeadline(taskState([waiting('RUNNING'), ...deps])), undefined, 'started')
  t.equal(nextStartDeadline(taskState([waiting('STOPPED'), ...deps])), undefined, 'gave up')
  t.equal(nextStartDeadline(taskState([waiting('PULLED', 'STOPPED'), ...deps])), undefined)
  t.equal(
    nextStartDeadline(taskState([waiting('PULLED'), dep('slow', at(10), 60)])),
    70_000,
    'only one timed dependency',
  )
  t.end()
})
