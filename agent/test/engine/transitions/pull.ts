import t from 'tap'
import { pullTransition } from '../../../src/engine/transitions/pull.js'
import { CannotPullContainerError } from '../../../src/errors.js'
import { fakeRuntime } from '../../fixtures/fake-runtime.js'

t.test('prefer-cached pulls only what is missing', async t => {
  const runtime = fakeRuntime({ images: ['local'], registry: ['remote'] })
  await pullTransition(runtime, 'local', 'prefer-cached')
  await pullTransition(runtime, 'remote', 'prefer-cached')
  t.same(
    runtime.calls.map(c => [c.method, c.arg]),
    [
      ['imageExists', 'local'],
      ['imageExists', 'remote'],
      ['pullImage', 'remote'],
    ],
  )
  await t.rejects(pullTransition(runtime, 'nowhere', 'prefer-cached'), CannotPullContainerError)
})

t.test('always pulls and fails with the pull', async t => {
  const runtime = fakeRuntime({ images: ['local'] })
  await t.rejects(pullTransition(runtime, 'local', 'always'), CannotPullContainerError)
  runtime.registry.add('local')
  await pullTransition(runtime, 'local', 'always')
  t.same(
    runtime.calls.map(c => c.method),
    ['pullImage', 'pullImage'],
  )
})

t.test('default pulls and falls back to a local copy', async t => {
  const runtime = fakeRuntime({ images: ['local'], registry: ['remote'] })
  await pullTransition(runtime, 'local', 'default')
  await pullTransition(runtime, 'remote', 'default')
  await t.rejects(pullTransition(runtime, 'nowhere', 'default'), CannotPullContainerError)
  t.same(
    runtime.calls.map(c => c.method),
    ['pullImage', 'imageExists', 'pullImage', 'pullImage', 'imageExists'],
  )
})
