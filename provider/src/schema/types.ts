/**
 * The provider's schema model: what GetProviderSchema sends (attributes, nested blocks, types),
 * plus what only the provider uses: where each value lives in the ECS API model, whether a change
 * forces a new resource, and the checks taken from the spec. The generator writes these; the
 * handlers, the value converters and the schema printer read them.
 */
import type { CtyType } from '../values/types.js'

/**
 * How an attribute's Terraform value becomes its API value.
 * - `tags`: map(string) <-> `[{key, value}]` (ECS tags).
 * - `name-value`: map(string) <-> `[{name, value}]` (ECS attributes).
 * - `json`: a JSON string <-> the parsed structure (`container_definitions`).
 * - `arn-ref`: a name or ARN; the API may answer with the ARN of what the user named by name.
 */
export type Transform = 'tags' | 'name-value' | 'json' | 'arn-ref'

/** Where a value lives in the API model: a member path such as `['deploymentConfiguration', 'maximumPercent']`. */
export interface ApiBinding {
  readonly path: readonly string[]
  /** Where the API answers with the value, when not at `path` (`cluster` -> `clusterArn`). */
  readonly readPath?: readonly string[]
  readonly transform?: Transform
}

/** Validation taken from the spec's constraints, applied by the Validate* RPCs to known values. */
export interface Check {
  readonly enum?: readonly string[]
  readonly minLength?: number
  readonly maxLength?: number
  readonly minimum?: number
  readonly maximum?: number
  readonly maxItems?: number
  /** The value must parse as JSON of this kind (`json` transform). */
  readonly json?: 'array' | 'object'
}

/** One attribute of a block. Exactly one of required/optional is set unless it is computed only. */
export interface Attribute {
  readonly name: string
  readonly type: CtyType
  readonly description: string
  readonly required?: boolean
  readonly optional?: boolean
  readonly computed?: boolean
  readonly sensitive?: boolean
  /** Changing the value replaces the resource (`requires_replace`). */
  readonly forceNew?: boolean
  readonly api?: ApiBinding
  readonly check?: Check
}

/** Nesting of a block; `single` holds one object or null, `list`/`set` hold arrays. */
export type Nesting = 'single' | 'list' | 'set'

/** A nested block type (`setting { ... }`). */
export interface NestedBlock {
  readonly name: string
  readonly nesting: Nesting
  readonly minItems?: number
  readonly maxItems?: number
  readonly forceNew?: boolean
  readonly api?: ApiBinding
  readonly block: Block
}

/** A block: the body of a resource, data source, provider or nested block. */
export interface Block {
  readonly description: string
  readonly attributes: readonly Attribute[]
  readonly blocks: readonly NestedBlock[]
}

/** A versioned top-level schema (resource, data source or provider configuration). */
export interface Schema {
  readonly version: number
  readonly block: Block
}

/** Every schema the provider serves. */
export interface ProviderSchemas {
  readonly provider: Schema
  readonly resources: Readonly<Record<string, Schema>>
  readonly dataSources: Readonly<Record<string, Schema>>
}

/** The object type a block's values have. */
export function blockType(block: Block): CtyType {
  const members: Record<string, CtyType> = {}
  for (const attribute of block.attributes) members[attribute.name] = attribute.type
  for (const nested of block.blocks) {
    const inner = blockType(nested.block)
    members[nested.name] = nested.nesting === 'single' ? inner : [nested.nesting, inner]
  }
  return ['object', members]
}
