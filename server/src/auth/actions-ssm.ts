/**
 * SSM Parameter Store's rows of the action table (./actions.ts): each served operation's
 * throttling group and the parameter ARNs it acts on, as IAM's reference for `ssm` names them
 * (`arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>`).
 */
import type { Scope } from '../store/index.js'
import type { ActionInfo } from './actions.js'

type Input = Readonly<Record<string, unknown>>

/** A parameter name or ARN -> its ARN in the caller's scope. */
export function parameterArn(scope: Scope, reference: string): string {
  if (reference.startsWith('arn:')) return reference
  return `arn:aws:ssm:${scope.region}:${scope.account}:parameter/${reference.replace(/^\//, '')}`
}

const one =
  (field: string) =>
  (input: Input, scope: Scope): string[] => {
    const value = input[field]
    return typeof value === 'string' && value !== '' ? [parameterArn(scope, value)] : ['*']
  }

const many = (input: Input, scope: Scope): string[] => {
  const names = Array.isArray(input['Names']) ? (input['Names'] as unknown[]) : []
  const arns = names.filter((n): n is string => typeof n === 'string' && n !== '')
  return arns.length === 0 ? ['*'] : arns.map(n => parameterArn(scope, n))
}

/** Every served SSM operation by name (keys `ssm:<Operation>` in the pipeline). */
export const SSM_ACTIONS: Readonly<Record<string, ActionInfo>> = {
  DeleteParameter: { group: 'write', resources: one('Name') },
  DescribeParameters: { group: 'read', resources: () => ['*'] },
  GetParameter: { group: 'read', resources: one('Name') },
  GetParameters: { group: 'read', resources: many },
  GetParametersByPath: { group: 'read', resources: one('Path') },
  PutParameter: { group: 'write', resources: one('Name') },
}
