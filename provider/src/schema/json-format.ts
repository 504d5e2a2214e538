/**
 * The provider's schemas in the format `terraform providers schema -json` prints, which CDKTF's
 * binding generator reads: `{format_version, provider_schemas: {<source>: {provider,
 * resource_schemas, data_source_schemas}}}`. False flags and empty groups are left out, as
 * terraform does.
 */
import { schemas as generated } from '../generated/schemas.js'
import { PROVIDER_SOURCE } from '../install.js'
import type { Block, ProviderSchemas, Schema } from './types.js'

/** One block in the JSON format. */
export interface JsonBlock {
  attributes?: Record<string, Record<string, unknown>>
  block_types?: Record<
    string,
    { nesting_mode: string; block: JsonBlock; min_items?: number; max_items?: number }
  >
  description?: string
  description_kind: 'plain'
}

/** The whole document. */
export interface JsonProviderSchemas {
  format_version: '1.0'
  provider_schemas: Record<
    string,
    {
      provider: { version: number; block: JsonBlock }
      resource_schemas: Record<string, { version: number; block: JsonBlock }>
      data_source_schemas: Record<string, { version: number; block: JsonBlock }>
    }
  >
}

function jsonBlock(block: Block): JsonBlock {
  const out: JsonBlock = { description_kind: 'plain' }
  if (block.attributes.length > 0) {
    out.attributes = Object.fromEntries(
      block.attributes.map(attribute => [
        attribute.name,
        {
          type: attribute.type,
          ...(attribute.description === '' ? {} : { description: attribute.description }),
          description_kind: 'plain',
          ...(attribute.required ? { required: true } : {}),
          ...(attribute.optional ? { optional: true } : {}),
          ...(attribute.computed ? { computed: true } : {}),
          ...(attribute.sensitive ? { sensitive: true } : {}),
        },
      ]),
    )
  }
  if (block.blocks.length > 0) {
    out.block_types = Object.fromEntries(
      block.blocks.map(nested => [
        nested.name,
        {
          nesting_mode: nested.nesting,
          block: jsonBlock(nested.block),
          ...(nested.minItems ? { min_items: nested.minItems } : {}),
          ...(nested.maxItems ? { max_items: nested.maxItems } : {}),
        },
      ]),
    )
  }
  if (block.description !== '') out.description = block.description
  return out
}

function jsonSchema(schema: Schema): { version: number; block: JsonBlock } {
  return { version: schema.version, block: jsonBlock(schema.block) }
}

function group(
  entries: Readonly<Record<string, Schema>>,
): Record<string, { version: number; block: JsonBlock }> {
  return Object.fromEntries(
    Object.entries(entries).map(([name, schema]) => [name, jsonSchema(schema)]),
  )
}

/** The provider's schemas as `terraform providers schema -json` would print them. */
export function providerSchemasJson(schemas: ProviderSchemas = generated): JsonProviderSchemas {
  return {
    format_version: '1.0',
    provider_schemas: {
      [PROVIDER_SOURCE]: {
        provider: jsonSchema(schemas.provider),
        resource_schemas: group(schemas.resources),
        data_source_schemas: group(schemas.dataSources),
      },
    },
  }
}
