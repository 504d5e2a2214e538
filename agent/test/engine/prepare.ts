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

t.test('resolved secrets: values in the environment, the login on the pull, a refusal fails', t => {
  const containers = [
    containerDef('app', {
      environment: [
        { name: 'A', value: 'plain' },
        { name: 'KEEP', value: 'k' },
      ],
      secrets: [{ name: 'A', valueFrom: '/a' }],
      repositoryCredentials: { credentialsParameter: 'login' },
    }),
    containerDef('side'),
  ]
  const names = new Map(containers.map(c => [c.name, `docker-${c.name}`]))
  const shared = { runtime: fakeRuntime(), config: engineConfig() }
  const task = {
    ...fakeTask(containers),
    secrets: [
      {
        containerName: 'app',
        environment: [{ name: 'A', value: 'from-ssm' }],
        registryAuth: { username: 'robot', password: 'pull-me' },
      },
      { containerName: 'side', environment: [] },
    ],
  }
  const { steps, failure } = prepareTask(task, initialTaskState(task, names), names, shared)
  t.equal(failure, undefined)
  t.same(
    steps.get('app')?.create?.Env?.slice(0, 2),
    ['A=from-ssm', 'KEEP=k'],
    'the secret wins over environment',
  )
  t.same(steps.get('app')?.registryAuth, { username: 'robot', password: 'pull-me' })
  t.equal(steps.get('side')?.registryAuth, undefined)
  const reason = 'ResourceInitializationError: unable to pull secrets or registry auth: x'
  const refused = { ...fakeTask(containers), startFailure: reason }
  t.equal(prepareTask(refused, initialTaskState(refused, names), names, shared).failure, reason)
  t.end()
})
