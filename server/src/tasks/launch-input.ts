/**
 * The members RunTask and StartTask share, read from either request and checked against ECS's
 * limits (tags, `startedBy` 128 characters, `group` 255, `overrides` 8192 characters of JSON).
 */
import type { RunTaskRequest } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { checkTags, mergeTags } from '../resources/tags.js'
import type { LaunchInput } from './launch.js'

/**
 * What a launch reads of its request: a RunTaskRequest or a StartTaskRequest (which lacks the
 * launch type and the placement members).
 */
export type LaunchRequest = Pick<
  RunTaskRequest,
  | 'cluster'
  | 'taskDefinition'
  | 'overrides'
  | 'group'
  | 'startedBy'
  | 'tags'
  | 'launchType'
  | 'placementConstraints'
  | 'placementStrategy'
>

/** The launch of `count` tasks that `input` asks for; throws InvalidParameterException. */
export function launchInput(request: LaunchRequest, count: number): LaunchInput {
  const tags = request.tags ?? []
  checkTags(tags)
  const { startedBy, group, overrides } = request
  if (startedBy !== undefined && startedBy.length > 128)
    throw errors.invalidParameter('startedBy can be at most 128 characters long.')
  if (group !== undefined && group.length > 255)
    throw errors.invalidParameter('group can be at most 255 characters long.')
  if (overrides && JSON.stringify(overrides).length > 8192)
    throw errors.invalidParameter('overrides can be at most 8192 characters long.')
  return {
    cluster: request.cluster,
    taskDefinition: request.taskDefinition,
    count,
    overrides,
    group,
    startedBy,
    tags: mergeTags([], tags),
    launchType: request.launchType,
    constraints: request.placementConstraints ?? [],
    strategies: request.placementStrategy ?? [],
  }
}
