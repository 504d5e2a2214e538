/** DescribeTaskDefinition: by family (latest ACTIVE revision), family:revision or ARN. */
import { errors } from '../errors.js'
import { findTaskDefinition } from '../resources/task-definition-records.js'
import type { OperationHandler } from './context.js'
import { str, strings } from './input.js'

export const describeTaskDefinition: OperationHandler = (input, { store, scope }) =>
  store.transaction(async tx => {
    const record = await findTaskDefinition(tx, scope, str(input, 'taskDefinition') ?? '')
    if (!record) throw errors.client('Unable to describe task definition.')
    const withTags = (strings(input, 'include') ?? []).includes('TAGS')
    return { taskDefinition: record.taskDefinition, ...(withTags ? { tags: record.tags } : {}) }
  })
