/** The PULLED transition: make the image available locally, per the pull behaviour. */
import type { ContainerRuntime, RegistryAuth } from '../../docker/runtime.js'
import type { PullBehavior } from '../config.js'
import type { PulledImages } from '../pulled-images.js'

/**
 * Resolves once `image` can be used for create. Rejects with `CannotPullContainerError` (or
 * `DockerTimeoutError`) when it cannot: with `default`, only if the pull failed *and* no local
 * copy exists. `pulled` holds the images this agent has pulled successfully (shared by every
 * task of the engine); `once` pulls only those it lacks, and every successful pull joins it.
 * `auth` (a container's `repositoryCredentials`) logs the pull in to the image's registry.
 */
export async function pullTransition(
  runtime: ContainerRuntime,
  image: string,
  behavior: PullBehavior,
  pulled: PulledImages = new Set(),
  auth?: RegistryAuth,
): Promise<void> {
  const pull = async () => {
    await runtime.pullImage(image, auth)
    pulled.add(image)
  }
  switch (behavior) {
    case 'prefer-cached':
      if (!(await runtime.imageExists(image))) await pull()
      return
    case 'once':
      if (!pulled.has(image)) await pull()
      return
    case 'always':
      await pull()
      return
    case 'default':
      try {
        await pull()
      } catch (error) {
        if (!(await runtime.imageExists(image))) throw error
      }
  }
}
