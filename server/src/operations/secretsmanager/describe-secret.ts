/** Secrets Manager DescribeSecret: a secret's metadata and versions' labels, never its value. */
import type {
  DescribeSecretRequest,
  DescribeSecretResponse,
} from '@quayside/openapi/secretsmanager-types'
import { toDescription } from '../../secretsmanager/secret-record.js'
import { requireSecret } from '../../secretsmanager/secrets.js'
import { epochSeconds, type OperationContext } from '../context.js'

export function describeSecret(
  input: DescribeSecretRequest,
  { store, scope }: OperationContext,
): Promise<DescribeSecretResponse> {
  return store.transaction(async (tx): Promise<DescribeSecretResponse> =>
    toDescription(await requireSecret(tx, scope, input.SecretId, epochSeconds())),
  )
}
