/**
 * DeleteTaskDefinitions: up to 10 INACTIVE revisions move to DELETE_IN_PROGRESS (nothing can
 * reference them before tasks exist, so they stay in that state, describable). ACTIVE or unknown
 * revisions are `failures`.
 */
import { errors } from '../errors.js'
import {
  findTaskDefinition,
  parseReference,
  saveTaskDefinition,
} from '../resources/task-definition-records.js'
import type { OperationHandler } from './context.js'
import { strings } from './input.js'

export const deleteTaskDefinitions: OperationHandler = (input, { store, scope }) => {
  const references = strings(input, 'taskDefinitions') ?? []
  if (references.length > 10)
    throw errors.invalidParameter('taskDefinitions can name at most 10 revisions.')
  return store.transaction(async tx => {
    const taskDefinitions: object[] = []
    const failures: { arn: string; reason: string; detail?: string }[] = []
    for (const text of references) {
      const reference = parseReference(scope, text)
      const record =
        reference?.revision === undefined ? undefined : await findTaskDefinition(tx, scope, text)
      if (!record) {
        failures.push({
          arn: text,
          reason: 'TASK_DEFINITION_NOT_FOUND',
          detail: 'The specified task definition does not exist.',
        })
      } else if (record.taskDefinition.status === 'ACTIVE') {
        failures.push({
          arn: record.taskDefinition.taskDefinitionArn,
          reason:
            'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
        })
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
