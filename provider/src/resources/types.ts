/**
 * What the generic RPC handlers need from one resource or data source type. Each type's file says
 * only what is particular to it: which backend call does what, how its key is found in a state,
 * what an import ID means, and the values that have no API member. Value conversion, plans,
 * diagnostics and shapes are the handlers' job.
 */
import type { Backends } from '../backend/types.js'
import type { ProviderError } from '../errors.js'
import { unknownType } from '../errors.js'
import { schemas } from '../generated/schemas.js'
import type { Schema } from '../schema/types.js'
import type { ApiModel } from '../values/api-model.js'
import type { TfObject } from '../values/types.js'

/** A managed resource type. */
export interface ResourceType {
  readonly typeName: string
  readonly schema: Schema
  /** Creates the object from the planned values' API model; answers it as the API describes it. */
  create(backends: Backends, model: ApiModel): Promise<ApiModel>
  /** The object a state (or an import's partial state) names, or undefined when it is gone. */
  read(backends: Backends, state: TfObject): Promise<ApiModel | undefined>
  /**
   * Changes the object in place (only attributes without forceNew can differ). Absent for
   * immutable types, whose every change is a replacement.
   */
  update?(backends: Backends, prior: TfObject, model: ApiModel): Promise<ApiModel>
  delete(backends: Backends, state: TfObject): Promise<void>
  /**
   * Waits, after a create or an in-place update, for what the new state asks (a service's
   * `wait_for_steady_state`). A rejection becomes an error diagnostic while terraform keeps the
   * new state (and marks a just-created object tainted), as the AWS provider's waits do.
   */
  settle?(backends: Backends, state: TfObject, change: 'create' | 'update'): Promise<void>
  /** Errors in a configuration that no spec limit covers (a `timeouts` duration), each about its attribute. */
  validate?(config: TfObject): readonly ProviderError[]
  /** The partial state `terraform import <id>` starts from; enough for {@link read}. Throws on a bad ID. */
  importState(id: string): TfObject
  /** Values of the attributes with no API member (`id`, derived ARNs), from the rest of the state. */
  derive(state: TfObject): TfObject
}

/** A data source type. */
export interface DataSourceType {
  readonly typeName: string
  readonly schema: Schema
  /** The object the configuration names; rejects with a BackendError when there is none. */
  read(backends: Backends, config: TfObject): Promise<ApiModel>
  derive(state: TfObject): TfObject
}

/** A string attribute of a state, or '' when null/unknown. */
export function text(state: TfObject, name: string): string {
  const value = state[name]
  return typeof value === 'string' ? value : ''
}

/** `arn:aws:ecs:r:a:cluster/web` -> `web`; names pass through. */
export function lastPart(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? (nameOrArn.split('/').pop() ?? nameOrArn) : nameOrArn
}

/** The generated schema of a resource type (throws if the generated module lacks it). */
export function resourceSchema(typeName: string): Schema {
  const schema = schemas.resources[typeName]
  if (!schema) throw unknownType('resource', typeName)
  return schema
}

/** The generated schema of a data source type (throws if the generated module lacks it). */
export function dataSourceSchema(typeName: string): Schema {
  const schema = schemas.dataSources[typeName]
  if (!schema) throw unknownType('data source', typeName)
  return schema
}
