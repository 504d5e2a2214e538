/**
 * Applies a key's identity policy to one call: the HTTP pipeline calls {@link authorize} after
 * validation, the agent channel calls {@link allows} for `ecs:Poll` before accepting a socket.
 * A key without a policy may do everything and costs one property read per request.
 */
import { errors } from '../errors.js'
import type { Scope } from '../store/index.js'
import { actionName, actionOf } from './actions.js'
import type { Credential } from './credentials.js'
import { evaluate } from './policy.js'

/** True when `credential` may perform `action` on `resource`. */
export function allows(credential: Credential, action: string, resource: string): boolean {
  return (
    credential.policy === undefined || evaluate(credential.policy, action, resource) === 'allow'
  )
}

/**
 * Throws AccessDeniedException (ECS's message form) unless `credential` may perform the
 * operation's action (`ecs:RunTask`, `ssm:GetParameter`) on every resource the validated `input`
 * names.
 */
export function authorize(
  credential: Credential,
  operation: string,
  input: Readonly<Record<string, unknown>>,
  scope: Scope,
): void {
  const policy = credential.policy
  if (policy === undefined) return
  const action = actionName(operation)
  for (const resource of actionOf(operation).resources(input, scope)) {
    const decision = evaluate(policy, action, resource)
    if (decision !== 'allow')
      throw errors.accessDenied(
        credential.principalArn,
        action,
        resource,
        decision === 'explicit-deny',
      )
  }
}
