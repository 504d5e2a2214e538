import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { taskRecord } from '../../src/engine/task-record.js'
import { FileTaskStore, recordFileName } from '../../src/engine/task-store.js'
import { TASK_ARN, containerState, fakeTask, taskState } from '../fixtures/tasks.js'

const record = (runtimeId?: string, arn = TASK_ARN) =>
  taskRecord(
    fakeTask(undefined, undefined, { arn }),
    taskState([containerState('app', runtimeId === undefined ? {} : { runtimeId })]),
  )

t.test('the file name is the task id, made safe', t => {
  t.equal(recordFileName(TASK_ARN), '0123456789abcdef0123456789abcdef.json')
  t.equal(recordFileName('arn:task/a b.c'), 'a_b_c.json')
  t.end()
})

t.test('records are saved, replaced in order, loaded and removed', async t => {
  const dir = join(t.testdir(), 'tasks')
  const store = new FileTaskStore(dir)
  t.same(await store.load(), [], 'no directory yet: nothing')
  // not awaited one by one: the last write must win all the same
  const writes = [store.save(record()), store.save(record('one')), store.save(record('two'))]
  const other = 'arn:aws:ecs:us-east-1:000000000000:task/test/ffff'
  await Promise.all([...writes, store.save(record(undefined, other))])
  t.same(
    (await store.load()).map(r => [r.task.arn, r.containers[0]?.runtimeId]),
    [
      [TASK_ARN, 'two'],
      [other, undefined],
    ],
  )
  t.same((await readdir(dir)).sort(), ['0123456789abcdef0123456789abcdef.json', 'ffff.json'])
  const text = await readFile(join(dir, recordFileName(TASK_ARN)), 'utf8')
  t.ok(text.endsWith('}\n'), 'one JSON document per file')
  await store.remove(other)
  await store.remove(other)
  t.same(
    (await store.load()).map(r => r.task.arn),
    [TASK_ARN],
  )
})

t.test('unreadable files are reported and skipped', async t => {
  const dir = t.testdir({
    'bad.json': '{not json',
    'foreign.json': '{"version": 7}',
    'notes.txt': 'ignored: not a record file',
    'left.json.tmp': 'a write cut short',
  })
  const errors: unknown[] = []
  const store = new FileTaskStore(dir, { onError: e => errors.push(e) })
  await store.save(record('x'))
  t.same(
    (await store.load()).map(r => r.containers[0]?.runtimeId),
    ['x'],
  )
  t.equal(errors.length, 2)
  t.match(String(errors[1]), /foreign\.json is not a task record/)
  t.same(await new FileTaskStore(dir).load().then(r => r.length), 1, 'no onError: still skipped')
})

t.test('a directory that cannot be read rejects', async t => {
  const root = t.testdir({ file: 'not a directory' })
  const blocked = new FileTaskStore(join(root, 'file'))
  await t.rejects(blocked.load(), { code: 'ENOTDIR' })
  await t.rejects(blocked.save(record()))
})

t.test('a failed write is reported to its caller and does not block the next', async t => {
  const name = recordFileName(TASK_ARN)
  // the temporary file's path is taken by a directory: the first write cannot open it
  const dir = t.testdir({ [`${name}.tmp`]: {} })
  const store = new FileTaskStore(dir)
  const first = store.save(record('first'))
  const second = store
    .remove(TASK_ARN)
    .then(() => rm(join(dir, `${name}.tmp`), { recursive: true }))
  await t.rejects(first, { code: 'EISDIR' })
  await second
  await store.save(record('third'))
  t.same(
    (await store.load()).map(r => r.containers[0]?.runtimeId),
    ['third'],
  )
})
