/**
 * Which backend a provider process uses. Normally the SDK-backed one (it arrives with the second
 * half of issue #7: until then ConfigureProvider says so). The environment variable
 * QUAYSIDE_PROVIDER_BACKEND=memory[:<file>] selects the in-memory fake instead: a TEST SEAM that
 * only the provider's tests set, never something to configure in production.
 */
import { ProviderError } from '../errors.js'
import { createMemoryBackends } from './memory.js'
import type { BackendFactory, Backends } from './types.js'

/** The test-seam variable. */
export const BACKEND_ENV = 'QUAYSIDE_PROVIDER_BACKEND'

/** Refuses every configuration until the SDK-backed backend exists, naming what is missing. */
export const pendingSdkFactory: BackendFactory = config => {
  if (config.endpoint === undefined) {
    throw new ProviderError(
      'QS_PROVIDER_NOT_CONFIGURED',
      'Set "endpoint" (or AWS_ENDPOINT_URL_ECS) to the URL of a quayside server.',
      ['endpoint'],
    )
  }
  throw new ProviderError(
    'QS_PROVIDER_NOT_CONFIGURED',
    `This build of the provider cannot reach ${config.endpoint} yet: the SDK-backed backend is not part of it.`,
  )
}

/** The factory the environment asks for. */
export function selectBackendFactory(env: NodeJS.ProcessEnv): BackendFactory {
  const choice = env[BACKEND_ENV] ?? ''
  if (choice !== 'memory' && !choice.startsWith('memory:')) return pendingSdkFactory
  const file = choice.slice('memory:'.length)
  let backends: Backends | undefined
  // one store per process however often Terraform configures it
  return config =>
    (backends ??= createMemoryBackends(config.region, file === '' ? undefined : file))
}
