/**
 * How a Docker container is tied back to its ECS task: the `com.amazonaws.ecs.*` labels the ECS
 * agent sets on every container (so tools written for ECS hosts keep working here) and the Docker
 * container name. Restart reconciliation finds the agent's containers by these labels alone.
 */
import type { EngineTask } from '../task-definition.js'

export const TASK_ARN_LABEL = 'com.amazonaws.ecs.task-arn'
export const CONTAINER_NAME_LABEL = 'com.amazonaws.ecs.container-name'
export const FAMILY_LABEL = 'com.amazonaws.ecs.task-definition-family'
export const REVISION_LABEL = 'com.amazonaws.ecs.task-definition-version'
export const CLUSTER_LABEL = 'com.amazonaws.ecs.cluster'
/**
 * quayside's own label: the container instance whose agent created the container. ECS has one
 * agent per host; quayside lets several share a Docker Engine (two state dirs, or `quayside up`
 * beside another agent), and a restarting agent must take only its own containers for orphans.
 */
export const INSTANCE_LABEL = 'quayside.container-instance-arn'

/**
 * The labels for `containerName` of `task`: the user's `dockerLabels` first, then the ECS labels
 * (and {@link INSTANCE_LABEL} when `instanceArn` is known), which win on a clash as they do on
 * ECS (a task must not be able to disguise itself as another).
 */
export function containerLabels(
  task: EngineTask,
  containerName: string,
  dockerLabels: Readonly<Record<string, string>> = {},
  instanceArn?: string,
): Record<string, string> {
  return {
    ...dockerLabels,
    [TASK_ARN_LABEL]: task.arn,
    [CONTAINER_NAME_LABEL]: containerName,
    [FAMILY_LABEL]: task.definition.family,
    [REVISION_LABEL]: String(task.definition.revision),
    [CLUSTER_LABEL]: task.cluster,
    ...(instanceArn === undefined ? {} : { [INSTANCE_LABEL]: instanceArn }),
  }
}

/** Which task and container a set of labels names, or undefined when they are not ours. */
export function identityFromLabels(
  labels: Readonly<Record<string, string>>,
): { readonly taskArn: string; readonly containerName: string } | undefined {
  const taskArn = labels[TASK_ARN_LABEL]
  const containerName = labels[CONTAINER_NAME_LABEL]
  if (taskArn === undefined || containerName === undefined) return undefined
  return { taskArn, containerName }
}

/**
 * The Docker name, as the ECS agent forms it: `ecs-<family>-<revision>-<name>-<hex>`, the
 * container name stripped to `[A-Za-z0-9-]`. `hex` is the caller's random suffix (20 hex digits
 * from the task manager), which keeps names unique across runs of the same task definition; the
 * name is chosen before create so that a crash between create and the record of its id can still
 * be recovered by name.
 */
export function dockerContainerName(
  family: string,
  revision: number,
  containerName: string,
  hex: string,
): string {
  const safe = containerName.replace(/[^A-Za-z0-9-]/g, '')
  return `ecs-${family}-${revision}-${safe}-${hex}`
}
