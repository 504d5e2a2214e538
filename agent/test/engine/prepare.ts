import t from 'tap'
import { engineConfig } from '../../src/engine/config.js'
import { prepareTask } from '../../src/engine/prepare.js'
import { initialTaskState } from '../../src/engine/task-state.js'
import type { ContainerDefinition, TaskDefinition } from '../../src/task-definition.js'
import { fakeRuntime } from '../fixtures/fake-runtime.js'
import { containerDef, fakeTask } from '../fixtures/tasks.js'

function prepare(containers: ContainerDefinition[], extra: Partial<TaskDefinition> = {}) {
  const task = fakeTask(containers, extra)
  const names = new Map(containers.map(c => [c.name, `docker-${c.name}`]))
  const shared = { runtime: fakeRuntime(), config: engineConfig() }
  return prepareTask(task, initialTaskState(task, names), names, shared)
}

t.test('a task that can run gets a create body and context per container', t => {
  const { steps, failure } = prepare([
    containerDef('web', { portMappings: [{ containerPortRange: '8000-8001' }] }),
    containerDef('db'),
  ])
  t.equal(failure, undefined)
  t.same([...steps.keys()], ['web', 'db'])
  t.equal(steps.get('web')?.create?.name, 'docker-web')
  t.same(steps.get('web')?.portRanges, [{ start: 8000, end: 8001, protocol: 'tcp' }])
  t.same(steps.get('db')?.portRanges, [])
  t.end()
})

t.test('a task that cannot run fails before anything, with the first reason', t => {
  const rows: [string, ContainerDefinition[], Partial<TaskDefinition>, RegExp][] = [
    [
      'a dependency cycle',
      [
        containerDef('a', { dependsOn: [{ containerName: 'b', condition: 'START' }] }),
        containerDef('b', { dependsOn: [{ containerName: 'a', condition: 'START' }] }),
      ],
      {},
      /^InvalidTaskError: container dependency cycle: a -> b -> a$/,
    ],
    [
      'an unsupported option',
      [containerDef('a')],
      { networkMode: 'awsvpc' },
      /^TaskUnsupportedError: /,
    ],
    [
      'a container without an image',
      [containerDef('a', { image: '' })],
      {},
      /^InvalidTaskError: container a: no image/,
    ],
    [
      'a bad port range',
      [containerDef('a', { portMappings: [{ containerPortRange: '9-1' }] })],
      {},
      /^InvalidTaskError: container a: containerPortRange 9-1/,
    ],
  ]
  for (const [why, containers, extra, reason] of rows) {
    const { steps, failure } = prepare(containers, extra)
    t.match(failure, reason, why)
    t.equal(steps.size, containers.length, `${why}: every container still has a context`)
    t.ok(
      [...steps.values()].every(s => s.create === undefined),
      `${why}: no create body`,
    )
  }
  t.end()
})
