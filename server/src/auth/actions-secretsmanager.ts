/**
 * Secrets Manager's rows of the action table (./actions.ts): each served operation's throttling
 * group and the secret it acts on. A `SecretId` that is an ARN is checked as written; a name is
 * checked as `arn:aws:secretsmanager:<region>:<account>:secret:<name>`, without the six random
 * characters the real ARN ends in (authorization runs before the secret is looked up), so a
 * policy naming secrets by name matches with `secret:<name>*`.
 */
import type { Scope } from '../store/index.js'
import type { ActionInfo } from './actions.js'

type Input = Readonly<Record<string, unknown>>

/** A secret name or ARN -> the ARN checked for it. */
export function secretResource(scope: Scope, reference: string): string {
  if (reference.startsWith('arn:')) return reference
  return `arn:aws:secretsmanager:${scope.region}:${scope.account}:secret:${reference}`
}

const secret =
  (field: string) =>
  (input: Input, scope: Scope): string[] => {
    const value = input[field]
    return typeof value === 'string' && value !== '' ? [secretResource(scope, value)] : ['*']
  }

/** Every served Secrets Manager operation by name (keys `secretsmanager:<Operation>`). */
export const SECRETS_MANAGER_ACTIONS: Readonly<Record<string, ActionInfo>> = {
  CreateSecret: { group: 'write', resources: secret('Name') },
  DeleteSecret: { group: 'write', resources: secret('SecretId') },
  DescribeSecret: { group: 'read', resources: secret('SecretId') },
  GetSecretValue: { group: 'read', resources: secret('SecretId') },
  ListSecrets: { group: 'read', resources: () => ['*'] },
  PutSecretValue: { group: 'write', resources: secret('SecretId') },
}
