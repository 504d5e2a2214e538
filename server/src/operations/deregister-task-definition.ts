/**
 * DeregisterTaskDefinition: makes one revision (family:revision or ARN; a revision is required)
 * INACTIVE. Deregistering an INACTIVE revision again answers it unchanged.
 */
import { errors } from '../errors.js'
import { bumpFamily } from '../resources/task-definition-families.js'
import {
  findTaskDefinition,
  parseReference,
  saveTaskDefinition,
} from '../resources/task-definition-records.js'
import { epochSeconds, type OperationHandler } from './context.js'
import { str } from './input.js'

export const deregisterTaskDefinition: OperationHandler = (input, { store, scope }) => {
  const text = str(input, 'taskDefinition') ?? ''
  const reference = parseReference(scope, text)
  if (reference?.revision === undefined) {
    throw errors.client('The task definition must be given as family:revision or as a full ARN.')
  }
  return store.transaction(async tx => {
    const record = await findTaskDefinition(tx, scope, text)
    if (!record || record.taskDefinition.status === 'DELETE_IN_PROGRESS') {
      throw errors.client('The specified task definition does not exist.')
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
