/** The RUNNING transition: start the container and read back what Docker made of it. */
import type { ContainerDetails, ContainerRuntime } from '../../docker/runtime.js'

/**
 * Starts container `id` and returns its inspect result (the only place dynamic host ports are
 * known), or undefined if it vanished at once. Rejects with `CannotStartContainerError`.
 */
export async function startTransition(
  runtime: ContainerRuntime,
  id: string,
): Promise<ContainerDetails | undefined> {
  await runtime.startContainer(id)
  return runtime.inspectContainer(id)
}
