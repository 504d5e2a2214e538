/**
 * ConfigureProvider: attributes first, then the standard AWS environment variables, then
 * defaults. Re-entrant: every call builds new backends and replaces the old ones (Terraform
 * configures on every operation, and a debug-attached provider process several times).
 */
import type { ProviderConfig } from '../backend/types.js'
import { schemas } from '../generated/schemas.js'
import type { ConfigureProviderRequest, DiagnosticsResponse } from '../protocol/messages.js'
import { isObject } from '../values/types.js'
import type { ProviderContext } from './context.js'
import { decodeWith } from './context.js'
import { diagnosticFromError } from './diagnostics.js'

/** The effective configuration of decoded provider attributes and an environment. */
export function resolveConfig(
  attributes: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): ProviderConfig {
  const pick = (name: string, ...vars: string[]): string | undefined => {
    const value = attributes[name]
    if (typeof value === 'string' && value !== '') return value
    for (const variable of vars) {
      const fromEnv = env[variable]
      if (fromEnv) return fromEnv
    }
    return undefined
  }
  // a key pair from the environment may be temporary: its session token comes with it
  const keyFromAttributes = pick('access_key') !== undefined
  return {
    endpoint: pick('endpoint', 'AWS_ENDPOINT_URL_ECS', 'AWS_ENDPOINT_URL'),
    region: pick('region', 'AWS_REGION', 'AWS_DEFAULT_REGION') ?? 'us-east-1',
    accessKey: pick('access_key', 'AWS_ACCESS_KEY_ID'),
    secretKey: pick('secret_key', 'AWS_SECRET_ACCESS_KEY'),
    sessionToken: keyFromAttributes ? undefined : pick('', 'AWS_SESSION_TOKEN'),
  }
}

/** ConfigureProvider. */
export function configureProvider(
  context: ProviderContext,
  request: ConfigureProviderRequest,
  env: NodeJS.ProcessEnv,
): DiagnosticsResponse {
  try {
    const decoded = decodeWith(schemas.provider, request.config)
    const config = resolveConfig(isObject(decoded) ? decoded : {}, env)
    context.backends = context.factory(config, context.stop.signal)
    context.log.log('info', 'provider configured', {
      endpoint: config.endpoint,
      region: config.region,
      terraform_version: request.terraform_version,
    })
    return { diagnostics: [] }
  } catch (error) {
    return { diagnostics: [diagnosticFromError(error, 'Cannot configure the quayside provider')] }
  }
}
