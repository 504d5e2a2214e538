/** Secrets Manager GetSecretValue: a version's value, AWSCURRENT unless a VersionId or stage is given. */
import type {
  GetSecretValueRequest,
  GetSecretValueResponse,
} from '@quayside/openapi/secretsmanager-types'
import {
  chooseVersion,
  decryptVersion,
  requireLive,
  requireSecret,
  SECRET_KIND,
} from '../../secretsmanager/secrets.js'
import { epochSeconds, type OperationContext } from '../context.js'

export function getSecretValue(
  input: GetSecretValueRequest,
  { store, scope, runtime }: OperationContext,
): Promise<GetSecretValueResponse> {
  return store.transaction(async (tx): Promise<GetSecretValueResponse> => {
    const now = epochSeconds()
    const record = await requireSecret(tx, scope, input.SecretId, now)
    requireLive(record)
    const version = chooseVersion(record, input.VersionId, input.VersionStage)
    // AWS records the day of the last access, not the moment
    const today = Math.floor(now / 86_400) * 86_400
    if (record.lastAccessedDate !== today)
      await tx.put(scope, SECRET_KIND, record.name, '', { ...record, lastAccessedDate: today })
    return {
      ARN: record.arn,
      Name: record.name,
      VersionId: version.versionId,
      ...decryptVersion(runtime.secretsKey(), record, version),
      VersionStages: [...version.stages],
      CreatedDate: version.createdDate,
    }
  })
}
