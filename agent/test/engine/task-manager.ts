import t from 'tap'
import { GONE_REASON, OOM_REASON } from '../../src/engine/observe.js'
import { TaskManager, type TaskManagerOptions } from '../../src/engine/task-manager.js'
import type { TaskRecord } from '../../src/engine/task-record.js'
import type { TaskStore } from '../../src/engine/task-store.js'
import { CannotStopContainerError } from '../../src/errors.js'
import type { ContainerDefinition, EngineTask, TaskDefinition } from '../../src/task-definition.js'
import { fakeRuntime, forwardEvents, type FakeRuntime } from '../fixtures/fake-runtime.js'
import { recorder, tick, type Change, type Recorder } from '../fixtures/recorder.js'
import { containerDef, fakeTask } from '../fixtures/tasks.js'

interface Harness {
  runtime: FakeRuntime
  rec: Recorder
  manager: TaskManager
  done: ReturnType<TaskManager['run']>
  errors: unknown[]
}

function manage(
  containers: ContainerDefinition[],
  extra: Partial<TaskDefinition> = {},
  options: Omit<Partial<TaskManagerOptions>, 'task' | 'runtime'> & {
    runtime?: FakeRuntime
    task?: Partial<EngineTask>
  } = {},
): Harness {
  const runtime = options.runtime ?? fakeRuntime()
  const rec = recorder()
  const errors: unknown[] = []
  let n = 0
  const manager = new TaskManager({
    task: fakeTask(containers, extra, options.task),
    runtime,
    reporter: rec,
    config: { cleanupDelayMs: 60_000, stopRetryDelayMs: 1, region: 'us-east-1', ...options.config },
    onError: error => errors.push(error),
    randomHex: () => `hex${n++}`,
    ...(options.restored ? { restored: options.restored } : {}),
    ...(options.vanished ? { vanished: options.vanished } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.now ? { now: options.now } : {}),
  })
  const unsubscribe = forwardEvents(runtime, manager)
  const done = manager.run().finally(unsubscribe)
  return { runtime, rec, manager, done, errors }
}

const taskIs = (status: string) => (c: Change) => c.kind === 'task' && c.change.status === status
const methods = (runtime: FakeRuntime) =>
  runtime.calls.map(c => c.method).filter(m => m !== 'events')

t.test('a task runs, reports PENDING → RUNNING, stops on request and is cleaned up', async t => {
  const h = manage([containerDef('app', { portMappings: [{ containerPort: 80 }] })])
  const running = await h.rec.until(taskIs('RUNNING'))
  t.same(h.rec.timeline(), ['task:PENDING', 'app:RUNNING', 'task:RUNNING'])
  t.same(methods(h.runtime), [
    'imageExists',
    'createContainer',
    'startContainer',
    'inspectContainer',
  ])
  const app = h.runtime.byName('app')
  t.equal(app.config.name, 'ecs-fam-3-app-hex0')
  t.ok(app.config.Env?.includes('AWS_REGION=us-east-1'))
  const change = running.kind === 'task' ? running.change : undefined
  t.same(change?.containers[0]?.networkBindings, [
    { bindIP: '0.0.0.0', containerPort: 80, hostPort: 49153, protocol: 'tcp' },
  ])
  t.ok(change?.pullStartedAt && change.pullStoppedAt && change.startedAt)
  t.equal(change?.containers[0]?.runtimeId, app.id)

  h.manager.stop('scaling in')
  const stopped = await h.rec.until(taskIs('STOPPED'))
  t.match(stopped, {
    change: { stopCode: 'UserInitiated', reason: 'scaling in', containers: [{ exitCode: 143 }] },
  })
  t.notOk(
    h.runtime.calls.some(c => c.method === 'removeContainer'),
    'kept until the cleanup delay',
  )
  h.manager.cleanupNow()
  const final = await h.done
  t.equal(final.known, 'STOPPED')
  t.equal(h.runtime.containers.size, 0, 'removed')
  t.same(h.rec.timeline().slice(3), ['app:STOPPED', 'task:STOPPED'])
  t.equal(h.manager.run(), h.manager.run(), 'run() is idempotent')
})

t.test('an essential container that exits stops the task with its exit code', async t => {
  const h = manage([containerDef('app'), containerDef('sidecar', { essential: false })])
  await h.rec.until(taskIs('RUNNING'))
  h.runtime.exit(h.runtime.byName('app').id, 3)
  const stopped = await h.rec.until(taskIs('STOPPED'))
  t.match(stopped, {
    change: {
      stopCode: 'EssentialContainerExited',
      reason: 'Essential container in task exited',
      containers: [
        { containerName: 'app', exitCode: 3 },
        { containerName: 'sidecar', exitCode: 143 },
      ],
    },
  })
  h.manager.detach()
  await h.done
})

t.test('a non-essential container that exits does not stop the task', async t => {
  const h = manage([containerDef('app'), containerDef('job', { essential: false })])
  await h.rec.until(taskIs('RUNNING'))
  h.runtime.exit(h.runtime.byName('job').id, 1)
  await h.rec.until(
    c =>
      c.kind === 'container' && c.change.containerName === 'job' && c.change.status === 'STOPPED',
  )
  await tick(5)
  t.equal(h.manager.state.desired, 'RUNNING')
  t.equal(h.manager.state.known, 'RUNNING')
  h.manager.detach()
  await h.done
})

t.test(
  'a failed pull stops the task with CannotPullContainerError before anything is created',
  async t => {
    const h = manage(
      [containerDef('app', { image: 'missing:1' })],
      {},
      { config: { cleanupDelayMs: 0 } },
    )
    const final = await h.done
    t.equal(final.stopCode, 'TaskFailedToStart')
    t.match(final.stoppedReason, /^CannotPullContainerError: pull access denied for missing:1/)
    t.match(final.containers[0]?.reason, /^CannotPullContainerError/)
    t.same(methods(h.runtime), ['imageExists', 'pullImage'])
    t.same(h.rec.timeline(), ['task:PENDING', 'app:STOPPED', 'task:STOPPED'])
  },
)

t.test('a task using an unsupported option fails at once, without a Docker call', async t => {
  const h = manage(
    [containerDef('app', { secrets: [{ name: 'X', valueFrom: 'arn' }] })],
    { networkMode: 'awsvpc' },
    { config: { cleanupDelayMs: 0 } },
  )
  const final = await h.done
  t.match(final.stoppedReason, /^TaskUnsupportedError: networkMode awsvpc /)
  t.equal(final.stopCode, 'TaskFailedToStart')
  t.same(methods(h.runtime), [])
})

t.test('an invalid task fails with InvalidTaskError: a cycle, or a bad definition', async t => {
  const cycle = manage(
    [
      containerDef('a', { dependsOn: [{ containerName: 'b', condition: 'START' }] }),
      containerDef('b', { dependsOn: [{ containerName: 'a', condition: 'START' }] }),
    ],
    {},
    { config: { cleanupDelayMs: 0 } },
  )
  t.equal(
    (await cycle.done).stoppedReason,
    'InvalidTaskError: container dependency cycle: a -> b -> a',
  )
  const noImage = manage(
    [containerDef('a'), containerDef('b', { image: '' })],
    {},
    { config: { cleanupDelayMs: 0 } },
  )
  t.equal((await noImage.done).stoppedReason, 'InvalidTaskError: container b: no image')
})

t.test('a task sent already STOPPED ends without touching Docker', async t => {
  const h = manage(
    [containerDef('app')],
    {},
    { task: { desiredStatus: 'STOPPED' }, config: { cleanupDelayMs: 0 } },
  )
  const final = await h.done
  t.equal(final.known, 'STOPPED')
  t.same(methods(h.runtime), [])
})

t.test('dependsOn SUCCESS: the main container starts only after init exits 0', async t => {
  const h = manage([
    containerDef('init', { essential: false }),
    containerDef('main', { dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] }),
  ])
  await h.rec.until(
    c =>
      c.kind === 'container' && c.change.containerName === 'init' && c.change.status === 'RUNNING',
  )
  await tick(5)
  t.same(
    h.runtime.calls.filter(c => c.method === 'createContainer').length,
    1,
    'main not created while init runs',
  )
  h.runtime.exit(h.runtime.byName('init').id, 0)
  await h.rec.until(taskIs('RUNNING'))
  t.same(h.rec.timeline(), [
    'task:PENDING',
    'init:RUNNING',
    'init:STOPPED',
    'main:RUNNING',
    'task:RUNNING',
  ])
  h.manager.detach()
  await h.done
})

t.test(
  'dependsOn SUCCESS: init exiting 1 gives the main container up and stops the task',
  async t => {
    const h = manage(
      [
        containerDef('init', { essential: false }),
        containerDef('main', { dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] }),
      ],
      {},
      { config: { cleanupDelayMs: 0 } },
    )
    await h.rec.until(c => c.kind === 'container' && c.change.status === 'RUNNING')
    h.runtime.exit(h.runtime.byName('init').id, 1)
    const final = await h.done
    t.equal(final.stopCode, 'TaskFailedToStart')
    t.match(
      final.stoppedReason,
      'dependency init (SUCCESS) did not exit successfully (exit code 1)',
    )
    t.equal(h.runtime.calls.filter(c => c.method === 'createContainer').length, 1)
  },
)

t.test('dependsOn HEALTHY waits for the health check', async t => {
  const h = manage([
    containerDef('db', { healthCheck: { command: ['CMD', 'true'] } }),
    containerDef('app', { dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] }),
  ])
  await h.rec.until(c => c.kind === 'container' && c.change.containerName === 'db')
  const db = h.runtime.byName('db')
  h.runtime.setHealth(db.id, 'unhealthy')
  await tick(5)
  t.equal(h.manager.state.containers[0]?.health, 'UNHEALTHY')
  t.equal(h.manager.state.containers[1]?.known, 'PULLED')
  h.runtime.setHealth(db.id, 'healthy')
  await h.rec.until(taskIs('RUNNING'))
  t.equal(h.manager.state.containers[0]?.health, 'HEALTHY')
  h.manager.detach()
  await h.done
})

t.test('stopping runs in reverse dependency order with each container stop timeout', async t => {
  const h = manage(
    [containerDef('db', { stopTimeout: 9 }), containerDef('app', { links: ['db'] })],
    {},
    { config: { stopTimeoutSeconds: 4, cleanupDelayMs: 0 } },
  )
  await h.rec.until(taskIs('RUNNING'))
  h.manager.stop()
  await h.done
  const stops = h.runtime.calls
    .filter(c => c.method === 'stopContainer')
    .map(c => c.arg as { id: string; timeoutSeconds: number })
  t.same(
    stops.map(s => [
      h.manager.state.containers.find(c => c.runtimeId === s.id)?.name,
      s.timeoutSeconds,
    ]),
    [
      ['app', 4],
      ['db', 9],
    ],
  )
  t.equal(h.manager.state.stoppedReason, 'Task stopped by user')
})

t.test(
  'a container that cannot be stopped is declared stopped with CannotStopContainerError',
  async t => {
    const h = manage([containerDef('app')], {}, { config: { cleanupDelayMs: 0, stopAttempts: 2 } })
    await h.rec.until(taskIs('RUNNING'))
    h.runtime.failNext('stopContainer', new CannotStopContainerError('device busy'))
    h.runtime.failNext('stopContainer', new CannotStopContainerError('device busy'))
    h.manager.stop()
    const final = await h.done
    t.equal(final.containers[0]?.reason, 'CannotStopContainerError: device busy')
    t.equal(h.runtime.containers.size, 0, 'cleanup removes it by force')
  },
)

t.test('an OOM kill is reported as OutOfMemoryError', async t => {
  const h = manage([containerDef('app', { memory: 64 })], {}, { config: { cleanupDelayMs: 0 } })
  await h.rec.until(taskIs('RUNNING'))
  h.runtime.exit(h.runtime.byName('app').id, 137, { oom: true })
  const final = await h.done
  t.equal(final.containers[0]?.reason, OOM_REASON)
  t.equal(final.containers[0]?.exitCode, 137)
})

t.test('a container removed behind the agent is STOPPED with a reason', async t => {
  const h = manage([containerDef('app')], {}, { config: { cleanupDelayMs: 0 } })
  await h.rec.until(taskIs('RUNNING'))
  h.runtime.destroy(h.runtime.byName('app').id)
  const final = await h.done
  t.equal(final.containers[0]?.reason, GONE_REASON)
})

t.test('resync learns what happened while events were missed', async t => {
  const runtime = fakeRuntime()
  const manager = new TaskManager({ task: fakeTask(), runtime, config: { cleanupDelayMs: 0 } })
  const done = manager.run()
  for (let i = 0; i < 50 && manager.state.known !== 'RUNNING'; i++) await tick(1)
  runtime.exit(runtime.byName('app').id, 0)
  await tick(5)
  t.equal(manager.state.known, 'RUNNING', 'no event reached the manager')
  manager.resync()
  const final = await done
  t.equal(final.containers[0]?.exitCode, 0)
})

t.test('an inspect that fails after an event keeps the state and reports the fault', async t => {
  const h = manage([containerDef('app')], {}, { config: { cleanupDelayMs: 0 } })
  await h.rec.until(taskIs('RUNNING'))
  const inspectError = new Error('inspect down')
  h.runtime.failNext('inspectContainer', inspectError)
  h.runtime.exit(h.runtime.byName('app').id, 2)
  await tick(10)
  t.same(h.errors, [inspectError])
  t.equal(h.manager.state.known, 'RUNNING')
  h.manager.resync()
  t.equal((await h.done).containers[0]?.exitCode, 2)
})

t.test('events that are not for this task, or carry nothing new, are ignored', async t => {
  const h = manage([containerDef('app')])
  await h.rec.until(taskIs('RUNNING'))
  const before = h.manager.state
  h.manager.handleEvent({ type: 'connected', time: new Date() })
  h.manager.handleEvent({
    type: 'container',
    action: 'die',
    id: 'someone-else',
    labels: {},
    time: new Date(),
  })
  h.manager.handleEvent({
    type: 'container',
    action: 'health',
    id: h.runtime.byName('app').id,
    labels: {},
    time: new Date(),
  })
  h.manager.handleEvent({
    type: 'container',
    action: 'start',
    id: h.runtime.byName('app').id,
    labels: {},
    time: new Date(),
  })
  await tick(5)
  t.same(h.manager.state, before)
  h.manager.detach()
  await h.done
})

t.test('a reporter that throws does not stall the task', async t => {
  const runtime = fakeRuntime()
  const errors: unknown[] = []
  const manager = new TaskManager({
    task: fakeTask(),
    runtime,
    reporter: {
      taskChanged: () => {
        throw new Error('channel down')
      },
      containerChanged: () => undefined,
    },
    config: { cleanupDelayMs: 0 },
    onError: error => errors.push(error),
  })
  const done = manager.run()
  for (let i = 0; i < 50 && manager.state.known !== 'RUNNING'; i++) await tick(1)
  manager.stop()
  t.equal((await done).known, 'STOPPED')
  t.equal(errors.length, 3, 'PENDING, RUNNING and STOPPED each failed to report')
})

t.test('restored containers are adopted, not created again', async t => {
  const first = manage([
    containerDef('db'),
    containerDef('app', { dependsOn: [{ containerName: 'db', condition: 'START' }] }),
  ])
  await first.rec.until(taskIs('RUNNING'))
  first.manager.detach()
  await first.done
  const runtime = first.runtime
  const found = new Map()
  for (const c of runtime.containers.values()) {
    found.set(
      c.config.Labels['com.amazonaws.ecs.container-name'],
      await runtime.inspectContainer(c.id),
    )
  }
  runtime.calls.length = 0
  const second = manage(
    [
      containerDef('db'),
      containerDef('app', { dependsOn: [{ containerName: 'db', condition: 'START' }] }),
    ],
    {},
    { runtime, restored: found },
  )
  await second.rec.until(taskIs('RUNNING'))
  t.same(methods(runtime), [], 'no pull, create or start')
  t.equal(runtime.containers.size, 2)
  t.same(
    second.manager.state.containers.map(c => c.dockerName),
    ['ecs-fam-3-db-hex0', 'ecs-fam-3-app-hex1'],
  )
  t.same(
    second.rec.timeline(),
    ['db:RUNNING', 'app:RUNNING', 'task:RUNNING'],
    'the current state is reported again',
  )
  second.manager.detach()
  await second.done
})

t.test('a restored container that exited while the agent was away stops the task', async t => {
  const first = manage([containerDef('app')])
  await first.rec.until(taskIs('RUNNING'))
  first.manager.detach()
  await first.done
  const app = first.runtime.byName('app')
  first.runtime.exit(app.id, 5)
  const details = await first.runtime.inspectContainer(app.id)
  const second = manage(
    [containerDef('app')],
    {},
    {
      runtime: first.runtime,
      restored: new Map([
        ['app', details!],
        ['ghost', details!],
      ]),
      config: { cleanupDelayMs: 0 },
    },
  )
  const final = await second.done
  t.equal(final.containers[0]?.exitCode, 5)
  t.equal(final.stopCode, 'EssentialContainerExited')
})

t.test('the cleanup delay is waited in full, whatever messages arrive meanwhile', async t => {
  const h = manage([containerDef('app')], {}, { config: { cleanupDelayMs: 150 } })
  await h.rec.until(taskIs('RUNNING'))
  h.manager.stop()
  await h.rec.until(taskIs('STOPPED'))
  h.manager.resync()
  await tick(20)
  t.equal(h.runtime.containers.size, 1, 'still there during the delay')
  await h.done
  t.equal(h.runtime.containers.size, 0)
})

t.test('a failed removal is reported, not thrown', async t => {
  const h = manage([containerDef('app')], {}, { config: { cleanupDelayMs: 0 } })
  await h.rec.until(taskIs('RUNNING'))
  const removeError = new Error('remove failed')
  h.runtime.failNext('removeContainer', removeError)
  h.manager.stop()
  await h.done
  t.same(h.errors, [removeError])
})

t.test('detach during the cleanup delay leaves the containers', async t => {
  const h = manage([containerDef('app')])
  await h.rec.until(taskIs('RUNNING'))
  h.manager.stop()
  await h.rec.until(taskIs('STOPPED'))
  h.manager.detach()
  await h.done
  t.equal(h.runtime.containers.size, 1)
})

/** A store in memory that keeps every save, in order. */
function memoryStore(fail?: Error): TaskStore & { saved: TaskRecord[]; removed: string[] } {
  const saved: TaskRecord[] = []
  const removed: string[] = []
  return {
    saved,
    removed,
    load: () => Promise.resolve([...saved]),
    save: record => {
      saved.push(record)
      return fail ? Promise.reject(fail) : Promise.resolve()
    },
    remove: arn => {
      removed.push(arn)
      return Promise.resolve()
    },
  }
}

t.test(
  'a container that vanished while the agent was away stops the task, not re-created',
  async t => {
    const started = new Date(Date.UTC(2026, 0, 1))
    const h = manage(
      [containerDef('app'), containerDef('side', { essential: false })],
      {},
      {
        vanished: new Map([
          ['app', { dockerName: 'ecs-fam-3-app-old', runtimeId: 'gone', startedAt: started }],
        ]),
        config: { cleanupDelayMs: 0 },
      },
    )
    const final = await h.done
    t.match(final.containers[0], {
      known: 'STOPPED',
      runtimeId: 'gone',
      dockerName: 'ecs-fam-3-app-old',
      reason: 'ContainerVanishedError: No container matching saved ID found',
    })
    t.equal(final.stopCode, 'EssentialContainerExited', 'it had run')
    t.equal(final.stoppedReason, 'Essential container in task exited')
    t.notOk(
      h.runtime.calls.some(c => c.method === 'createContainer'),
      'nothing created: side never started either, the task stopping first',
    )
    const stopped = h.rec.tasks.at(-1)
    t.match(stopped, { status: 'STOPPED', containers: [{ reason: /^ContainerVanishedError: / }] })
  },
)

t.test('a vanished container that never started fails the task to start', async t => {
  const h = manage(
    [containerDef('app')],
    {},
    {
      vanished: new Map([['app', { dockerName: 'ecs-fam-3-app-old', runtimeId: 'gone' }]]),
      config: { cleanupDelayMs: 0 },
    },
  )
  const final = await h.done
  t.equal(final.stopCode, 'TaskFailedToStart')
  t.equal(final.stoppedReason, GONE_REASON)
})

t.test(
  'the record is saved when a container is named, created or started, removed at the end',
  async t => {
    const store = memoryStore()
    const h = manage([containerDef('app')], {}, { store, config: { cleanupDelayMs: 0 } })
    await h.rec.until(taskIs('RUNNING'))
    await tick(1)
    t.same(
      store.saved.map(r => [
        r.containers[0]?.dockerName,
        r.containers[0]?.runtimeId !== undefined,
        r.containers[0]?.startedAt !== undefined,
      ]),
      [
        ['ecs-fam-3-app-hex0', false, false],
        ['ecs-fam-3-app-hex0', true, false],
        ['ecs-fam-3-app-hex0', true, true],
      ],
    )
    t.equal(store.saved[0]?.task.arn, h.manager.arn)
    h.manager.stop()
    await h.done
    t.equal(store.saved.length, 3, 'stopping changes no id')
    t.same(store.removed, [h.manager.arn])
  },
)

t.test('a record that cannot be saved is reported; the task runs on; detach keeps it', async t => {
  const failure = new Error('disk full')
  const store = memoryStore(failure)
  const h = manage([containerDef('app')], {}, { store })
  await h.rec.until(taskIs('RUNNING'))
  await tick(1)
  t.ok(h.errors.length > 0 && h.errors.every(e => e === failure))
  h.manager.detach()
  await h.done
  t.same(store.removed, [], 'the containers still run: the record stays')
})

t.test('a dependency that is not healthy within its startTimeout stops the task', async t => {
  const h = manage(
    [
      containerDef('db', {
        essential: false,
        startTimeout: 0.05,
        healthCheck: { command: ['CMD', 'true'] },
      }),
      containerDef('app', { dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] }),
    ],
    {},
    { config: { cleanupDelayMs: 0 } },
  )
  const final = await h.done
  t.equal(final.stopCode, 'TaskFailedToStart')
  t.equal(
    final.stoppedReason,
    'dependency db (HEALTHY) was not met within its startTimeout of 0.05 s',
  )
  t.match(final.containers, [
    { name: 'db', known: 'STOPPED' },
    { name: 'app', known: 'STOPPED' },
  ])
  t.notOk(
    h.runtime.calls.some(
      c => c.method === 'createContainer' && JSON.stringify(c.arg).includes('app-hex'),
    ),
    'app was never created',
  )
})

t.test(
  'the restart policy restarts an exited container in place; the task keeps running',
  async t => {
    // an hour later than Docker's clock: every run lasted the attempt period
    const later = () => new Date(Date.now() + 3_600_000)
    const h = manage(
      [
        containerDef('app', {
          restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 60 },
        }),
      ],
      {},
      { now: later, config: { cleanupDelayMs: 0 } },
    )
    await h.rec.until(taskIs('RUNNING'))
    const app = h.runtime.byName('app')
    h.runtime.exit(app.id, 1)
    for (let i = 0; i < 100 && h.manager.state.containers[0]?.restartCount !== 1; i++) await tick(1)
    for (let i = 0; i < 100 && h.manager.state.containers[0]?.known !== 'RUNNING'; i++)
      await tick(1)
    t.match(h.manager.state.containers[0], { known: 'RUNNING', restartCount: 1, runtimeId: app.id })
    t.equal(app.status, 'running', 'the same container runs again')
    t.equal(h.runtime.containers.size, 1, 'no other container')
    t.same(h.rec.timeline(), ['task:PENDING', 'app:RUNNING', 'task:RUNNING'], 'nothing to report')
    // an ignored exit code ends it as usual
    h.runtime.exit(app.id, 0)
    const final = await h.done
    t.equal(final.stopCode, 'EssentialContainerExited')
    t.match(final.containers[0], { exitCode: 0, restartCount: 1 })
  },
)

t.test('a container that exits before its restart attempt period is not restarted', async t => {
  const h = manage(
    [containerDef('app', { restartPolicy: { enabled: true, restartAttemptPeriod: 300 } })],
    {},
    { config: { cleanupDelayMs: 0 } },
  )
  await h.rec.until(taskIs('RUNNING'))
  h.runtime.exit(h.runtime.byName('app').id, 1)
  const final = await h.done
  t.match(final.containers[0], { known: 'STOPPED', exitCode: 1, restartCount: 0 })
})

t.test("cleanup removes the task's own volumes with its containers", async t => {
  const h = manage(
    [containerDef('app', { mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] })],
    {
      volumes: [
        { name: 'data' },
        { name: 'common', dockerVolumeConfiguration: { scope: 'shared' } },
      ],
    },
    { config: { cleanupDelayMs: 0 } },
  )
  await h.rec.until(taskIs('RUNNING'))
  const volume = 'ecs-0123456789abcdef0123456789abcdef-data'
  t.same([...h.runtime.volumes], [volume])
  const failure = new Error('volume in use')
  h.runtime.failNext('removeVolume', failure)
  h.manager.stop()
  await h.done
  t.same(
    h.runtime.calls.filter(c => c.method === 'removeVolume').map(c => c.arg),
    [volume],
    'only the task-scoped one',
  )
  t.same(h.errors, [failure], 'a failed removal is reported')
})

t.test(
  'a restored container that exited while the agent was away follows its restart policy',
  async t => {
    const definition = containerDef('app', {
      restartPolicy: { enabled: true, restartAttemptPeriod: 0 },
    })
    const first = manage([definition])
    await first.rec.until(taskIs('RUNNING'))
    first.manager.detach()
    await first.done
    const app = first.runtime.byName('app')
    first.runtime.exit(app.id, 2)
    const details = await first.runtime.inspectContainer(app.id)
    first.runtime.calls.length = 0
    const second = manage(
      [definition],
      {},
      {
        runtime: first.runtime,
        restored: new Map([['app', details!]]),
      },
    )
    await second.rec.until(taskIs('RUNNING'))
    t.match(second.manager.state.containers[0], {
      known: 'RUNNING',
      restartCount: 1,
      runtimeId: app.id,
    })
    t.same(
      methods(first.runtime),
      ['startContainer', 'inspectContainer'],
      'started again, not created',
    )
    second.manager.detach()
    await second.done
  },
)
