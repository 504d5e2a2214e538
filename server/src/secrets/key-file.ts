/**
 * The key file of encryption at rest: 32 random bytes as base64 text, in `secrets.key` of the
 * data directory or at `--secrets-key-file`. Created with mode 0600 (and never overwritten) when
 * it is first needed; a file that is not a 32-byte key stops the server with a clear message.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { EcsServerError } from '../errors.js'

/** The default key file's name inside the data directory. */
export const SECRETS_KEY_FILE = 'secrets.key'

/** Reads the key at `path`, creating it (0600) when there is none. */
export function readOrCreateKey(path: string): Buffer {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    const key = randomBytes(32)
    mkdirSync(dirname(path), { recursive: true })
    try {
      // 'wx': two servers starting at once keep the first key written
      writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
      return key
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced
      text = readFileSync(path, 'utf8')
    }
  }
  const key = Buffer.from(text.trim(), 'base64')
  if (key.length !== 32)
    throw new EcsServerError(
      'ECS_SRV_CONFIG',
      `${path} is not a secrets key (32 bytes as base64 text)`,
    )
  return key
}
