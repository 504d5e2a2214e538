import t from 'tap'
import { providerSchemasJson } from '../../src/schema/json-format.js'
import type { ProviderSchemas } from '../../src/schema/types.js'
import { blockType } from '../../src/schema/types.js'

t.test('the format of `terraform providers schema -json`', t => {
  const schemas: ProviderSchemas = {
    provider: {
      version: 0,
      block: {
        description: '',
        attributes: [
          { name: 'e', type: 'string', description: '', optional: true, sensitive: true },
        ],
        blocks: [],
      },
    },
    resources: {
      quayside_x: {
        version: 1,
        block: {
          description: 'X',
          attributes: [
            { name: 'id', type: 'string', description: 'the id', computed: true, required: false },
          ],
          blocks: [
            {
              name: 'b',
              nesting: 'list',
              maxItems: 2,
              minItems: 1,
              block: {
                description: '',
                attributes: [{ name: 'n', type: 'number', description: '', required: true }],
                blocks: [],
              },
            },
          ],
        },
      },
    },
    dataSources: {},
  }
  t.same(providerSchemasJson(schemas), {
    format_version: '1.0',
    provider_schemas: {
      'registry.terraform.io/quayside/quayside': {
        provider: {
          version: 0,
          block: {
            attributes: {
              e: { type: 'string', description_kind: 'plain', optional: true, sensitive: true },
            },
            description_kind: 'plain',
          },
        },
        resource_schemas: {
          quayside_x: {
            version: 1,
            block: {
              attributes: {
                id: {
                  type: 'string',
                  description: 'the id',
                  description_kind: 'plain',
                  computed: true,
                },
              },
              block_types: {
                b: {
                  nesting_mode: 'list',
                  min_items: 1,
                  max_items: 2,
                  block: {
                    attributes: {
                      n: { type: 'number', description_kind: 'plain', required: true },
                    },
                    description_kind: 'plain',
                  },
                },
              },
              description: 'X',
              description_kind: 'plain',
            },
          },
        },
        data_source_schemas: {},
      },
    },
  })
  t.ok(
    providerSchemasJson().provider_schemas['registry.terraform.io/quayside/quayside']
      ?.resource_schemas['quayside_cluster'],
    'defaults to the generated schemas',
  )
  t.same(blockType(schemas.resources['quayside_x']!.block), [
    'object',
    { id: 'string', b: ['list', ['object', { n: 'number' }]] },
  ])
  t.end()
})
