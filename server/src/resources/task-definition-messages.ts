/**
 * The sentences DeregisterTaskDefinition answers as ClientException messages and
 * DeleteTaskDefinitions answers as `failures[].reason` for the same situations, so that both
 * operations describe a revision's problem in one form (ECS's, for a revision still ACTIVE).
 */

/** The reference names a family without a revision. */
export const REVISION_REQUIRED =
  'The task definition must be given as family:revision or as a full ARN.'

/** No such revision (or one being deleted). */
export const TASK_DEFINITION_NOT_FOUND = 'The specified task definition does not exist.'

/** DeleteTaskDefinitions of a revision not deregistered first. */
export const STILL_ACTIVE =
  'The specified task definition is still in ACTIVE status. Please deregister the target and try again.'
