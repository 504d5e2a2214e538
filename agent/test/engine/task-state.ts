import t from 'tap'
import { containerNamed, initialTaskState, patchContainer } from '../../src/engine/task-state.js'
import { containerDef, fakeTask } from '../fixtures/tasks.js'

t.test(
  'initial state: every container NONE, essential by default, implicit START dependencies',
  t => {
    const task = fakeTask([
      containerDef('db'),
      containerDef('data', { essential: false }),
      containerDef('app', {
        links: ['db:database', 'db'],
        volumesFrom: [{ sourceContainer: 'data' }, {}],
        dependsOn: [{ containerName: 'data', condition: 'COMPLETE' }],
        healthCheck: { command: ['CMD', 'true'] },
      }),
    ])
    const state = initialTaskState(task, new Map([['db', 'ecs-fam-3-db-aa']]))
    t.equal(state.known, 'NONE')
    t.equal(state.desired, 'RUNNING')
    t.same(
      state.containers.map(c => [c.name, c.known, c.desired, c.essential]),
      [
        ['db', 'NONE', 'RUNNING', true],
        ['data', 'NONE', 'RUNNING', false],
        ['app', 'NONE', 'RUNNING', true],
      ],
    )
    t.same(containerNamed(state, 'app')?.dependsOn, [
      { containerName: 'data', condition: 'COMPLETE' },
      { containerName: 'db', condition: 'START' },
      { containerName: 'db', condition: 'START' },
    ])
    t.equal(containerNamed(state, 'app')?.hasHealthCheck, true)
    t.equal(containerNamed(state, 'db')?.dockerName, 'ecs-fam-3-db-aa')
    t.equal(containerNamed(state, 'data')?.dockerName, 'data', 'falls back to the container name')
    t.equal(containerNamed(state, 'nope'), undefined)
    t.end()
  },
)

t.test('patchContainer changes one container only', t => {
  const state = initialTaskState(fakeTask([containerDef('a'), containerDef('b')]), new Map())
  const next = patchContainer(state, 'b', { known: 'PULLED' })
  t.same(
    next.containers.map(c => c.known),
    ['NONE', 'PULLED'],
  )
  t.equal(state.containers[1]?.known, 'NONE', 'the old state is untouched')
  t.end()
})
