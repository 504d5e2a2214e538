/** The CREATED transition: create the Docker container, or adopt the one a crash left behind. */
import { identityFromLabels } from '../../docker/identity.js'
import type { ContainerCreateConfig, ContainerRuntime } from '../../docker/runtime.js'

/**
 * Creates the container and returns its id. If create fails and a container of this exact name
 * already carries this task's labels, it was created by an earlier run of the agent that died
 * before recording the id (the name is chosen before create for this reason): that container is
 * adopted instead of failing. Otherwise rejects with the create error.
 */
export async function createTransition(
  runtime: ContainerRuntime,
  config: ContainerCreateConfig,
): Promise<string> {
  try {
    return await runtime.createContainer(config)
  } catch (error) {
    const existing = await runtime.inspectContainer(config.name).catch(() => undefined)
    const theirs = existing ? identityFromLabels(existing.labels) : undefined
    const ours = identityFromLabels(config.Labels)
    if (
      existing &&
      theirs &&
      ours &&
      theirs.taskArn === ours.taskArn &&
      theirs.containerName === ours.containerName
    ) {
      return existing.id
    }
    throw error
  }
}
