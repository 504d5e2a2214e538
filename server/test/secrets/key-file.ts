// The key file: created 0600 (with its folder) when first needed, read back the same, and a file
// that is not a key stops the server with a message naming it.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { readOrCreateKey } from '../../src/secrets/key-file.js'

t.test('created once, 0600, then reused', t => {
  const dir = mkdtempSync(join(tmpdir(), 'quayside-key-'))
  t.teardown(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  const path = join(dir, 'nested', 'secrets.key')
  const key = readOrCreateKey(path)
  t.equal(key.length, 32)
  t.equal(statSync(path).mode & 0o777, 0o600)
  t.equal(readFileSync(path, 'utf8'), `${key.toString('base64')}\n`)
  t.same(readOrCreateKey(path), key, 'the same key on the next start')
  t.end()
})

t.test('a file that is not a key is refused', t => {
  const dir = mkdtempSync(join(tmpdir(), 'quayside-key-'))
  t.teardown(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  const given = ['', 'short', Buffer.alloc(31).toString('base64')]
  for (const content of given) {
    const path = join(dir, 'bad.key')
    writeFileSync(path, content)
    t.throws(() => readOrCreateKey(path), {
      code: 'ECS_SRV_CONFIG',
      message: /bad\.key is not a secrets key/,
    })
  }
  t.throws(() => readOrCreateKey(dir), { code: 'EISDIR' }, 'an unreadable path is not replaced')
  t.end()
})
