import t from 'tap'
import { buildSchemas } from '../../../src/schema/generator/build.js'
import { readOverlay } from '../../../src/schema/generator/overlay.js'
import type { Overlay } from '../../../src/schema/generator/overlay.js'
import { Spec, snakeCase } from '../../../src/schema/generator/spec.js'

const spec = new Spec({
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['thingName'],
        properties: {
          thingName: {
            type: 'string',
            description: 'Required. String, 1 to 8 characters.',
            minLength: 1,
            maxLength: 8,
          },
          size: {
            type: 'integer',
            minimum: 1,
            maximum: 9,
            description: 'Optional. 32-bit integer.',
          },
          kind: { $ref: '#/components/schemas/Kind', description: 'Optional. Kind.' },
          labels: { $ref: '#/components/schemas/Labels' },
          names: { $ref: '#/components/schemas/Names' },
          parts: { $ref: '#/components/schemas/Parts' },
          config: { $ref: '#/components/schemas/Config' },
          tags: { $ref: '#/components/schemas/Tags' },
          doc: { type: 'array', items: { type: 'object' } },
          thingArn: { type: 'string' },
        },
      },
      Kind: { type: 'string', enum: ['A', 'B'] },
      Labels: { type: 'object', additionalProperties: { type: 'string' } },
      Names: { type: 'array', items: { $ref: '#/components/schemas/Kind' }, maxItems: 3 },
      Parts: { type: 'array', items: { $ref: '#/components/schemas/Part' }, maxItems: 4 },
      Part: {
        type: 'object',
        required: ['partId'],
        properties: {
          partId: { type: 'string' },
          enableECSThing: { type: 'boolean' },
          inner: { $ref: '#/components/schemas/Config' },
          subs: { $ref: '#/components/schemas/Parts2' },
        },
      },
      Parts2: { type: 'array', items: { $ref: '#/components/schemas/Config' } },
      Config: { type: 'object', properties: { on: { type: 'boolean' } } },
      Tags: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' } } } },
    },
  },
})

const overlay = (attributes: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  readOverlay({
    provider: { description: 'p', attributes: { endpoint: { type: 'string', optional: true } } },
    resources: { quayside_thing: { description: 'r', shapes: ['Thing'], attributes, ...extra } },
    dataSources: {},
  })

t.test('attributes from spec members (given/want)', t => {
  const cases = [
    {
      name: 'required string with limits',
      given: { name: { path: 'thingName', required: true, forceNew: true } },
      want: {
        name: 'name',
        type: 'string',
        description: 'thingName: String, 1 to 8 characters.',
        required: true,
        forceNew: true,
        api: { path: ['thingName'] },
        check: { minLength: 1, maxLength: 8 },
      },
    },
    {
      name: 'number with range, optional by default',
      given: { size: { path: 'size' } },
      want: {
        name: 'size',
        type: 'number',
        description: 'size: 32-bit integer.',
        optional: true,
        api: { path: ['size'] },
        check: { minimum: 1, maximum: 9 },
      },
    },
    {
      name: 'enum via $ref',
      given: { kind: { path: 'kind', optional: true, computed: true } },
      want: {
        name: 'kind',
        type: 'string',
        description: 'kind: Kind.',
        optional: true,
        computed: true,
        api: { path: ['kind'] },
        check: { enum: ['A', 'B'] },
      },
    },
    {
      name: 'map',
      given: { labels: { path: 'labels', description: 'mine' } },
      want: {
        name: 'labels',
        type: ['map', 'string'],
        description: 'mine',
        optional: true,
        api: { path: ['labels'] },
      },
    },
    {
      name: 'set of enums',
      given: { names: { path: 'names', collection: 'set' } },
      want: {
        name: 'names',
        type: ['set', 'string'],
        description: 'names:',
        optional: true,
        api: { path: ['names'] },
        check: { enum: ['A', 'B'], maxItems: 3 },
      },
    },
    {
      name: 'tags transform',
      given: { tags: { path: 'tags', transform: 'tags' } },
      want: {
        name: 'tags',
        type: ['map', 'string'],
        description: 'tags:',
        optional: true,
        api: { path: ['tags'], transform: 'tags' },
      },
    },
    {
      name: 'json transform',
      given: { doc: { path: 'doc', transform: 'json', required: true } },
      want: {
        name: 'doc',
        type: 'string',
        description: 'doc:',
        required: true,
        api: { path: ['doc'], transform: 'json' },
        check: { json: 'array' },
      },
    },
    {
      name: 'computed with a read path, never forceNew',
      given: { arn: { path: 'thingName', read: 'thingArn', transform: 'arn-ref', computed: true } },
      want: {
        name: 'arn',
        type: 'string',
        description: 'thingName: String, 1 to 8 characters.',
        computed: true,
        api: { path: ['thingName'], readPath: ['thingArn'], transform: 'arn-ref' },
      },
      extra: { forceNewAll: true },
    },
    {
      name: 'provider-only, sensitive',
      given: { secret: { type: 'string', sensitive: true, optional: true, description: 's' } },
      want: { name: 'secret', type: 'string', description: 's', optional: true, sensitive: true },
    },
  ]
  for (const c of cases) {
    const built = buildSchemas(spec, overlay(c.given, c.extra))
    t.same(built.resources['quayside_thing']?.block.attributes[0], c.want, c.name)
  }
  t.end()
})

t.test('blocks: listed attributes, or every member in snake_case', t => {
  const built = buildSchemas(
    spec,
    overlay({
      part: { path: 'parts', block: 'set', forceNew: true },
      config: { path: 'config', block: 'single', attributes: { on: { path: 'on' } } },
    }),
  )
  const [part, config] = built.resources['quayside_thing']?.block.blocks ?? []
  t.match(part, {
    name: 'part',
    nesting: 'set',
    maxItems: 4,
    forceNew: true,
    api: { path: ['parts'] },
  })
  t.same(
    part?.block.attributes.map(a => [a.name, a.required ?? false]),
    [
      ['part_id', true],
      ['enable_ecs_thing', false],
    ],
  )
  t.same(
    part?.block.blocks.map(b => [b.name, b.nesting]),
    [
      ['inner', 'single'],
      ['subs', 'list'],
    ],
  )
  t.match(config, {
    name: 'config',
    nesting: 'single',
    block: { attributes: [{ name: 'on', type: 'bool' }] },
  })
  t.notOk(config && 'maxItems' in config, 'single blocks have no maxItems')
  t.same(
    built.provider.block.attributes.map(a => a.name),
    ['endpoint'],
  )
  t.end()
})

t.test('a provider-only block: no API member, its attributes as the overlay lists them', t => {
  const built = buildSchemas(
    spec,
    overlay({
      timeouts: {
        block: 'single',
        description: 'How long to wait.',
        attributes: { create: { type: 'string', optional: true, description: 'Create.' } },
      },
    }),
  )
  t.same(built.resources['quayside_thing']?.block.blocks, [
    {
      name: 'timeouts',
      nesting: 'single',
      block: {
        description: 'How long to wait.',
        attributes: [{ name: 'create', type: 'string', description: 'Create.', optional: true }],
        blocks: [],
      },
    },
  ])
  const raw = {
    provider: { description: 'p', attributes: {} },
    resources: { quayside_thing: { description: 'r', attributes: { x: { block: 'single' } } } },
    dataSources: {},
  }
  t.throws(
    () => buildSchemas(spec, raw as unknown as Overlay),
    /a block needs a "path" or "attributes"/,
  )
  t.end()
})

t.test('errors name what is wrong', t => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['unknown member', { x: { path: 'nope' } }, /no member "nope"/],
    ['unknown read member', { x: { path: 'size', read: 'nope' } }, /no member "nope" to read/],
    ['structure without block', { x: { path: 'config' } }, /needs "block"/],
    ['block of a scalar', { x: { path: 'size', block: 'single' } }, /is not a structure/],
    ['document array without transform', { x: { path: 'doc' } }, /needs "block"/],
  ]
  for (const [name, given, error] of cases)
    t.throws(() => buildSchemas(spec, overlay(given)), { message: error }, name)
  t.throws(() => spec.shape('Nope'), /no shape "Nope"/)
  t.throws(() => new Spec({}), /no components.schemas/)
  t.equal(spec.member([spec.shape('Thing')], 'config.missing'), undefined)
  t.end()
})

t.test('snakeCase', t => {
  const cases: [string, string][] = [
    ['clusterName', 'cluster_name'],
    ['enableECSManagedTags', 'enable_ecs_managed_tags'],
    ['fsxWindowsFileServerVolumeConfiguration', 'fsx_windows_file_server_volume_configuration'],
    ['iam', 'iam'],
  ]
  for (const [given, want] of cases) t.equal(snakeCase(given), want)
  t.end()
})
