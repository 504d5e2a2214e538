/**
 * Which backend a provider process uses. Normally the SDK-backed one, talking to the quayside
 * server named by `endpoint`. The environment variable QUAYSIDE_PROVIDER_BACKEND=memory[:<file>]
 * selects the in-memory fake instead: a TEST SEAM that only the provider's tests set, never
 * something to configure in production.
 */
import { ProviderError } from '../errors.js'
import { createMemoryBackends } from './memory.js'
import { createSdkBackends } from './sdk.js'
import type { SdkBackends } from './sdk.js'
import type { BackendFactory, Backends } from './types.js'

/** The test-seam variable. */
export const BACKEND_ENV = 'QUAYSIDE_PROVIDER_BACKEND'

/**
 * A factory of SDK-backed backends. Each ConfigureProvider gets a fresh client (the configuration
 * may have changed) and the previous one's connections are released. A missing endpoint is refused
 * rather than defaulted to AWS: this provider is for quayside servers.
 */
export function sdkFactory(): BackendFactory {
  let previous: SdkBackends | undefined
  return (config, signal) => {
    if (config.endpoint === undefined) {
      throw new ProviderError(
        'QS_PROVIDER_NOT_CONFIGURED',
        'Set "endpoint" (or AWS_ENDPOINT_URL_ECS) to the URL of a quayside server.',
        ['endpoint'],
      )
    }
    const closing = previous
    previous = createSdkBackends(config, signal)
    // the old client may still finish a call in flight; its close waits for that
    void closing?.close()
    return previous
  }
}

/** The factory the environment asks for. */
export function selectBackendFactory(env: NodeJS.ProcessEnv): BackendFactory {
  const choice = env[BACKEND_ENV] ?? ''
  if (choice !== 'memory' && !choice.startsWith('memory:')) return sdkFactory()
  const file = choice.slice('memory:'.length)
  let backends: Backends | undefined
  // one store per process however often Terraform configures it
  return config =>
    (backends ??= createMemoryBackends(config.region, file === '' ? undefined : file))
}
