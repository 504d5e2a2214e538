/**
 * Secrets Manager PutSecretValue: a new version, which takes the given staging labels (default
 * AWSCURRENT; the version losing AWSCURRENT becomes AWSPREVIOUS). A ClientRequestToken already
 * used answers the same version again when the value is the same, ResourceExistsException when
 * it is not.
 */
import type {
  PutSecretValueRequest,
  PutSecretValueResponse,
} from '@quayside/openapi/secretsmanager-types'
import { secretsManagerErrors } from '../../errors.js'
import { hasValue, newVersion } from '../../secretsmanager/put-version.js'
import { CURRENT, stageNewVersion } from '../../secretsmanager/secret-record.js'
import {
  decryptVersion,
  requireLive,
  requireSecret,
  SECRET_KIND,
} from '../../secretsmanager/secrets.js'
import { epochSeconds, type OperationContext } from '../context.js'

export function putSecretValue(
  input: PutSecretValueRequest,
  { store, scope, runtime }: OperationContext,
): Promise<PutSecretValueResponse> {
  if (!hasValue(input))
    throw secretsManagerErrors.invalidRequest(
      'You must provide either SecretString or SecretBinary.',
    )
  return store.transaction(async (tx): Promise<PutSecretValueResponse> => {
    const now = epochSeconds()
    const record = await requireSecret(tx, scope, input.SecretId, now)
    requireLive(record)
    const key = runtime.secretsKey()
    const repeated = record.versions.find(v => v.versionId === input.ClientRequestToken)
    if (repeated !== undefined) {
      const stored = decryptVersion(key, record, repeated)
      if (stored.SecretString !== input.SecretString || stored.SecretBinary !== input.SecretBinary)
        throw secretsManagerErrors.resourceExists(
          `You can't modify an existing version, you can only create a new version. VersionId: ${repeated.versionId}`,
        )
      return {
        ARN: record.arn,
        Name: record.name,
        VersionId: repeated.versionId,
        VersionStages: [...repeated.stages],
      }
    }
    const stages = input.VersionStages ?? [CURRENT]
    const version = newVersion(key, record.name, input.ClientRequestToken, input, stages, now)
    const versions = stageNewVersion(record.versions, version)
    await tx.put(scope, SECRET_KIND, record.name, '', { ...record, versions, lastChangedDate: now })
    return {
      ARN: record.arn,
      Name: record.name,
      VersionId: version.versionId,
      VersionStages: [...stages],
    }
  })
}
