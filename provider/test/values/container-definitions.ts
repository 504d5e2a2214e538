/** Container definitions compared as ECS means them: given/want tables. */
import t from 'tap'
import {
  compact,
  reduceContainerDefinitions,
  sameContainerDefinitions,
  withoutServerFills,
} from '../../src/values/container-definitions.js'

const written = [
  { name: 'web', image: 'nginx', memory: 128, portMappings: [{ containerPort: 80 }] },
]
const answered = [
  {
    name: 'web',
    image: 'nginx',
    memory: 128,
    portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
    cpu: 0,
    essential: true,
    environment: [],
    mountPoints: [],
    volumesFrom: [],
  },
]

t.test('compact drops nulls and empty collections and sorts keys', t => {
  t.same(compact({ b: 1, a: [], c: { d: null }, e: [null, 2] }), { b: 1, e: [2] })
  t.equal(JSON.stringify(compact({ z: 1, a: 2 })), '{"a":2,"z":1}')
  t.equal(compact(null), undefined)
  t.end()
})

t.test('withoutServerFills keeps what a user could have written', t => {
  t.same(withoutServerFills(answered), [
    {
      essential: true,
      image: 'nginx',
      memory: 128,
      name: 'web',
      portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
    },
  ])
  t.same(withoutServerFills([{ name: 'x', cpu: 256 }]), [{ cpu: 256, name: 'x' }], 'real cpu kept')
  t.equal(withoutServerFills('not a list'), 'not a list')
  t.same(withoutServerFills([7]), [7])
  t.end()
})

const cases: { name: string; a: unknown; b: unknown; same: boolean; mode?: string }[] = [
  { name: 'server defaults are no difference', a: written, b: answered, same: true },
  {
    name: 'essential: false is a difference',
    a: written,
    b: [{ ...written[0], essential: false }],
    same: false,
  },
  {
    name: 'a different image is a difference',
    a: written,
    b: [{ ...written[0], image: 'httpd' }],
    same: false,
  },
  {
    name: 'environment order means nothing',
    a: [
      {
        name: 'a',
        environment: [
          { name: 'X', value: '1' },
          { name: 'Y', value: '2' },
        ],
      },
    ],
    b: [
      {
        name: 'a',
        environment: [
          { name: 'Y', value: '2' },
          { name: 'X', value: '1' },
        ],
      },
    ],
    same: true,
  },
  {
    name: 'awsvpc: the host port is the container port',
    a: [{ name: 'a', portMappings: [{ containerPort: 80 }] }],
    b: [{ name: 'a', portMappings: [{ containerPort: 80, hostPort: 80 }] }],
    same: true,
    mode: 'awsvpc',
  },
  {
    name: 'bridge: a fixed host port is a difference',
    a: [{ name: 'a', portMappings: [{ containerPort: 80 }] }],
    b: [{ name: 'a', portMappings: [{ containerPort: 80, hostPort: 80 }] }],
    same: false,
    mode: 'bridge',
  },
  { name: 'null and null', a: null, b: null, same: true },
  { name: 'null and a list', a: null, b: written, same: false },
]

t.test('sameContainerDefinitions', t => {
  for (const c of cases) t.equal(sameContainerDefinitions(c.a, c.b, c.mode), c.same, c.name)
  t.same(reduceContainerDefinitions([1, { name: 'a' }]), [1, { essential: true, name: 'a' }])
  t.end()
})
