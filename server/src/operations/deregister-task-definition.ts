/**
 * DeregisterTaskDefinition: makes one revision (family:revision or ARN; a revision is required)
 * INACTIVE. Deregistering an INACTIVE revision again answers it unchanged.
 */
import type {
  DeregisterTaskDefinitionRequest,
  DeregisterTaskDefinitionResponse,
} from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { bumpFamily } from '../resources/task-definition-families.js'
import {
  findTaskDefinition,
  parseReference,
  saveTaskDefinition,
} from '../resources/task-definition-records.js'
import {
  REVISION_REQUIRED,
  TASK_DEFINITION_NOT_FOUND,
} from '../resources/task-definition-messages.js'
import { epochSeconds, type OperationContext } from './context.js'

export function deregisterTaskDefinition(
  input: DeregisterTaskDefinitionRequest,
  { store, scope }: OperationContext,
): Promise<DeregisterTaskDefinitionResponse> {
  const text = input.taskDefinition
  const reference = parseReference(scope, text)
  if (reference?.revision === undefined) {
    throw errors.client(REVISION_REQUIRED)
  }
  return store.transaction(async (tx): Promise<DeregisterTaskDefinitionResponse> => {
    const record = await findTaskDefinition(tx, scope, text)
    if (!record || record.taskDefinition.status === 'DELETE_IN_PROGRESS') {
      throw errors.client(TASK_DEFINITION_NOT_FOUND)
    }
    if (record.taskDefinition.status === 'ACTIVE') {
      record.taskDefinition = {
        ...record.taskDefinition,
        status: 'INACTIVE',
        deregisteredAt: epochSeconds(),
      }
      await saveTaskDefinition(tx, scope, record)
      await bumpFamily(tx, scope, record.taskDefinition.family, { active: -1 })
    }
    return { taskDefinition: record.taskDefinition }
  })
}
