import t from 'tap'
import { dependencyCycle, shutdownBlocker, startBlocker } from '../../src/engine/dependencies.js'
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
