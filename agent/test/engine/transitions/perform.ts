import t from 'tap'
import { containerConfig } from '../../../src/docker/container-config.js'
import { portRanges } from '../../../src/docker/port-bindings.js'
import { engineConfig } from '../../../src/engine/config.js'
import { performStep, type StepContext } from '../../../src/engine/transitions/perform.js'
import { DockerTimeoutError } from '../../../src/errors.js'
import { fakeRuntime } from '../../fixtures/fake-runtime.js'
import { containerDef, containerState, fakeTask } from '../../fixtures/tasks.js'

function setup(images: string[] = ['busybox']) {
  const runtime = fakeRuntime({ images })
  const definition = containerDef('app', { stopTimeout: 4 })
  const create = containerConfig(fakeTask([definition]), 'app', {
    dockerNames: new Map([['app', 'n']]),
    defaultStopTimeout: 30,
  })
  const context: StepContext = {
    runtime,
    config: engineConfig({ stopRetryDelayMs: 1 }),
    create,
    definition,
  }
  return { runtime, context }
}

t.test('each step makes its call and says what it learnt', async t => {
  const { runtime, context } = setup()
  t.same(await performStep('PULLED', containerState('app'), context), {
    type: 'patch',
    patch: { known: 'PULLED' },
  })
  const created = await performStep('CREATED', containerState('app'), context)
  t.equal(created.type === 'patch' && created.patch.known, 'CREATED')
  const runtimeId = created.type === 'patch' ? created.patch.runtimeId : undefined
  const started = await performStep('RUNNING', containerState('app', { runtimeId }), context)
  t.equal(started.type === 'observed' && started.details?.state.status, 'running')
  const stopped = await performStep('STOPPED', containerState('app', { runtimeId }), context)
  t.equal(stopped.type === 'observed' && stopped.details?.state.exitCode, 143)
  t.same(runtime.calls.find(c => c.method === 'stopContainer')?.arg, {
    id: runtimeId,
    timeoutSeconds: 4,
  })
})

t.test('a failure becomes STOPPED with the step error as reason', async t => {
  const { context } = setup([])
  t.same(await performStep('PULLED', containerState('app'), context), {
    type: 'patch',
    patch: { known: 'STOPPED', reason: 'CannotPullContainerError: pull access denied for busybox' },
  })
  const created = await performStep('CREATED', containerState('app'), context)
  t.match(created, {
    patch: { known: 'STOPPED', reason: /^CannotCreateContainerError: No such image/ },
  })
  t.match(await performStep('RUNNING', containerState('app'), context), {
    patch: { reason: 'AgentError: container app has no Docker container yet' },
  })
  t.match(await performStep('STOPPED', containerState('app'), context), {
    patch: { reason: /^AgentError/ },
  })
  t.match(await performStep('PULLED', containerState('app'), { ...context, create: undefined }), {
    patch: { reason: 'AgentError: container app has no valid create configuration' },
  })
  const { runtime, context: ok } = setup()
  runtime.failNext('imageExists', new DockerTimeoutError('imageExists', 5))
  t.match(await performStep('PULLED', containerState('app'), ok), {
    patch: { reason: /^DockerTimeoutError/ },
  })
  runtime.failNext('createContainer', new Error('raw socket error'))
  t.match(await performStep('CREATED', containerState('app'), ok), {
    patch: { reason: 'CannotCreateContainerError: raw socket error' },
  })
})

t.test('create binds each containerPortRange to a free contiguous host range', async t => {
  const runtime = fakeRuntime()
  const definition = containerDef('app', {
    portMappings: [
      { containerPortRange: '8000-8002' },
      { containerPortRange: '9000-9001', protocol: 'udp' },
    ],
  })
  const create = containerConfig(fakeTask([definition]), 'app', {
    dockerNames: new Map([['app', 'n']]),
    defaultStopTimeout: 30,
  })
  const context: StepContext = {
    runtime,
    config: engineConfig(),
    create,
    definition,
    portRanges: portRanges(definition.portMappings ?? [], 'bridge', 'app'),
    hostPorts: { from: 50100, to: 50200 },
  }
  const created = await performStep('CREATED', containerState('app'), context)
  t.equal(created.type === 'patch' && created.patch.known, 'CREATED')
  const body = runtime.calls.find(c => c.method === 'createContainer')?.arg as typeof create
  const hostPort = (key: string) => Number(body.HostConfig.PortBindings?.[key]?.[0]?.HostPort)
  const first = hostPort('8000/tcp')
  t.ok(first >= 50100 && first <= 50198)
  t.same(
    [hostPort('8001/tcp'), hostPort('8002/tcp')],
    [first + 1, first + 2],
    'contiguous, in order',
  )
  const udp = hostPort('9000/udp')
  t.equal(hostPort('9001/udp'), udp + 1)
  t.ok(udp > first + 2 || udp + 1 < first, 'the ranges do not overlap')

  const none = await performStep('CREATED', containerState('app'), {
    ...context,
    create: { ...create, name: 'other' },
    hostPorts: { from: 50100, to: 50101 },
  })
  t.match(none, {
    type: 'patch',
    patch: { known: 'STOPPED', reason: /^CannotCreateContainerError: no 3 contiguous free tcp/ },
  })
})
