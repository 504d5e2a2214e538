/** The correction that makes `single` blocks optional in the generated config interfaces. */
import t from 'tap'
import { providerSchemasJson } from '../../src/schema/json-format.js'
import { camelCase, optionalSingleBlocks, requiredSingleBlocks } from '../scripts/single-blocks.js'

t.test('camelCase spells members as the generator does', t => {
  for (const [given, want] of [
    ['deployment_circuit_breaker', 'deploymentCircuitBreaker'],
    ['name', 'name'],
    ['ipv6_enabled', 'ipv6Enabled'],
  ] as const)
    t.equal(camelCase(given), want, given)
  t.end()
})

t.test('requiredSingleBlocks finds single blocks whose attributes are all required', t => {
  const block = (nesting_mode: string, required: boolean[]) => ({
    nesting_mode,
    block: {
      attributes: Object.fromEntries(required.map((r, i) => [`a${String(i)}`, { required: r }])),
    },
  })
  const schema = {
    provider_schemas: {
      'registry.terraform.io/x/x': {
        provider: { block: { block_types: { in_provider: block('single', [true]) } } },
        resource_schemas: {
          x_thing: {
            block: {
              block_types: {
                all_required: block('single', [true, true]),
                some_optional: block('single', [true, false]),
                a_list: block('list', [true]),
                empty: block('single', []),
                outer: {
                  nesting_mode: 'list',
                  block: { block_types: { inner: block('single', [true]) } },
                },
              },
            },
          },
        },
        data_source_schemas: {
          x_data: { block: { block_types: { in_data: block('single', [true]) } } },
        },
      },
    },
  }
  t.same([...requiredSingleBlocks(schema)].sort(), [
    'all_required',
    'in_data',
    'in_provider',
    'inner',
  ])
  t.same(
    [...requiredSingleBlocks({ provider_schemas: { p: { provider: { block: {} } } } })],
    [],
    'a schema without blocks',
  )
  t.end()
})

t.test('optionalSingleBlocks makes those config members optional and nothing else', t => {
  const text = [
    'export interface ServiceConfig {',
    '  readonly deploymentCircuitBreaker: ServiceDeploymentCircuitBreaker;',
    '  readonly name: string;',
    '}',
    '  // deployment_circuit_breaker - computed: false, optional: false, required: true',
    '',
  ].join('\n')
  const out = optionalSingleBlocks(
    { path: 'service/index.ts', text },
    new Set(['deployment_circuit_breaker']),
  )
  t.match(out.text, '  readonly deploymentCircuitBreaker?: ServiceDeploymentCircuitBreaker;')
  t.match(out.text, '  readonly name: string;')
  t.match(out.text, 'optional: true, required: false')
  const readme = { path: 'service/README.md', text }
  t.equal(
    optionalSingleBlocks(readme, new Set(['deployment_circuit_breaker'])),
    readme,
    'Markdown untouched',
  )
  const other = { path: 'cluster/index.ts', text: 'readonly name: string;\n' }
  t.equal(
    optionalSingleBlocks(other, new Set(['deployment_circuit_breaker'])),
    other,
    'no match, same file',
  )
  t.end()
})

t.test("the provider's schema: deployment_circuit_breaker is such a block", t => {
  t.ok(requiredSingleBlocks(providerSchemasJson()).has('deployment_circuit_breaker'))
  t.end()
})
