import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import {
  defaultCredentials,
  loadCredentials,
  parseCredentials,
} from '../../src/auth/credentials.js'

t.test('parses a credentials file, defaulting the account', t => {
  const set = parseCredentials(
    JSON.stringify([
      { accessKeyId: 'a', secretAccessKey: 's' },
      { accessKeyId: 'b', secretAccessKey: 't', accountId: '111111111111' },
    ]),
    '000000000000',
    'f',
  )
  t.same(set.get('a'), { accessKeyId: 'a', secretAccessKey: 's', accountId: '000000000000' })
  t.equal(set.get('b')?.accountId, '111111111111')
  t.same(
    [...defaultCredentials('222222222222').values()],
    [{ accessKeyId: 'test', secretAccessKey: 'test', accountId: '222222222222' }],
  )
  t.end()
})

t.test('refuses bad files with a message naming the problem', t => {
  const bad: [string, RegExp][] = [
    ['not json', /not JSON/],
    ['{}', /non-empty JSON array/],
    ['[]', /non-empty JSON array/],
    ['[1]', /\[0\]: needs string/],
    ['[{"accessKeyId":"a","secretAccessKey":""}]', /needs string/],
    ['[{"accessKeyId":"a","secretAccessKey":"s","accountId":"12"}]', /12 digits/],
    [
      '[{"accessKeyId":"a","secretAccessKey":"s"},{"accessKeyId":"a","secretAccessKey":"t"}]',
      /duplicate/,
    ],
  ]
  for (const [text, message] of bad) {
    t.throws(
      () => parseCredentials(text, '000000000000', 'creds.json'),
      { code: 'ECS_SRV_CONFIG', message },
      text,
    )
  }
  t.end()
})

t.test('loads from a file', async t => {
  const dir = t.testdir()
  const path = join(dir, 'creds.json')
  writeFileSync(path, JSON.stringify([{ accessKeyId: 'k', secretAccessKey: 's' }]))
  t.equal((await loadCredentials(path, '000000000000')).get('k')?.secretAccessKey, 's')
  await t.rejects(loadCredentials(join(dir, 'missing.json'), '000000000000'), {
    code: 'ECS_SRV_CONFIG',
    message: /cannot read/,
  })
  t.end()
})
