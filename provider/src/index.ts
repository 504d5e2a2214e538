/**
 * @quayside/provider as a library: the schema the CDKTF bindings (@quayside/cdktf) are generated from, and the
 * backends (SDK-backed, in-memory). The Terraform plugin itself is the executable
 * bin/terraform-provider-quayside.
 */
export type * from './backend/types.js'
export { createMemoryBackends } from './backend/memory.js'
export type { MemoryState } from './backend/memory.js'
export { BACKEND_ENV, sdkFactory, selectBackendFactory } from './backend/select.js'
export { createSdkBackends } from './backend/sdk.js'
export type { SdkBackends } from './backend/sdk.js'
export * from './errors.js'
export type * from './generated/schemas.js'
export { schemas } from './generated/schemas.js'
export { PROVIDER_SOURCE, cliConfigFor, installProvider } from './install.js'
export { providerSchemasJson } from './schema/json-format.js'
export type { JsonProviderSchemas } from './schema/json-format.js'
export type * from './schema/types.js'
export { createProviderRpcs } from './server/index.js'
