/**
 * The access keys the server accepts, from `--credentials FILE` (a JSON array of
 * `{"accessKeyId", "secretAccessKey", "accountId"?}`) or, without one, the single pair
 * `test`/`test` that local tooling uses.
 */
import { readFile } from 'node:fs/promises'
import { EcsServerError } from '../errors.js'

/** One accepted key pair and the account its requests act in. */
export interface Credential {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly accountId: string
}

/** Access key id -> credential. */
export type CredentialSet = ReadonlyMap<string, Credential>

/** The built-in pair accepted when no credentials file is given. */
export function defaultCredentials(accountId: string): CredentialSet {
  return new Map([['test', { accessKeyId: 'test', secretAccessKey: 'test', accountId }]])
}

/** Parses a credentials document; `defaultAccountId` fills a missing `accountId`. */
export function parseCredentials(
  text: string,
  defaultAccountId: string,
  source: string,
): CredentialSet {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new EcsServerError('ECS_SRV_CONFIG', `${source}: not JSON (${(error as Error).message})`)
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new EcsServerError(
      'ECS_SRV_CONFIG',
      `${source}: expected a non-empty JSON array of credentials`,
    )
  }
  const result = new Map<string, Credential>()
  value.forEach((entry: unknown, index) => {
    const item = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >
    const { accessKeyId, secretAccessKey } = item
    const accountId = item['accountId'] ?? defaultAccountId
    if (
      typeof accessKeyId !== 'string' ||
      accessKeyId === '' ||
      typeof secretAccessKey !== 'string' ||
      secretAccessKey === ''
    ) {
      throw new EcsServerError(
        'ECS_SRV_CONFIG',
        `${source}[${index}]: needs string accessKeyId and secretAccessKey`,
      )
    }
    if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) {
      throw new EcsServerError('ECS_SRV_CONFIG', `${source}[${index}]: accountId must be 12 digits`)
    }
    if (result.has(accessKeyId)) {
      throw new EcsServerError(
        'ECS_SRV_CONFIG',
        `${source}[${index}]: duplicate accessKeyId ${accessKeyId}`,
      )
    }
    result.set(accessKeyId, { accessKeyId, secretAccessKey, accountId })
  })
  return result
}

/** Reads and parses `--credentials FILE`. */
export async function loadCredentials(
  path: string,
  defaultAccountId: string,
): Promise<CredentialSet> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new EcsServerError(
      'ECS_SRV_CONFIG',
      `cannot read credentials file ${path}: ${(error as Error).message}`,
    )
  }
  return parseCredentials(text, defaultAccountId, path)
}
