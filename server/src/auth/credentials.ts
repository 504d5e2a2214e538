/**
 * The access keys the server accepts, from `--credentials FILE` (a JSON array of
 * `{"accessKeyId", "secretAccessKey", "accountId"?, "user"?, "policy"?}`) or, without one, the
 * single pair `test`/`test` that local tooling uses. `policy` is an IAM-style identity policy
 * (./policy.ts) or the name of a built-in one (./builtin-policies.ts), compiled here once; an
 * entry without one may do everything in its account.
 */
import { readFile } from 'node:fs/promises'
import { rootPrincipal } from '../arn.js'
import { EcsServerError } from '../errors.js'
import { BUILTIN_POLICIES, isBuiltinPolicy } from './builtin-policies.js'
import { compilePolicy, type CompiledPolicy } from './policy.js'

/** One accepted key pair and the account its requests act in. */
export interface Credential {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly accountId: string
  /**
   * The IAM principal the key acts as, named in AccessDeniedException messages:
   * `arn:aws:iam::<account>:user/<user>` when the entry names a `user`, else the account's root.
   */
  readonly principalArn: string
  /** The compiled identity policy; undefined: every action on every resource is allowed. */
  readonly policy?: CompiledPolicy | undefined
}

/** IAM's user name rule. */
const USER_NAME = /^[\w+=,.@-]{1,64}$/

/** Access key id -> credential. */
export type CredentialSet = ReadonlyMap<string, Credential>

/** The built-in pair accepted when no credentials file is given. */
export function defaultCredentials(accountId: string): CredentialSet {
  return new Map([
    [
      'test',
      {
        accessKeyId: 'test',
        secretAccessKey: 'test',
        accountId,
        principalArn: rootPrincipal(accountId),
      },
    ],
  ])
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
    const user = item['user']
    if (user !== undefined && (typeof user !== 'string' || !USER_NAME.test(user))) {
      throw new EcsServerError(
        'ECS_SRV_CONFIG',
        `${source}[${index}]: user must be an IAM user name (1-64 of letters, digits, _+=,.@-)`,
      )
    }
    const principalArn =
      user === undefined ? rootPrincipal(accountId) : `arn:aws:iam::${accountId}:user/${user}`
    const policy = item['policy']
    if (typeof policy === 'string' && !isBuiltinPolicy(policy)) {
      throw new EcsServerError(
        'ECS_SRV_CONFIG',
        `${source}[${index}].policy: "${policy}" is not a built-in policy (agent or admin)`,
      )
    }
    result.set(accessKeyId, {
      accessKeyId,
      secretAccessKey,
      accountId,
      principalArn,
      ...(policy === undefined
        ? {}
        : {
            policy: compilePolicy(
              isBuiltinPolicy(policy) ? BUILTIN_POLICIES[policy] : policy,
              `${source}[${index}].policy`,
            ),
          }),
    })
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
