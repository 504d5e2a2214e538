import t from 'tap'
import { containerConfig } from '../../../src/docker/container-config.js'
import { createTransition } from '../../../src/engine/transitions/create.js'
import { CannotCreateContainerError } from '../../../src/errors.js'
import { fakeRuntime } from '../../fixtures/fake-runtime.js'
import { containerDef, fakeTask } from '../../fixtures/tasks.js'

const context = { dockerNames: new Map([['app', 'ecs-fam-3-app-01']]), defaultStopTimeout: 30 }
const config = containerConfig(fakeTask([containerDef('app')]), 'app', context)

t.test('creates the container and returns its id', async t => {
  const runtime = fakeRuntime()
  const id = await createTransition(runtime, config)
  t.equal(runtime.containers.get(id)?.config.name, 'ecs-fam-3-app-01')
})

t.test('adopts a container of the same name and task left by an earlier run', async t => {
  const runtime = fakeRuntime()
  const first = await createTransition(runtime, config)
  t.equal(await createTransition(runtime, config), first)
  t.equal(runtime.containers.size, 1, 'no second container')
})

t.test('a name taken by another task or container is a create failure', async t => {
  const runtime = fakeRuntime()
  await runtime.createContainer({ ...config, Labels: {} })
  await t.rejects(createTransition(runtime, config), CannotCreateContainerError)
  const other = fakeRuntime()
  await other.createContainer({
    ...config,
    Labels: { ...config.Labels, 'com.amazonaws.ecs.container-name': 'x' },
  })
  await t.rejects(createTransition(other, config), CannotCreateContainerError)
  const theirs = fakeRuntime()
  await theirs.createContainer({
    ...config,
    Labels: { ...config.Labels, 'com.amazonaws.ecs.task-arn': 'arn:other' },
  })
  await t.rejects(createTransition(theirs, config), CannotCreateContainerError)
})

t.test(
  'a create failure with nothing to adopt is passed on, even if inspect fails too',
  async t => {
    const runtime = fakeRuntime({ images: [] })
    await t.rejects(createTransition(runtime, config), /No such image/)
    runtime.failNext('inspectContainer', new Error('inspect down'))
    await t.rejects(createTransition(runtime, config), /No such image/)
    await t.rejects(
      createTransition(runtime, { ...config, Labels: {} }),
      /No such image/,
      'unlabelled config',
    )
  },
)
