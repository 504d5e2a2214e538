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

t.test('once pulls an image only the first time, even when it is present locally', async t => {
  const runtime = fakeRuntime({ images: ['app'], registry: ['app'] })
  const pulled = new Set<string>()
  await pullTransition(runtime, 'app', 'once', pulled)
  await pullTransition(runtime, 'app', 'once', pulled)
  t.same(
    runtime.calls.map(c => c.method),
    ['pullImage'],
    'the second task finds it pulled',
  )
  t.same([...pulled], ['app'])
  await t.rejects(pullTransition(runtime, 'nowhere', 'once', pulled), CannotPullContainerError)
  t.notOk(pulled.has('nowhere'), 'a failed pull is not remembered')
  await pullTransition(runtime, 'app', 'once')
  t.equal(runtime.calls.length, 3, 'without a shared set every call pulls')
})

t.test('a successful pull is remembered whatever the behaviour', async t => {
  const runtime = fakeRuntime({ registry: ['a', 'b'] })
  const pulled = new Set<string>()
  await pullTransition(runtime, 'a', 'always', pulled)
  await pullTransition(runtime, 'b', 'default', pulled)
  t.same([...pulled].sort(), ['a', 'b'])
})
