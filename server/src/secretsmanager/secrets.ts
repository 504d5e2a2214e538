/**
 * Reading secrets from the store: the lookup every operation by `SecretId` and the task's
 * `secrets` resolution share, the version choice of GetSecretValue, and decryption. A secret whose
 * scheduled deletion has passed is gone (removed when next looked up).
 */
import { secretsManagerErrors } from '../errors.js'
import { decryptValue } from '../secrets/cipher.js'
import type { Scope, Transaction } from '../store/index.js'
import {
  CURRENT,
  parseSecretId,
  valueContext,
  type SecretRecord,
  type SecretVersion,
} from './secret-record.js'

export const SECRET_KIND = 'secret'

/** The live or deletion-scheduled secret `secretId` names, or undefined. */
export async function readSecret(
  tx: Transaction,
  scope: Scope,
  secretId: string,
  now: number,
): Promise<SecretRecord | undefined> {
  const reference = parseSecretId(secretId, scope)
  if (reference === undefined) return undefined
  for (const name of reference.candidates) {
    const record = (await tx.get<SecretRecord>(scope, SECRET_KIND, name))?.body
    if (record === undefined) continue
    if (reference.arn !== undefined && name === reference.name && record.arn !== reference.arn)
      continue
    if (record.deletedDate !== undefined && record.deletedDate <= now) {
      await tx.delete(scope, SECRET_KIND, name)
      return undefined
    }
    return record
  }
  return undefined
}

/** {@link readSecret}, throwing ResourceNotFoundException when there is none. */
export async function requireSecret(
  tx: Transaction,
  scope: Scope,
  secretId: string,
  now: number,
): Promise<SecretRecord> {
  const record = await readSecret(tx, scope, secretId, now)
  if (record === undefined) throw secretsManagerErrors.resourceNotFound()
  return record
}

/** Refuses a secret scheduled for deletion (InvalidRequestException), as AWS does for most calls. */
export function requireLive(record: SecretRecord): void {
  if (record.deletedDate !== undefined)
    throw secretsManagerErrors.invalidRequest(
      "You can't perform this operation on the secret because it was marked for deletion.",
    )
}

/**
 * The version a VersionId and/or VersionStage choose (AWSCURRENT when neither); throws
 * ResourceNotFoundException naming what was not found.
 */
export function chooseVersion(
  record: SecretRecord,
  versionId: string | undefined,
  versionStage: string | undefined,
): SecretVersion {
  const stage = versionStage ?? (versionId === undefined ? CURRENT : undefined)
  const version = record.versions.find(
    v =>
      (versionId === undefined || v.versionId === versionId) &&
      (stage === undefined || v.stages.includes(stage)),
  )
  if (version === undefined)
    throw secretsManagerErrors.resourceNotFound(
      `Secrets Manager can't find the specified secret value for ${
        versionId === undefined ? `staging label: ${stage ?? CURRENT}` : `VersionId: ${versionId}`
      }`,
    )
  return version
}

/** A version's value: its text, or its bytes as base64 (as the wire carries SecretBinary). */
export function decryptVersion(
  key: Buffer,
  record: SecretRecord,
  version: SecretVersion,
): { readonly SecretString?: string; readonly SecretBinary?: string } {
  const context = valueContext(record.name, version.versionId)
  if (version.secretString !== undefined)
    return { SecretString: decryptValue(key, version.secretString, context).toString('utf8') }
  if (version.secretBinary !== undefined)
    return { SecretBinary: decryptValue(key, version.secretBinary, context).toString('base64') }
  return {}
}
