import t from 'tap'
import { checkTable, client, container, definition } from './fixtures/definitions.js'

const many = (n: number) => Array.from({ length: n }, (_, i) => container({ name: `c${i}` }))

t.test('family, containers, names, images, essential', t => {
  checkTable(t, [
    ['minimal', { given: definition(), want: 'accepted' }],
    ['family of 255', { given: definition({ family: 'f'.repeat(255) }), want: 'accepted' }],
    [
      'family of 256',
      {
        given: definition({ family: 'f'.repeat(256) }),
        want: client(
          `Family '${'f'.repeat(256)}' is invalid: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`,
        ),
      },
    ],
    [
      'family with a dot',
      {
        given: definition({ family: 'web.v2' }),
        want: client(
          "Family 'web.v2' is invalid: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.",
        ),
      },
    ],
    [
      'empty family',
      {
        given: definition({ family: '' }),
        want: client(
          "Family '' is invalid: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.",
        ),
      },
    ],
    [
      'no containers',
      {
        given: definition({ containerDefinitions: [] }),
        want: client('Container list cannot be empty.'),
      },
    ],
    ['ten containers', { given: definition({}, ...many(10)), want: 'accepted' }],
    [
      'eleven containers',
      {
        given: definition({}, ...many(11)),
        want: client('Too many containers.'),
      },
    ],
    [
      'unnamed container',
      {
        given: definition({}, { image: 'nginx', memory: 128 }),
        want: client('Container.name should not be null or empty.'),
      },
    ],
    [
      'empty name',
      {
        given: definition({}, container({ name: '' })),
        want: client('Container.name should not be null or empty.'),
      },
    ],
    [
      'bad name',
      {
        given: definition({}, container({ name: 'my app' })),
        want: client(
          "Container name 'my app' is invalid: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.",
        ),
      },
    ],
    [
      'duplicate names',
      {
        given: definition({}, container(), container()),
        want: client("Container names must be unique: 'app' is used more than once."),
      },
    ],
    [
      'no image',
      {
        given: definition({}, { name: 'app', memory: 128 }),
        want: client('Container.image should not be null or empty.'),
      },
    ],
    [
      'empty image',
      {
        given: definition({}, container({ image: '' })),
        want: client('Container.image should not be null or empty.'),
      },
    ],
    [
      'negative cpu',
      {
        given: definition({}, container({ cpu: -1 })),
        want: client("Invalid setting for container 'app'. 'cpu' cannot be negative."),
      },
    ],
    [
      'negative memory',
      {
        given: definition({}, container({ memory: -5 })),
        want: client("Invalid setting for container 'app'. 'memory' cannot be negative."),
      },
    ],
    [
      'negative memoryReservation',
      {
        given: definition({}, container({ memoryReservation: -5 })),
        want: client(
          "Invalid setting for container 'app'. 'memoryReservation' cannot be negative.",
        ),
      },
    ],
    [
      'essential defaults to true',
      {
        given: definition({}, { name: 'app', image: 'nginx', memory: 128 }),
        want: 'accepted',
      },
    ],
    [
      'one essential of two',
      {
        given: definition({}, container({ essential: false }), container({ name: 'b' })),
        want: 'accepted',
      },
    ],
    [
      'no essential container',
      {
        given: definition(
          {},
          container({ essential: false }),
          container({ name: 'b', essential: false }),
        ),
        want: client('A task definition must have at least one essential container.'),
      },
    ],
  ])
  t.end()
})

t.test('references between containers and volumes', t => {
  const app = (overrides = {}) => container(overrides)
  const sidecar = container({ name: 'sidecar', essential: false })
  checkTable(t, [
    [
      'link to another container',
      { given: definition({}, app({ links: ['sidecar'] }), sidecar), want: 'accepted' },
    ],
    [
      'link with alias',
      { given: definition({}, app({ links: ['sidecar:db'] }), sidecar), want: 'accepted' },
    ],
    [
      'links in explicit bridge mode',
      {
        given: definition({ networkMode: 'bridge' }, app({ links: ['sidecar'] }), sidecar),
        want: 'accepted',
      },
    ],
    [
      'links in awsvpc',
      {
        given: definition({ networkMode: 'awsvpc' }, app({ links: ['sidecar'] }), sidecar),
        want: client('Links are not supported when networkMode=awsvpc.'),
      },
    ],
    [
      'links in host',
      {
        given: definition({ networkMode: 'host' }, app({ links: ['sidecar'] }), sidecar),
        want: client('Links are not supported when networkMode=host.'),
      },
    ],
    [
      'empty links list anywhere',
      { given: definition({ networkMode: 'host' }, app({ links: [] })), want: 'accepted' },
    ],
    [
      'link to a stranger',
      {
        given: definition({}, app({ links: ['db:database'] }), sidecar),
        want: client(
          "Invalid link 'db:database' in container 'app': 'db' is not another container in this task definition.",
        ),
      },
    ],
    [
      'link to itself',
      {
        given: definition({}, app({ links: ['app'] })),
        want: client(
          "Invalid link 'app' in container 'app': 'app' is not another container in this task definition.",
        ),
      },
    ],
    [
      'dependsOn START',
      {
        given: definition(
          {},
          app({ dependsOn: [{ containerName: 'sidecar', condition: 'START' }] }),
          sidecar,
        ),
        want: 'accepted',
      },
    ],
    [
      'dependsOn SUCCESS of non-essential',
      {
        given: definition(
          {},
          app({ dependsOn: [{ containerName: 'sidecar', condition: 'SUCCESS' }] }),
          sidecar,
        ),
        want: 'accepted',
      },
    ],
    [
      'dependsOn COMPLETE of essential',
      {
        given: definition(
          {},
          app({ dependsOn: [{ containerName: 'sidecar', condition: 'COMPLETE' }] }),
          container({ name: 'sidecar' }),
        ),
        want: client(
          'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container',
        ),
      },
    ],
    [
      'dependsOn HEALTHY of essential',
      {
        given: definition(
          {},
          app({ dependsOn: [{ containerName: 'sidecar', condition: 'HEALTHY' }] }),
          container({ name: 'sidecar' }),
        ),
        want: 'accepted',
      },
    ],
    [
      'dependsOn a stranger',
      {
        given: definition({}, app({ dependsOn: [{ containerName: 'db', condition: 'START' }] })),
        want: client(
          "Invalid setting for container 'app'. dependsOn names 'db', which is not another container in this task definition.",
        ),
      },
    ],
    [
      'dependsOn itself',
      {
        given: definition({}, app({ dependsOn: [{ containerName: 'app', condition: 'START' }] })),
        want: client(
          "Invalid setting for container 'app'. dependsOn names 'app', which is not another container in this task definition.",
        ),
      },
    ],
    [
      'dependency cycle',
      {
        given: definition(
          {},
          app({ dependsOn: [{ containerName: 'b', condition: 'START' }] }),
          container({ name: 'b', dependsOn: [{ containerName: 'c', condition: 'START' }] }),
          container({ name: 'c', dependsOn: [{ containerName: 'b', condition: 'START' }] }),
        ),
        want: client('Container dependencies form a cycle: b -> c -> b.'),
      },
    ],
    [
      'diamond is not a cycle',
      {
        given: definition(
          {},
          app({
            dependsOn: [
              { containerName: 'b', condition: 'START' },
              { containerName: 'c', condition: 'START' },
            ],
          }),
          container({ name: 'b', dependsOn: [{ containerName: 'd', condition: 'START' }] }),
          container({ name: 'c', dependsOn: [{ containerName: 'd', condition: 'START' }] }),
          container({ name: 'd' }),
        ),
        want: 'accepted',
      },
    ],
    [
      'volumesFrom another container',
      {
        given: definition({}, app({ volumesFrom: [{ sourceContainer: 'sidecar' }] }), sidecar),
        want: 'accepted',
      },
    ],
    [
      'volumesFrom a stranger',
      {
        given: definition({}, app({ volumesFrom: [{ sourceContainer: 'data' }] })),
        want: client(
          "Invalid setting for container 'app'. volumesFrom names 'data', which is not another container in this task definition.",
        ),
      },
    ],
    [
      'volumesFrom without a source',
      {
        given: definition({}, app({ volumesFrom: [{ readOnly: true }] })),
        want: client(
          "Invalid setting for container 'app'. volumesFrom names '', which is not another container in this task definition.",
        ),
      },
    ],
    [
      'mount of a declared volume',
      {
        given: definition(
          { volumes: [{ name: 'data', host: { sourcePath: '/srv' } }] },
          app({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] }),
        ),
        want: 'accepted',
      },
    ],
    [
      'mount of an unknown volume',
      {
        given: definition(
          {},
          app({ mountPoints: [{ sourceVolume: 'root-RO', containerPath: '/r' }] }),
        ),
        want: client("Unknown volume 'root-RO'."),
      },
    ],
    [
      'mount without a source',
      {
        given: definition({}, app({ mountPoints: [{ containerPath: '/r' }] })),
        want: client("Unknown volume ''."),
      },
    ],
    ['unnamed volumes are allowed', { given: definition({ volumes: [{}, {}] }), want: 'accepted' }],
    [
      'duplicate volume names',
      {
        given: definition({ volumes: [{ name: 'data' }, { name: 'data' }] }),
        want: client("Volume names must be unique: 'data' is used more than once."),
      },
    ],
  ])
  t.end()
})
