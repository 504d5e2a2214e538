import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { writeDurably } from '../../src/engine/durable-file.js'

t.test('writes the text whole, replacing the old, leaving no temporary file', async t => {
  const dir = join(t.testdir(), 'new', 'dir')
  const file = join(dir, 'state.json')
  await writeDurably(file, 'first\n')
  await writeDurably(file, 'second\n')
  t.equal(await readFile(file, 'utf8'), 'second\n')
  t.same(await readdir(dir), ['state.json'])
})

t.test('a temporary file that cannot be opened rejects and leaves the old file', async t => {
  const dir = t.testdir({ 'state.json': 'old\n', 'state.json.tmp': {} })
  await t.rejects(writeDurably(join(dir, 'state.json'), 'new\n'), { code: 'EISDIR' })
  t.equal(await readFile(join(dir, 'state.json'), 'utf8'), 'old\n')
})
