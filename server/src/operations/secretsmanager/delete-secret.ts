/**
 * Secrets Manager DeleteSecret: schedules the deletion after a recovery window of 7 to 30 days
 * (default 30), or deletes at once with ForceDeleteWithoutRecovery (not both).
 */
import type {
  DeleteSecretRequest,
  DeleteSecretResponse,
} from '@quayside/openapi/secretsmanager-types'
import { secretsManagerErrors } from '../../errors.js'
import { requireSecret, SECRET_KIND } from '../../secretsmanager/secrets.js'
import { epochSeconds, type OperationContext } from '../context.js'

export function deleteSecret(
  input: DeleteSecretRequest,
  { store, scope }: OperationContext,
): Promise<DeleteSecretResponse> {
  const force = input.ForceDeleteWithoutRecovery === true
  if (force && input.RecoveryWindowInDays !== undefined)
    throw secretsManagerErrors.invalidParameter(
      "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    )
  const days = input.RecoveryWindowInDays ?? 30
  if (!Number.isInteger(days) || days < 7 || days > 30)
    throw secretsManagerErrors.invalidParameter(
      'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
    )
  return store.transaction(async (tx): Promise<DeleteSecretResponse> => {
    const now = epochSeconds()
    const record = await requireSecret(tx, scope, input.SecretId, now)
    if (force) {
      await tx.delete(scope, SECRET_KIND, record.name)
      return { ARN: record.arn, Name: record.name, DeletionDate: now }
    }
    if (record.deletedDate !== undefined)
      throw secretsManagerErrors.invalidRequest(
        "You can't delete secret because it was already scheduled for deletion.",
      )
    const deletedDate = now + days * 86_400
    await tx.put(scope, SECRET_KIND, record.name, '', { ...record, deletedDate })
    return { ARN: record.arn, Name: record.name, DeletionDate: deletedDate }
  })
}
