/**
 * Reading parameters from the store: the lookup every Get operation and the task's `secrets`
 * resolution share, and the decryption of a version's value.
 */
import { ssmErrors } from '../errors.js'
import { decryptText } from '../secrets/cipher.js'
import type { Scope, Transaction } from '../store/index.js'
import {
  parseParameterReference,
  selectVersion,
  valueContext,
  type ParameterRecord,
  type ParameterVersion,
} from './parameter-record.js'

export const PARAMETER_KIND = 'ssm-parameter'

/** The record stored under one of `names`, the first found. */
export async function readParameter(
  tx: Transaction,
  scope: Scope,
  names: readonly string[],
): Promise<ParameterRecord | undefined> {
  for (const name of names) {
    const doc = await tx.get<ParameterRecord>(scope, PARAMETER_KIND, name)
    if (doc) return doc.body
  }
  return undefined
}

/** A parameter and the version a reference selects. */
export interface FoundParameter {
  readonly record: ParameterRecord
  readonly version: ParameterVersion
  readonly selector?: string | undefined
}

/**
 * Finds what `reference` (name, `name:version`, `name:label` or ARN) names, or undefined
 * when there is no such parameter; throws ParameterVersionNotFound for a selector naming none.
 */
export async function findParameter(
  tx: Transaction,
  scope: Scope,
  reference: string,
): Promise<FoundParameter | undefined> {
  const { names, selector } = parseParameterReference(reference, scope)
  const record = await readParameter(tx, scope, names)
  if (record === undefined) return undefined
  const version = selectVersion(record, selector)
  if (version === undefined)
    throw ssmErrors.parameterVersionNotFound(record.name, selector ?? 'latest')
  return { record, version, selector }
}

/** The plaintext of a version. */
export function plainValue(
  key: Buffer,
  record: ParameterRecord,
  version: ParameterVersion,
): string {
  return decryptText(key, version.value, valueContext(record.name, version.version))
}

/**
 * The value an answer carries: the plaintext, except for a SecureString read without
 * `WithDecryption`, which (as on AWS) comes back as its ciphertext.
 */
export function answeredValue(
  key: Buffer,
  found: FoundParameter,
  withDecryption: boolean | undefined,
): string {
  if (found.record.type === 'SecureString' && withDecryption !== true) return found.version.value
  return plainValue(key, found.record, found.version)
}
