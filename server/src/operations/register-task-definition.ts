/**
 * RegisterTaskDefinition: the helper module (../task-definitions/) checks and normalises the input
 * as ECS does; this file adds the revision (from the family's counter, so it only goes up), ARN,
 * status and registration stamps, and stores the revision with its tags.
 */
import type {
  RegisterTaskDefinitionRequest,
  RegisterTaskDefinitionResponse,
} from '@quayside/openapi/types'
import { taskDefinitionArn } from '../arn.js'
import { errors, ServiceError } from '../errors.js'
import { bumpFamily } from '../resources/task-definition-families.js'
import {
  revisionCounter,
  saveTaskDefinition,
  type TaskDefinitionRecord,
} from '../resources/task-definition-records.js'
import { checkTags } from '../resources/tags.js'
import { normalizeTaskDefinition } from '../task-definitions/index.js'
import { epochSeconds, type OperationContext } from './context.js'

export function registerTaskDefinition(
  input: RegisterTaskDefinitionRequest,
  { store, scope, principalArn }: OperationContext,
): Promise<RegisterTaskDefinitionResponse> {
  const checked = normalizeTaskDefinition(input)
  if (!checked.ok) throw new ServiceError(checked.error, checked.message)
  // Tags are stored and answered beside the task definition, never inside it.
  const { tags: given, ...normalized } = checked.value
  const tags = given ?? []
  checkTags(tags)
  if (tags.length > 50) throw errors.invalidParameter('A resource can have at most 50 tags.')
  return store.transaction(async (tx): Promise<RegisterTaskDefinitionResponse> => {
    const family = normalized.family
    const revision = await tx.increment(scope, revisionCounter(family))
    const record: TaskDefinitionRecord = {
      taskDefinition: {
        taskDefinitionArn: taskDefinitionArn(scope, family, revision),
        ...normalized,
        family,
        revision,
        status: 'ACTIVE',
        registeredAt: epochSeconds(),
        registeredBy: principalArn,
      },
      tags,
    }
    await saveTaskDefinition(tx, scope, record)
    await bumpFamily(tx, scope, family, { active: 1 })
    return { taskDefinition: record.taskDefinition, tags }
  })
}
