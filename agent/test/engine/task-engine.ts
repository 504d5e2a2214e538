import t from 'tap'
import type { ContainerRuntime } from '../../src/docker/runtime.js'
import { TaskEngine } from '../../src/engine/task-engine.js'
import { FileTaskStore, type TaskStore } from '../../src/engine/task-store.js'
import { DockerUnavailableError } from '../../src/errors.js'
import { fakeRuntime, type FakeRuntime } from '../fixtures/fake-runtime.js'
import { recorder, tick, type Change } from '../fixtures/recorder.js'
import { TASK_ARN, containerDef, fakeTask } from '../fixtures/tasks.js'

const taskIs =
  (status: string, arn = TASK_ARN) =>
  (c: Change) =>
    c.kind === 'task' && c.change.status === status && c.change.taskArn === arn

function engine(runtime: FakeRuntime = fakeRuntime(), cleanupDelayMs = 0, store?: TaskStore) {
  const rec = recorder()
  const errors: unknown[] = []
  const e = new TaskEngine({
    runtime,
    reporter: rec,
    store,
    config: { cleanupDelayMs },
    onError: error => errors.push(error),
    reconnectDelayMs: 5,
  })
  return { engine: e, runtime, rec, errors }
}

t.test('tasks run, Docker events reach their task, finished tasks are forgotten', async t => {
  const { engine: e, runtime, rec } = engine()
  const ready = e.start()
  t.equal(e.start(), ready, 'start() is idempotent')
  await ready
  const manager = e.addTask(fakeTask())
  await rec.until(taskIs('RUNNING'))
  t.same(
    e.tasks().map(s => s.known),
    ['RUNNING'],
  )
  t.equal(e.manager(TASK_ARN), manager)
  runtime.exit(runtime.byName('app').id, 3)
  await rec.until(taskIs('STOPPED'))
  await manager.run()
  await tick(1)
  t.equal(e.manager(TASK_ARN), undefined)
  t.same(e.tasks(), [])
  await e.close()
})

t.test('a repeated task is not started twice; STOPPED stops it; stopTask too', async t => {
  const { engine: e, rec } = engine()
  await e.start()
  const first = e.addTask(fakeTask())
  t.equal(e.addTask(fakeTask()), first)
  await rec.until(taskIs('RUNNING'))
  t.equal(e.addTask(fakeTask(undefined, undefined, { desiredStatus: 'STOPPED' })), first)
  await rec.until(taskIs('STOPPED'))
  t.equal(e.stopTask('arn:unknown'), false)
  const other = 'arn:aws:ecs:us-east-1:000000000000:task/test/ffffffffffffffffffffffffffffffff'
  e.addTask(fakeTask(undefined, undefined, { arn: other }))
  await rec.until(taskIs('RUNNING', other))
  t.equal(e.stopTask(other, 'bye'), true)
  const stopped = await rec.until(taskIs('STOPPED', other))
  t.match(stopped, { change: { reason: 'bye' } })
  await e.close()
})

t.test('a broken event stream is reconnected and missed exits are found by resync', async t => {
  const { engine: e, runtime, rec, errors } = engine()
  await e.start()
  e.addTask(fakeTask())
  await rec.until(taskIs('RUNNING'))
  const exitWhileDown = () => {
    runtime.exit(runtime.byName('app').id, 4)
  }
  runtime.disconnect()
  exitWhileDown()
  const stopped = await rec.until(taskIs('STOPPED'))
  t.match(stopped, { change: { containers: [{ exitCode: 4 }] } })
  t.ok(errors.some(error => error instanceof DockerUnavailableError))
  t.equal(runtime.calls.filter(c => c.method === 'events').length, 2, 'subscribed again')
  await e.close()
})

t.test('restore re-attaches to the containers of listed tasks and stops orphans', async t => {
  const before = engine(fakeRuntime(), 60_000)
  await before.engine.start()
  const other = 'arn:aws:ecs:us-east-1:000000000000:task/test/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'
  before.engine.addTask(fakeTask([containerDef('app'), containerDef('side', { essential: false })]))
  before.engine.addTask(fakeTask(undefined, undefined, { arn: other }))
  await before.rec.until(taskIs('RUNNING'))
  await before.rec.until(taskIs('RUNNING', other))
  await before.engine.close()
  t.equal(before.runtime.containers.size, 3, 'close leaves every container running')

  const runtime = before.runtime
  runtime.calls.length = 0
  const after = engine(runtime)
  await after.engine.start()
  const result = await after.engine.restore(
    [fakeTask([containerDef('app'), containerDef('side', { essential: false })])],
    'test',
  )
  t.same(result.restored, [TASK_ARN])
  t.same(result.orphans, [other])
  await after.rec.until(taskIs('RUNNING'))
  t.notOk(
    runtime.calls.some(c => c.method === 'createContainer' || c.method === 'startContainer'),
    'no duplicate',
  )
  const orphan = after.engine.manager(other)
  for (let i = 0; i < 100 && orphan?.state.known !== 'STOPPED'; i++) await tick(1)
  t.equal(orphan?.state.known, 'STOPPED', 'the orphan was stopped')
  t.equal(runtime.byName('app').status, 'running', 'the listed task still runs')
  t.ok(
    runtime.calls.some(c => c.method === 'stopContainer'),
    "the orphan's container was stopped",
  )
  t.equal(runtime.containers.size, 2, '(and removed, the cleanup delay being 0)')
  t.notOk(
    after.rec.changes.some(c => c.change.taskArn === other),
    'nothing reported for a task the control plane does not list',
  )
  t.same(runtime.calls.find(c => c.method === 'listContainers')?.arg, {
    'com.amazonaws.ecs.task-arn': true,
    'com.amazonaws.ecs.cluster': 'test',
  })
  await after.engine.close()
})

t.test('a manager that fails unexpectedly is reported and forgotten', async t => {
  const runtime = fakeRuntime()
  const bug = new TypeError('runtime bug')
  runtime.removeContainer = () => {
    throw bug
  }
  const { engine: e, rec, errors } = engine(runtime)
  await e.start()
  const manager = e.addTask(fakeTask())
  await rec.until(taskIs('RUNNING'))
  e.stopTask(TASK_ARN)
  await t.rejects(manager.run(), bug)
  await tick(1)
  t.same(errors, [bug])
  t.equal(e.manager(TASK_ARN), undefined)
  await e.close()
})

t.test('close() ends a start() that never connected', async t => {
  const runtime: ContainerRuntime = {
    ...fakeRuntime(),
    // eslint-disable-next-line require-yield
    async *events() {
      await Promise.resolve()
      throw new DockerUnavailableError('no daemon')
    },
  }
  const errors: unknown[] = []
  const e = new TaskEngine({ runtime, onError: error => errors.push(error), reconnectDelayMs: 1 })
  const ready = e.start()
  await tick(20)
  t.ok(errors.length >= 2, 'it keeps retrying')
  await e.close()
  await ready
  t.pass('start() resolved after close()')
  const quiet = new TaskEngine({ runtime })
  void quiet.start()
  await tick(5)
  await quiet.close()
})

t.test('with a store, a container removed while the agent was away is not re-created', async t => {
  const store = new FileTaskStore(t.testdir())
  const before = engine(fakeRuntime(), 60_000, store)
  await before.engine.start()
  const gone = 'arn:aws:ecs:us-east-1:000000000000:task/test/dddddddddddddddddddddddddddddddd'
  before.engine.addTask(fakeTask())
  before.engine.addTask(fakeTask(undefined, undefined, { arn: gone }))
  await before.rec.until(taskIs('RUNNING'))
  await before.rec.until(taskIs('RUNNING', gone))
  // the records are written in the background
  for (
    let i = 0;
    i < 200 && (await store.load()).filter(r => r.containers[0]?.startedAt).length < 2;
    i++
  )
    await tick(5)
  await before.engine.close()
  const runtime = before.runtime
  // behind the agent's back: one task's container is removed, the other task is no longer listed
  const removed = [...runtime.containers.values()].find(
    c => c.config.Labels['com.amazonaws.ecs.task-arn'] === TASK_ARN,
  )!
  runtime.containers.delete(removed.id)
  runtime.calls.length = 0

  const after = engine(runtime, 0, store)
  await after.engine.start()
  const result = await after.engine.restore([fakeTask()])
  t.same(result.orphans, [gone])
  const stopped = await after.rec.until(taskIs('STOPPED'))
  t.match(stopped.change, {
    stopCode: 'EssentialContainerExited',
    containers: [
      {
        status: 'STOPPED',
        runtimeId: removed.id,
        reason: 'ContainerVanishedError: No container matching saved ID found',
      },
    ],
  })
  for (let i = 0; i < 100 && after.engine.tasks().length > 0; i++) await tick(2)
  t.same(after.engine.tasks(), [], 'both tasks ended and were cleaned up')
  t.notOk(
    runtime.calls.some(c => c.method === 'createContainer'),
    'nothing created',
  )
  t.equal(runtime.containers.size, 0, "the orphan's container was stopped and removed")
  t.same(await store.load(), [], 'and the records forgotten')
  await after.engine.close()
  await store.settled()
})

t.test('pull behaviour once: the engine pulls an image for its first task only', async t => {
  const runtime = fakeRuntime({ images: [], registry: ['busybox'] })
  const rec = recorder()
  const e = new TaskEngine({ runtime, reporter: rec, config: { pullBehavior: 'once' } })
  await e.start()
  const second = 'arn:aws:ecs:us-east-1:000000000000:task/test/cccccccccccccccccccccccccccccccc'
  e.addTask(fakeTask())
  await rec.until(taskIs('RUNNING'))
  e.addTask(fakeTask(undefined, undefined, { arn: second }))
  await rec.until(taskIs('RUNNING', second))
  t.equal(runtime.calls.filter(c => c.method === 'pullImage').length, 1)
  await e.close()
})

t.test('a listed task restore could not run yet resumes from what restore found', async t => {
  const store = new FileTaskStore(t.testdir())
  const before = engine(fakeRuntime(), 60_000, store)
  await before.engine.start()
  before.engine.addTask(fakeTask())
  await before.rec.until(taskIs('RUNNING'))
  for (let i = 0; i < 200 && (await store.load())[0]?.containers[0]?.startedAt === undefined; i++)
    await tick(5)
  await before.engine.close()
  const runtime = before.runtime
  runtime.calls.length = 0

  const after = engine(runtime, 60_000, store)
  await after.engine.start()
  const fresh = 'arn:aws:ecs:us-east-1:000000000000:task/test/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
  // listed, but the definition was not at hand: neither resumed nor an orphan
  const result = await after.engine.restore([], undefined, [TASK_ARN, fresh])
  t.same(result.orphans, [])
  t.equal(after.engine.manager(TASK_ARN), undefined)
  // meanwhile its container exits; then the definition arrives
  runtime.exit(runtime.byName('app').id, 3)
  after.engine.addTask(fakeTask())
  const stopped = await after.rec.until(taskIs('STOPPED'))
  t.match(stopped.change, { containers: [{ exitCode: 3 }] }, 'the exit was found by resync')
  t.notOk(
    runtime.calls.some(c => c.method === 'createContainer'),
    'nothing created',
  )
  // a kept task with nothing on the host starts as usual
  after.engine.addTask(fakeTask(undefined, undefined, { arn: fresh }))
  await after.rec.until(taskIs('RUNNING', fresh))
  t.equal(runtime.calls.filter(c => c.method === 'createContainer').length, 1)
  await after.engine.close()
  await store.settled()
})

t.test('a kept task that is also given is resumed at once', async t => {
  const { engine: e, rec } = engine()
  await e.start()
  await e.restore([fakeTask()], undefined, [TASK_ARN])
  await rec.until(taskIs('RUNNING'))
  t.ok(e.manager(TASK_ARN))
  await e.close()
})
