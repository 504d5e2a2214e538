/**
 * The provider process's runtime state, shared by every RPC handler: the configured backends
 * (replaced on every ConfigureProvider), the stop signal, the logger, and the lookups and value
 * codecs the handlers all need.
 */
import type { BackendFactory, Backends } from '../backend/types.js'
import { notConfigured, unknownType } from '../errors.js'
import type { Logger } from '../log.js'
import type { DynamicValueMsg } from '../protocol/messages.js'
import { dataSourceTypes, resourceTypes } from '../resources/index.js'
import type { DataSourceType, ResourceType } from '../resources/types.js'
import type { Schema } from '../schema/types.js'
import { blockType } from '../schema/types.js'
import { decodeDynamic, encodeMsgpack } from '../values/msgpack.js'
import type { TfValue } from '../values/types.js'

/** What the handlers share. One per provider process. */
export interface ProviderContext {
  readonly factory: BackendFactory
  readonly log: Logger
  /** Aborted by StopProvider: backends should give up waiting. */
  readonly stop: AbortController
  backends: Backends | undefined
}

/** Options of {@link createContext}. */
export interface ContextOptions {
  readonly factory: BackendFactory
  readonly log: Logger
}

/** A fresh, unconfigured context. */
export function createContext(options: ContextOptions): ProviderContext {
  return { ...options, stop: new AbortController(), backends: undefined }
}

/** The backends, or a ProviderError if ConfigureProvider has not succeeded. */
export function backendsOf(context: ProviderContext): Backends {
  if (!context.backends) throw notConfigured()
  return context.backends
}

/** The resource type named by Terraform, or a ProviderError. */
export function resourceType(typeName: string): ResourceType {
  const found = resourceTypes.get(typeName)
  if (!found) throw unknownType('resource', typeName)
  return found
}

/** The data source type named by Terraform, or a ProviderError. */
export function dataSourceType(typeName: string): DataSourceType {
  const found = dataSourceTypes.get(typeName)
  if (!found) throw unknownType('data source', typeName)
  return found
}

/** Decodes a DynamicValue of a schema's object type. */
export function decodeWith(schema: Schema, value: DynamicValueMsg | null | undefined): TfValue {
  return decodeDynamic(value, blockType(schema.block))
}

/** Encodes a value of a schema's object type as msgpack, the only encoding Terraform accepts back. */
export function encodeWith(schema: Schema, value: TfValue): DynamicValueMsg {
  return { msgpack: encodeMsgpack(value, blockType(schema.block)) }
}
