/**
 * The Secrets Manager registry: every operation of openapi/generated/secretsmanager.openapi.json,
 * typed by `@quayside/openapi/secretsmanager-types`. Routed as `secretsmanager:<Operation>`
 * (../../apis.ts).
 */
import type { OperationHandlers } from '@quayside/openapi/secretsmanager-types'
import type { OperationContext } from '../context.js'
import { createSecret } from './create-secret.js'
import { deleteSecret } from './delete-secret.js'
import { describeSecret } from './describe-secret.js'
import { getSecretValue } from './get-secret-value.js'
import { listSecrets } from './list-secrets.js'
import { putSecretValue } from './put-secret-value.js'

export const secretsManagerOperations: OperationHandlers<OperationContext> = {
  CreateSecret: createSecret,
  DeleteSecret: deleteSecret,
  DescribeSecret: describeSecret,
  GetSecretValue: getSecretValue,
  ListSecrets: listSecrets,
  PutSecretValue: putSecretValue,
}
