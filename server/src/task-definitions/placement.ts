import { parseQuery } from '../query/index.js'
import type { RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import { invalidParameter, type TaskDefinitionCheck } from './check.js'

/** Placement constraints a task definition may carry (ECS's limit for definition + request). */
export const MAX_PLACEMENT_CONSTRAINTS = 10

/**
 * Task-definition placement constraints: at most 10, each `memberOf` (the only type a task
 * definition allows) with an expression in the cluster query language that parses.
 */
export function checkPlacementConstraints(
  input: RegisterTaskDefinitionRequest,
): TaskDefinitionCheck<void> {
  const constraints = input.placementConstraints ?? []
  if (constraints.length > MAX_PLACEMENT_CONSTRAINTS) {
    return invalidParameter(
      `Too many placement constraints: at most ${MAX_PLACEMENT_CONSTRAINTS} are allowed, found ${constraints.length}.`,
    )
  }
  for (const constraint of constraints) {
    if (constraint.type !== 'memberOf') {
      return invalidParameter(
        'Invalid placement constraint: task definitions support only type memberOf.',
      )
    }
    if (constraint.expression === undefined || constraint.expression.trim() === '') {
      return invalidParameter('Invalid placement constraint: memberOf requires an expression.')
    }
    const parsed = parseQuery(constraint.expression)
    if (!parsed.ok) return invalidParameter(parsed.message)
  }
  return { ok: true, value: undefined }
}
