// Encryption at rest: values come back only with the same key and context, and altered
// ciphertexts are refused.
import { randomBytes } from 'node:crypto'
import t from 'tap'
import { decryptText, decryptValue, encryptValue } from '../../src/secrets/cipher.js'

const key = randomBytes(32)

t.test('round trips, text and bytes, with a fresh IV each time', t => {
  const given = ['', 'hunter2', 'é漢字🙂', 'x'.repeat(8192)]
  for (const plaintext of given) {
    const sealed = encryptValue(key, plaintext, 'ssm:/a#1')
    t.match(sealed, /^v1:[A-Za-z0-9+/=]+$/)
    t.notMatch(sealed, plaintext === '' ? /^$/ : plaintext, 'no plaintext in the text')
    t.equal(decryptText(key, sealed, 'ssm:/a#1'), plaintext)
  }
  const bytes = Buffer.from([0, 1, 2, 255])
  t.same(decryptValue(key, encryptValue(key, bytes, 'c'), 'c'), bytes)
  t.not(encryptValue(key, 'same', 'c'), encryptValue(key, 'same', 'c'), 'random IV')
  t.end()
})

t.test('a wrong key, context or altered text is refused', t => {
  const sealed = encryptValue(key, 'hunter2', 'ssm:/a#1')
  const raw = Buffer.from(sealed.slice(3), 'base64')
  raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1
  const given: readonly [string, () => unknown, RegExp][] = [
    ['other key', () => decryptText(randomBytes(32), sealed, 'ssm:/a#1'), /auth/i],
    ['other context', () => decryptText(key, sealed, 'ssm:/b#1'), /auth/i],
    ['flipped bit', () => decryptText(key, `v1:${raw.toString('base64')}`, 'ssm:/a#1'), /auth/i],
    ['not ours', () => decryptText(key, 'hunter2', 'ssm:/a#1'), /not an encrypted value/],
    ['too short', () => decryptText(key, 'v1:AAAA', 'ssm:/a#1'), /too short/],
  ]
  for (const [name, call, want] of given) t.throws(call, want, name)
  t.end()
})
