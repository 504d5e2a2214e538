import t from 'tap'
import { containerConfig } from '../../../src/docker/container-config.js'
import { stopTransition } from '../../../src/engine/transitions/stop.js'
import { CannotStopContainerError } from '../../../src/errors.js'
import { fakeRuntime } from '../../fixtures/fake-runtime.js'
import { containerDef, fakeTask } from '../../fixtures/tasks.js'

async function running() {
  const runtime = fakeRuntime()
  const id = await runtime.createContainer(
    containerConfig(fakeTask([containerDef('app')]), 'app', {
      dockerNames: new Map([['app', 'n']]),
      defaultStopTimeout: 30,
    }),
  )
  await runtime.startContainer(id)
  return { runtime, id }
}

t.test('stops with the timeout and returns the exit code', async t => {
  const { runtime, id } = await running()
  const details = await stopTransition(runtime, id, {
    timeoutSeconds: 7,
    attempts: 3,
    retryDelayMs: 1,
  })
  t.equal(details?.state.exitCode, 143)
  t.same(runtime.calls.find(c => c.method === 'stopContainer')?.arg, { id, timeoutSeconds: 7 })
})

t.test('retries a failed stop, then gives up with the last error', async t => {
  const { runtime, id } = await running()
  runtime.failNext('stopContainer', new CannotStopContainerError('busy'))
  t.equal(
    (await stopTransition(runtime, id, { timeoutSeconds: 1, attempts: 3, retryDelayMs: 1 }))?.state
      .status,
    'exited',
  )
  t.equal(runtime.calls.filter(c => c.method === 'stopContainer').length, 2)
  const again = await running()
  for (const n of [1, 2, 3])
    again.runtime.failNext('stopContainer', new CannotStopContainerError(`busy ${n}`))
  await t.rejects(
    stopTransition(again.runtime, again.id, { timeoutSeconds: 1, attempts: 3, retryDelayMs: 1 }),
    {
      message: 'busy 3',
    },
  )
})

t.test('a stop whose inspect fails still counts as stopped', async t => {
  const { runtime, id } = await running()
  runtime.failNext('inspectContainer', new Error('inspect down'))
  t.equal(
    await stopTransition(runtime, id, { timeoutSeconds: 1, attempts: 1, retryDelayMs: 1 }),
    undefined,
  )
})
