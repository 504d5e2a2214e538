import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { PulledImagesFile } from '../../src/engine/pulled-images.js'

t.test('pulled images survive a restart of the agent', async t => {
  const file = join(t.testdir(), 'images.json')
  const first = await PulledImagesFile.load(file)
  t.notOk(first.has('web:1'), 'no file yet: nothing pulled')
  first.add('web:1')
  first.add('db:2')
  first.add('web:1')
  t.ok(first.has('web:1'))
  await first.flushed()
  t.equal(await readFile(file, 'utf8'), '["db:2","web:1"]\n')
  const second = await PulledImagesFile.load(file)
  t.ok(second.has('db:2') && second.has('web:1'))
})

t.test('an unreadable list is reported and starts empty', async t => {
  const dir = t.testdir({
    'bad.json': '{oops',
    'odd.json': '{"web": 1}',
    'mixed.json': '["web", 3]',
  })
  const errors: unknown[] = []
  const bad = await PulledImagesFile.load(join(dir, 'bad.json'), e => errors.push(e))
  t.notOk(bad.has('web'))
  t.equal(errors.length, 1)
  t.notOk((await PulledImagesFile.load(join(dir, 'odd.json'))).has('web'), 'not a list')
  t.ok((await PulledImagesFile.load(join(dir, 'mixed.json'))).has('web'), 'strings kept')
})

t.test('a failed write is reported, and later writes still happen', async t => {
  const dir = t.testdir({ 'images.json.tmp': {} })
  const errors: unknown[] = []
  const images = await PulledImagesFile.load(join(dir, 'images.json'), e => errors.push(e))
  images.add('a')
  await images.flushed()
  t.match(errors, [{ code: 'EISDIR' }])
  t.ok(images.has('a'), 'remembered in memory all the same')
})
