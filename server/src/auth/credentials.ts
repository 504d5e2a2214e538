/**
 * The access keys the server accepts, from `--credentials FILE` (a JSON array of
 * `{"accessKeyId", "secretAccessKey", "accountId"?, "user"?, "policy"?, "roleArn"?}`) or, without
 * one, the single pair `test`/`test` that local tooling uses. `policy` is an IAM-style identity
 * policy (./policy.ts) or the name of a built-in one (./builtin-policies.ts), compiled here once;
 * an entry without one may do everything in its account. `roleArn` makes the entry a role's key:
 * a task whose `taskRoleArn` is that role is given this pair (../channel/role-credentials.ts).
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
  /** The IAM role (`arn:aws:iam::<account>:role/<name>`) whose tasks are given this pair. */
  readonly roleArn?: string | undefined
}

/** IAM's user name rule. */
const USER_NAME = /^[\w+=,.@-]{1,64}$/

/** A role ARN (path allowed), its account captured. */
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/

/** The key pair of `roleArn`, if the set holds one. */
export function roleCredential(
  credentials: CredentialSet,
  roleArn: string,
): Credential | undefined {
  for (const credential of credentials.values())
    if (credential.roleArn === roleArn) return credential
  return undefined
}

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
    const roleArn = item['roleArn']
    if (roleArn !== undefined) {
      const account = typeof roleArn === 'string' ? ROLE_ARN.exec(roleArn)?.[1] : undefined
      if (account !== accountId)
        throw new EcsServerError(
          'ECS_SRV_CONFIG',
          `${source}[${index}].roleArn: must be a role ARN of account ${accountId} (arn:aws:iam::${accountId}:role/NAME)`,
        )
      if ([...result.values()].some(c => c.roleArn === roleArn))
        throw new EcsServerError(
          'ECS_SRV_CONFIG',
          `${source}[${index}].roleArn: ${roleArn as string} has a key already`,
        )
    }
    // a role's key acts as the role unless the entry names a user
    const principalArn =
      user !== undefined
        ? `arn:aws:iam::${accountId}:user/${user}`
        : typeof roleArn === 'string'
          ? roleArn
          : rootPrincipal(accountId)
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
      ...(typeof roleArn === 'string' ? { roleArn } : {}),
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
