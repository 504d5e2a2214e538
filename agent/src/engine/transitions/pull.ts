/** The PULLED transition: make the image available locally, per the pull behaviour. */
import type { ContainerRuntime } from '../../docker/runtime.js'
import type { PullBehavior } from '../config.js'

/**
 * Resolves once `image` can be used for create. Rejects with `CannotPullContainerError` (or
 * `DockerTimeoutError`) when it cannot: with `default`, only if the pull failed *and* no local
 * copy exists.
 */
export async function pullTransition(
  runtime: ContainerRuntime,
  image: string,
  behavior: PullBehavior,
): Promise<void> {
  switch (behavior) {
    case 'prefer-cached':
      if (!(await runtime.imageExists(image))) await runtime.pullImage(image)
      return
    case 'always':
      await runtime.pullImage(image)
      return
    case 'default':
      try {
        await runtime.pullImage(image)
      } catch (error) {
        if (!(await runtime.imageExists(image))) throw error
      }
  }
}
