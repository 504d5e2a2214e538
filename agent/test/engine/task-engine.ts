import t from 'tap'
import type { ContainerRuntime } from '../../src/docker/runtime.js'
import { TaskEngine } from '../../src/engine/task-engine.js'
import { DockerUnavailableError } from '../../src/errors.js'
import { fakeRuntime, type FakeRuntime } from '../fixtures/fake-runtime.js'
import { recorder, tick, type Change } from '../fixtures/recorder.js'
import { TASK_ARN, containerDef, fakeTask } from '../fixtures/tasks.js'

const taskIs =
  (status: string, arn = TASK_ARN) =>
  (c: Change) =>
    c.kind === 'task' && c.change.status === status && c.change.taskArn === arn

function engine(runtime: FakeRuntime = fakeRuntime(), cleanupDelayMs = 0) {
  const rec = recorder()
  const errors: unknown[] = []
  const e = new TaskEngine({
    runtime,
    reporter: rec,
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

t.test('restore re-attaches to the containers of known tasks and reports orphans', async t => {
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
  t.same(
    result.orphans.map(o => [o.taskArn, [...o.containers.keys()]]),
    [[other, ['app']]],
  )
  await after.rec.until(taskIs('RUNNING'))
  t.notOk(
    runtime.calls.some(c => c.method === 'createContainer' || c.method === 'startContainer'),
    'no duplicate',
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
