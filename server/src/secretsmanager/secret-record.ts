/**
 * A Secrets Manager secret as the store keeps it (kind `secret`, id its name): metadata and its
 * versions, each value encrypted (../secrets/cipher.ts). Pure helpers: ARNs, secret ids, staging
 * labels, and the answer shapes.
 */
import { randomInt } from 'node:crypto'
import type {
  DescribeSecretResponse,
  SecretListEntry,
} from '@quayside/openapi/secretsmanager-types'
import type { Scope } from '../store/index.js'

export const CURRENT = 'AWSCURRENT'
export const PREVIOUS = 'AWSPREVIOUS'
/** Versions without a staging label kept beyond this many are dropped, oldest first. */
export const MAX_UNLABELLED_VERSIONS = 100

/** One stored version: a string or bytes (base64), encrypted, bound to `<name>#<versionId>`. */
export interface SecretVersion {
  readonly versionId: string
  readonly stages: readonly string[]
  readonly createdDate: number
  readonly secretString?: string | undefined
  readonly secretBinary?: string | undefined
}

export interface SecretRecord {
  readonly name: string
  readonly arn: string
  readonly description?: string | undefined
  readonly kmsKeyId?: string | undefined
  readonly createdDate: number
  readonly lastChangedDate: number
  readonly lastAccessedDate?: number | undefined
  /** When a scheduled deletion takes effect (epoch seconds); absent for a live secret. */
  readonly deletedDate?: number | undefined
  readonly tags: readonly { readonly Key?: string; readonly Value?: string }[]
  /** Oldest first. */
  readonly versions: readonly SecretVersion[]
}

export const valueContext = (name: string, versionId: string): string =>
  `secretsmanager:${name}#${versionId}`

const SUFFIX_CHARACTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** A new secret's ARN: its name, a hyphen and six random characters, as AWS makes them. */
export function newSecretArn(scope: Scope, name: string): string {
  let suffix = ''
  for (let i = 0; i < 6; i++)
    suffix += SUFFIX_CHARACTERS.charAt(randomInt(SUFFIX_CHARACTERS.length))
  return `arn:aws:secretsmanager:${scope.region}:${scope.account}:secret:${name}-${suffix}`
}

const NAME = /^[a-zA-Z0-9/_+=.@-]+$/

/** Why a CreateSecret name is refused (InvalidParameterException), or undefined when it is fine. */
export function nameProblem(name: string): string | undefined {
  if (!NAME.test(name))
    return 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!'
  return undefined
}

/** What a `SecretId` names: a stored name to look up, and the full ARN when one was given. */
export interface SecretReference {
  readonly name: string
  /** A complete ARN (with the six-character suffix) must equal the stored one. */
  readonly arn?: string | undefined
  /** A partial ARN or a name: also try it as `<name>-XXXXXX` cut off. */
  readonly candidates: readonly string[]
}

/**
 * Parses a SecretId: a name, a full ARN (`...:secret:name-AbCdEf`) or a partial one
 * (`...:secret:name`). Returns undefined for an ARN of another account or region, or not of a
 * secret. The names to try are the ARN's text and, when it ends like a suffix, the text without it.
 */
export function parseSecretId(secretId: string, scope: Scope): SecretReference | undefined {
  if (!secretId.startsWith('arn:')) return { name: secretId, candidates: [secretId] }
  const match = /^arn:[^:]+:secretsmanager:([^:]*):([^:]*):secret:([^:]+)$/.exec(secretId)
  if (!match) return undefined
  const [, region, account, tail = ''] = match
  if (region !== scope.region || account !== scope.account) return undefined
  const cut = /^(.+)-[a-zA-Z0-9]{6}$/.exec(tail)?.[1]
  return {
    name: cut ?? tail,
    arn: cut === undefined ? undefined : secretId,
    candidates: cut === undefined ? [tail] : [cut, tail],
  }
}

/**
 * The versions once a new one takes `stages`: each label moves to the new version, and the
 * version losing AWSCURRENT gets AWSPREVIOUS (which leaves the one holding it before).
 * Unlabelled versions beyond {@link MAX_UNLABELLED_VERSIONS} are dropped.
 */
export function stageNewVersion(
  versions: readonly SecretVersion[],
  added: SecretVersion,
): SecretVersion[] {
  const moving = new Set(added.stages)
  const losesCurrent = moving.has(CURRENT)
    ? versions.find(v => v.stages.includes(CURRENT))?.versionId
    : undefined
  const next = versions.map(v => {
    let stages = v.stages.filter(s => !moving.has(s))
    if (losesCurrent !== undefined) stages = stages.filter(s => s !== PREVIOUS)
    if (v.versionId === losesCurrent) stages = [...stages, PREVIOUS]
    return { ...v, stages }
  })
  const all = [...next, added]
  let unlabelled = all.filter(v => v.stages.length === 0).length
  return all.filter(v => {
    if (v.stages.length > 0 || unlabelled <= MAX_UNLABELLED_VERSIONS) return true
    unlabelled--
    return false
  })
}

/** `VersionIdsToStages` of a record (versions that still carry a label). */
export function versionsToStages(record: SecretRecord): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const v of record.versions) if (v.stages.length > 0) out[v.versionId] = [...v.stages]
  return out
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

/** DescribeSecret's answer (never a value). */
export function toDescription(record: SecretRecord): DescribeSecretResponse {
  return {
    ARN: record.arn,
    Name: record.name,
    ...optional('Description', record.description),
    ...optional('KmsKeyId', record.kmsKeyId),
    RotationEnabled: false,
    LastChangedDate: record.lastChangedDate,
    ...optional('LastAccessedDate', record.lastAccessedDate),
    ...optional('DeletedDate', record.deletedDate),
    Tags: record.tags.map(t => ({ ...t })),
    VersionIdsToStages: versionsToStages(record),
    CreatedDate: record.createdDate,
  }
}

/** ListSecrets' entry of a record. */
export function toListEntry(record: SecretRecord): SecretListEntry {
  const { VersionIdsToStages, ...rest } = toDescription(record)
  return { ...rest, SecretVersionsToStages: VersionIdsToStages ?? {} }
}
