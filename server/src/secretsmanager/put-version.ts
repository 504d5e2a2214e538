/**
 * A new version of a secret's value, as CreateSecret and PutSecretValue make it: exactly one of
 * SecretString and SecretBinary, encrypted; the ClientRequestToken (or a random UUID) as its id.
 */
import { randomUUID } from 'node:crypto'
import { secretsManagerErrors } from '../errors.js'
import { encryptValue } from '../secrets/cipher.js'
import { valueContext, type SecretVersion } from './secret-record.js'

/** The value a request gives, checked: both or (where required) neither is refused. */
export interface GivenValue {
  readonly SecretString?: string | undefined
  readonly SecretBinary?: string | undefined
}

/** Whether the request carries a value; throws InvalidParameterException when it carries both. */
export function hasValue(given: GivenValue): boolean {
  if (given.SecretString !== undefined && given.SecretBinary !== undefined)
    throw secretsManagerErrors.invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    )
  return given.SecretString !== undefined || given.SecretBinary !== undefined
}

/** Makes the encrypted version `versionId` of secret `name` with `stages`. */
export function newVersion(
  key: Buffer,
  name: string,
  versionId: string | undefined,
  given: GivenValue,
  stages: readonly string[],
  createdDate: number,
): SecretVersion {
  const id = versionId ?? randomUUID()
  const context = valueContext(name, id)
  return {
    versionId: id,
    stages: [...stages],
    createdDate,
    ...(given.SecretString !== undefined
      ? { secretString: encryptValue(key, given.SecretString, context) }
      : {}),
    ...(given.SecretBinary !== undefined
      ? { secretBinary: encryptValue(key, Buffer.from(given.SecretBinary, 'base64'), context) }
      : {}),
  }
}
