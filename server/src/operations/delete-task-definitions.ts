/**
 * DeleteTaskDefinitions: up to 10 INACTIVE revisions move to DELETE_IN_PROGRESS (nothing can
 * reference them before tasks exist, so they stay in that state, describable). ACTIVE or unknown
 * revisions are `failures`, their `reason` the sentence DeregisterTaskDefinition answers for the
 * same case.
 */
import type {
  DeleteTaskDefinitionsRequest,
  DeleteTaskDefinitionsResponse,
  Failure,
  TaskDefinition,
} from '@quayside/openapi/types'
import { errors } from '../errors.js'
import {
  findTaskDefinition,
  parseReference,
  saveTaskDefinition,
} from '../resources/task-definition-records.js'
import {
  REVISION_REQUIRED,
  STILL_ACTIVE,
  TASK_DEFINITION_NOT_FOUND,
} from '../resources/task-definition-messages.js'
import type { OperationContext } from './context.js'

export function deleteTaskDefinitions(
  input: DeleteTaskDefinitionsRequest,
  { store, scope }: OperationContext,
): Promise<DeleteTaskDefinitionsResponse> {
  const references = input.taskDefinitions
  if (references.length > 10)
    throw errors.invalidParameter('taskDefinitions can name at most 10 revisions.')
  return store.transaction(async (tx): Promise<DeleteTaskDefinitionsResponse> => {
    const taskDefinitions: TaskDefinition[] = []
    const failures: Failure[] = []
    for (const text of references) {
      const reference = parseReference(scope, text)
      const record =
        reference?.revision === undefined ? undefined : await findTaskDefinition(tx, scope, text)
      if (reference?.revision === undefined) {
        failures.push({ arn: text, reason: REVISION_REQUIRED })
      } else if (!record) {
        failures.push({ arn: text, reason: TASK_DEFINITION_NOT_FOUND })
      } else if (record.taskDefinition.status === 'ACTIVE') {
        failures.push({ arn: record.taskDefinition.taskDefinitionArn, reason: STILL_ACTIVE })
      } else {
        if (record.taskDefinition.status === 'INACTIVE') {
          record.taskDefinition = { ...record.taskDefinition, status: 'DELETE_IN_PROGRESS' }
          await saveTaskDefinition(tx, scope, record)
        }
        taskDefinitions.push(record.taskDefinition)
      }
    }
    return { taskDefinitions, failures }
  })
}
