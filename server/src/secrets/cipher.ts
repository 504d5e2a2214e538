/**
 * Encryption at rest of SSM parameter values and secrets: AES-256-GCM with a fresh 96-bit IV per
 * value, the record's identity as associated data (a ciphertext moved to another record does not
 * decrypt), and the result as text: `v1:` then base64 of IV, tag and ciphertext. Pure apart from
 * the random IV.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const VERSION = 'v1:'
const IV_BYTES = 12
const TAG_BYTES = 16

/** Encrypts `plaintext` (text or bytes) under `key`, bound to `context`. */
export function encryptValue(key: Buffer, plaintext: string | Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
}

/** Decrypts what {@link encryptValue} made; throws on a wrong key, context or altered text. */
export function decryptValue(key: Buffer, text: string, context: string): Buffer {
  if (!text.startsWith(VERSION)) throw new Error('not an encrypted value')
  const raw = Buffer.from(text.slice(VERSION.length), 'base64')
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted value too short')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()])
}

/** {@link decryptValue} as UTF-8 text. */
export function decryptText(key: Buffer, text: string, context: string): string {
  return decryptValue(key, text, context).toString('utf8')
}
