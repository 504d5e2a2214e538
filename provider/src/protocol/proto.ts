/**
 * Loads the protocol definitions in provider/proto/ (our own tfplugin6, gRPC health v1 and
 * go-plugin's controller) with @grpc/proto-loader. The options fix how messages look in
 * TypeScript (see messages.ts).
 */
import type { ServiceDefinition } from '@grpc/grpc-js'
import { loadSync } from '@grpc/proto-loader'
import type { Options } from '@grpc/proto-loader'
import { fileURLToPath } from 'node:url'

/** provider/proto, from src/protocol or dist/protocol alike. */
export const PROTO_DIR = fileURLToPath(new URL('../../proto/', import.meta.url))

/** How messages are presented: .proto field names, enum names, int64 as number, defaults filled. */
export const LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
}

/** The three services the plugin serves. */
export interface PluginServices {
  readonly provider: ServiceDefinition
  readonly health: ServiceDefinition
  readonly controller: ServiceDefinition
}

function service(definition: ReturnType<typeof loadSync>, name: string): ServiceDefinition {
  return definition[name] as ServiceDefinition
}

/** Loads and returns the service definitions (about 100 ms: done once, at start). */
export function loadServices(): PluginServices {
  const definition = loadSync(
    ['tfplugin6.proto', 'health.proto', 'grpc_controller.proto'],
    LOADER_OPTIONS,
  )
  return {
    provider: service(definition, 'tfplugin6.Provider'),
    health: service(definition, 'grpc.health.v1.Health'),
    controller: service(definition, 'plugin.GRPCController'),
  }
}
