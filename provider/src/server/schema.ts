/** GetProviderSchema and GetMetadata, and the schema model's protocol form. */
import { schemas } from '../generated/schemas.js'
import type {
  GetMetadataResponse,
  GetProviderSchemaResponse,
  SchemaBlockMsg,
  SchemaMsg,
  ServerCapabilitiesMsg,
} from '../protocol/messages.js'
import type { Block, Schema } from '../schema/types.js'

/** Terraform plans destroys through PlanResourceChange too; the schema is the same every start. */
export const SERVER_CAPABILITIES: ServerCapabilitiesMsg = {
  plan_destroy: true,
  get_provider_schema_optional: false,
  move_resource_state: false,
}

function blockMessage(block: Block, version: number): SchemaBlockMsg {
  return {
    version,
    description: block.description,
    description_kind: 'PLAIN',
    attributes: block.attributes.map(attribute => ({
      name: attribute.name,
      type: Buffer.from(JSON.stringify(attribute.type)),
      description: attribute.description,
      description_kind: 'PLAIN',
      required: attribute.required ?? false,
      optional: attribute.optional ?? false,
      computed: attribute.computed ?? false,
      sensitive: attribute.sensitive ?? false,
    })),
    block_types: block.blocks.map(nested => ({
      type_name: nested.name,
      nesting: nested.nesting === 'single' ? 'SINGLE' : nested.nesting === 'list' ? 'LIST' : 'SET',
      min_items: nested.minItems ?? 0,
      max_items: nested.maxItems ?? 0,
      block: blockMessage(nested.block, 0),
    })),
  }
}

/** The protocol message of one schema. */
export function schemaMessage(schema: Schema): SchemaMsg {
  return { version: schema.version, block: blockMessage(schema.block, schema.version) }
}

function messages(group: Readonly<Record<string, Schema>>): Record<string, SchemaMsg> {
  return Object.fromEntries(
    Object.entries(group).map(([name, schema]) => [name, schemaMessage(schema)]),
  )
}

/** GetProviderSchema: everything, on every start. */
export function getProviderSchema(): GetProviderSchemaResponse {
  return {
    provider: schemaMessage(schemas.provider),
    resource_schemas: messages(schemas.resources),
    data_source_schemas: messages(schemas.dataSources),
    diagnostics: [],
    server_capabilities: SERVER_CAPABILITIES,
  }
}

/** GetMetadata: the type names without the schemas. */
export function getMetadata(): GetMetadataResponse {
  return {
    server_capabilities: SERVER_CAPABILITIES,
    diagnostics: [],
    resources: Object.keys(schemas.resources).map(type_name => ({ type_name })),
    data_sources: Object.keys(schemas.dataSources).map(type_name => ({ type_name })),
  }
}
