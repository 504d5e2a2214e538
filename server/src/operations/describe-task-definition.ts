/** DescribeTaskDefinition: by family (latest ACTIVE revision), family:revision or ARN. */
import type {
  DescribeTaskDefinitionRequest,
  DescribeTaskDefinitionResponse,
} from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { findTaskDefinition } from '../resources/task-definition-records.js'
import type { OperationContext } from './context.js'

export function describeTaskDefinition(
  input: DescribeTaskDefinitionRequest,
  { store, scope }: OperationContext,
): Promise<DescribeTaskDefinitionResponse> {
  return store.transaction(async (tx): Promise<DescribeTaskDefinitionResponse> => {
    const record = await findTaskDefinition(tx, scope, input.taskDefinition)
    if (!record) throw errors.client('Unable to describe task definition.')
    const withTags = (input.include ?? []).includes('TAGS')
    return { taskDefinition: record.taskDefinition, ...(withTags ? { tags: record.tags } : {}) }
  })
}
