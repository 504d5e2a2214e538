import t from 'tap'
import type { ContainerDetails } from '../../src/docker/runtime.js'
import { GONE_REASON, OOM_REASON, healthStatus, observedPatch } from '../../src/engine/observe.js'
import { containerState } from '../fixtures/tasks.js'

function details(state: Partial<ContainerDetails['state']>): ContainerDetails {
  return {
    id: 'c1',
    name: 'ecs-fam-3-app-00',
    image: 'busybox',
    imageId: 'sha256:abc',
    labels: {},
    networkMode: 'bridge',
    ports: {},
    state: {
      status: 'running',
      running: true,
      exitCode: 0,
      oomKilled: false,
      error: '',
      startedAt: new Date(1000),
      finishedAt: undefined,
      health: undefined,
      ...state,
    },
  }
}

const bindings = () => [
  { bindIP: '0.0.0.0', containerPort: 80, hostPort: 49153, protocol: 'tcp' as const },
]

t.test('a running container is RUNNING with its bindings and start time', t => {
  const patch = observedPatch(
    containerState('app', { known: 'CREATED' }),
    details({ health: 'healthy' }),
    bindings,
  )
  t.same(patch, {
    runtimeId: 'c1',
    imageId: 'sha256:abc',
    health: 'HEALTHY',
    startedAt: new Date(1000),
    known: 'RUNNING',
    networkBindings: bindings(),
  })
  for (const status of ['paused', 'restarting']) {
    t.equal(observedPatch(containerState('app'), details({ status }), bindings).known, 'RUNNING')
  }
  t.end()
})

t.test('a created container is CREATED, but known never moves back', t => {
  const created = details({ status: 'created', running: false, startedAt: undefined })
  t.equal(
    observedPatch(containerState('app', { known: 'PULLED' }), created, bindings).known,
    'CREATED',
  )
  t.equal(
    observedPatch(containerState('app', { known: 'RUNNING' }), created, bindings).known,
    'RUNNING',
  )
  t.notOk('startedAt' in observedPatch(containerState('app'), created, bindings))
  t.end()
})

t.test('an exited container is STOPPED with its exit code, and OOM is named', t => {
  const exited = details({
    status: 'exited',
    running: false,
    exitCode: 3,
    finishedAt: new Date(2000),
  })
  const patch = observedPatch(containerState('app', { known: 'RUNNING' }), exited, bindings)
  t.equal(patch.known, 'STOPPED')
  t.equal(patch.exitCode, 3)
  t.same(patch.finishedAt, new Date(2000))
  t.notOk('reason' in patch)
  const oom = observedPatch(
    containerState('app'),
    details({ status: 'exited', exitCode: 137, oomKilled: true }),
    bindings,
  )
  t.equal(oom.reason, OOM_REASON)
  const dead = observedPatch(
    containerState('app', { reason: 'first' }),
    details({ status: 'dead', oomKilled: true }),
    bindings,
  )
  t.equal(dead.reason, 'first', 'an earlier reason is kept')
  t.notOk('finishedAt' in dead)
  t.end()
})

t.test('a container Docker no longer knows is STOPPED with a reason', t => {
  t.same(observedPatch(containerState('app'), undefined, bindings), {
    known: 'STOPPED',
    reason: GONE_REASON,
  })
  t.same(
    observedPatch(containerState('app', { reason: 'kept' }), undefined, bindings).reason,
    'kept',
  )
  t.end()
})

t.test('Docker health maps to ECS health', t => {
  t.same(
    [
      healthStatus('healthy'),
      healthStatus('unhealthy'),
      healthStatus('starting'),
      healthStatus(undefined),
    ],
    ['HEALTHY', 'UNHEALTHY', 'UNKNOWN', 'UNKNOWN'],
  )
  t.end()
})
