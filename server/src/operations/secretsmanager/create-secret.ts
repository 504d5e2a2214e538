/**
 * Secrets Manager CreateSecret: a new secret, with its first version labelled AWSCURRENT when a
 * value is given. A name taken by a live secret is ResourceExistsException; by one scheduled for
 * deletion, InvalidRequestException.
 */
import type {
  CreateSecretRequest,
  CreateSecretResponse,
} from '@quayside/openapi/secretsmanager-types'
import { secretsManagerErrors } from '../../errors.js'
import { hasValue, newVersion } from '../../secretsmanager/put-version.js'
import {
  CURRENT,
  nameProblem,
  newSecretArn,
  type SecretRecord,
} from '../../secretsmanager/secret-record.js'
import { readSecret, SECRET_KIND } from '../../secretsmanager/secrets.js'
import { epochSeconds, type OperationContext } from '../context.js'

export function createSecret(
  input: CreateSecretRequest,
  { store, scope, runtime }: OperationContext,
): Promise<CreateSecretResponse> {
  const problem = nameProblem(input.Name)
  if (problem !== undefined) throw secretsManagerErrors.invalidParameter(problem)
  const withValue = hasValue(input)
  return store.transaction(async (tx): Promise<CreateSecretResponse> => {
    const now = epochSeconds()
    const existing = await readSecret(tx, scope, input.Name, now)
    if (existing?.deletedDate !== undefined)
      throw secretsManagerErrors.invalidRequest(
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
      )
    if (existing !== undefined)
      throw secretsManagerErrors.resourceExists(
        `The operation failed because the secret ${input.Name} already exists.`,
      )
    const version = withValue
      ? newVersion(
          runtime.secretsKey(),
          input.Name,
          input.ClientRequestToken,
          input,
          [CURRENT],
          now,
        )
      : undefined
    const record: SecretRecord = {
      name: input.Name,
      arn: newSecretArn(scope, input.Name),
      description: input.Description,
      kmsKeyId: input.KmsKeyId,
      createdDate: now,
      lastChangedDate: now,
      tags: (input.Tags ?? []).map(t => ({ ...t })),
      versions: version === undefined ? [] : [version],
    }
    await tx.put(scope, SECRET_KIND, input.Name, '', record)
    return {
      ARN: record.arn,
      Name: record.name,
      ...(version === undefined ? {} : { VersionId: version.versionId }),
    }
  })
}
