/**
 * The tfplugin6 RPC handlers as one object, ready for the gRPC layer to serve. Nothing here knows
 * about gRPC or sockets: tests can call the handlers directly.
 */
import type { BackendFactory } from '../backend/types.js'
import type { Logger } from '../log.js'
import type { ProviderRpcs } from '../protocol/messages.js'
import { applyResourceChange } from './apply.js'
import { configureProvider } from './configure.js'
import { createContext } from './context.js'
import { planResourceChange } from './plan.js'
import { importResourceState, readDataSource, readResource } from './read.js'
import { getMetadata, getProviderSchema } from './schema.js'
import { upgradeResourceState } from './upgrade.js'
import {
  validateDataResourceConfig,
  validateProviderConfig,
  validateResourceConfig,
} from './validate.js'

/** Options of {@link createProviderRpcs}. */
export interface ProviderRpcOptions {
  /** Builds the backends on ConfigureProvider. */
  readonly factory: BackendFactory
  readonly log: Logger
  /** Where configuration defaults (AWS_* variables) are read; process.env by default. */
  readonly env?: NodeJS.ProcessEnv
}

/** Every tfplugin6 RPC this provider serves, sharing one context. */
export function createProviderRpcs(options: ProviderRpcOptions): ProviderRpcs {
  const context = createContext(options)
  const env = options.env ?? process.env
  return {
    GetMetadata: () => Promise.resolve(getMetadata()),
    GetProviderSchema: () => Promise.resolve(getProviderSchema()),
    ValidateProviderConfig: request => Promise.resolve(validateProviderConfig(request)),
    ValidateResourceConfig: request => Promise.resolve(validateResourceConfig(request)),
    ValidateDataResourceConfig: request => Promise.resolve(validateDataResourceConfig(request)),
    ConfigureProvider: request => Promise.resolve(configureProvider(context, request, env)),
    UpgradeResourceState: request => Promise.resolve(upgradeResourceState(request)),
    ReadResource: request => readResource(context, request),
    PlanResourceChange: request => Promise.resolve(planResourceChange(request)),
    ApplyResourceChange: request => applyResourceChange(context, request),
    ImportResourceState: request => importResourceState(context, request),
    ReadDataSource: request => readDataSource(context, request),
    StopProvider: () => {
      context.stop.abort()
      context.log.log('info', 'StopProvider: abandoning backend calls in flight')
      return Promise.resolve({ Error: '' })
    },
  }
}
