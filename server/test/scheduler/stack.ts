import t from 'tap'
import type { ContainerInstanceDocument } from '../../src/resources/container-instances.js'
import {
  parseConstraints,
  parseStrategies,
  place,
  type InstanceSnapshot,
  type PlacementRequest,
} from '../../src/scheduler/index.js'

/** A connected ACTIVE instance with `cpu`/`memory` free and port 22 in use. */
function fakeInstance(
  id: string,
  over: Partial<ContainerInstanceDocument> = {},
  taskGroups: string[] = [],
): InstanceSnapshot {
  return {
    id,
    taskGroups,
    instance: {
      containerInstanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/c/${id}`,
      version: 1,
      remainingResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 2048 },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] },
      ],
      registeredResources: [],
      status: 'ACTIVE',
      agentConnected: true,
      runningTasksCount: 0,
      pendingTasksCount: 0,
      attributes: [{ name: 'ecs.instance-type', value: 't3.small' }],
      registeredAt: 0,
      attachments: [],
      tags: [],
      ...over,
    },
  }
}

const request = (over: Partial<PlacementRequest> = {}): PlacementRequest => ({
  count: 1,
  resources: { cpu: 256, memory: 256, tcpPorts: [], udpPorts: [] },
  group: 'family:web',
  requiresAttributes: [],
  constraints: [],
  strategies: [],
  ...over,
})

const first = (n: number) => n - n

const cases: [
  string,
  { instances: InstanceSnapshot[]; request: PlacementRequest; placed: number; reasons: string[] },
][] = [
  ['fits', { instances: [fakeInstance('a')], request: request(), placed: 1, reasons: [] }],
  [
    'count fills the instance, then CPU runs out',
    {
      instances: [fakeInstance('a')],
      request: request({ count: 5 }),
      placed: 4,
      reasons: ['RESOURCE:CPU'],
    },
  ],
  [
    'memory',
    {
      instances: [fakeInstance('a')],
      request: request({ resources: { cpu: 0, memory: 4096, tcpPorts: [], udpPorts: [] } }),
      placed: 0,
      reasons: ['RESOURCE:MEMORY'],
    },
  ],
  [
    'static port taken',
    {
      instances: [fakeInstance('a')],
      request: request({ resources: { cpu: 0, memory: 0, tcpPorts: [22], udpPorts: [] } }),
      placed: 0,
      reasons: ['RESOURCE:PORTS'],
    },
  ],
  [
    'the same static port twice on one instance',
    {
      instances: [fakeInstance('a')],
      request: request({
        count: 2,
        resources: { cpu: 0, memory: 0, tcpPorts: [80], udpPorts: [] },
      }),
      placed: 1,
      reasons: ['RESOURCE:PORTS'],
    },
  ],
  [
    'udp port taken',
    {
      instances: [fakeInstance('a')],
      request: request({
        count: 2,
        resources: { cpu: 0, memory: 0, tcpPorts: [], udpPorts: [53] },
      }),
      placed: 1,
      reasons: ['RESOURCE:PORTS_UDP'],
    },
  ],
  [
    'agent disconnected',
    {
      instances: [fakeInstance('a', { agentConnected: false })],
      request: request(),
      placed: 0,
      reasons: ['AGENT'],
    },
  ],
  [
    'draining instances are no candidates',
    {
      instances: [fakeInstance('a', { status: 'DRAINING' })],
      request: request(),
      placed: 0,
      reasons: [],
    },
  ],
  [
    'required attribute missing',
    {
      instances: [fakeInstance('a')],
      request: request({ requiresAttributes: [{ name: 'ecs.capability.task-eni' }] }),
      placed: 0,
      reasons: ['ATTRIBUTE'],
    },
  ],
  [
    'required attribute with another value',
    {
      instances: [fakeInstance('a')],
      request: request({ requiresAttributes: [{ name: 'ecs.instance-type', value: 'm5.large' }] }),
      placed: 0,
      reasons: ['ATTRIBUTE'],
    },
  ],
  [
    'required attribute present',
    {
      instances: [fakeInstance('a')],
      request: request({ requiresAttributes: [{ name: 'ecs.instance-type', value: 't3.small' }] }),
      placed: 1,
      reasons: [],
    },
  ],
  [
    'memberOf unsatisfied',
    {
      instances: [fakeInstance('a')],
      request: request({
        constraints: parseConstraints([
          { type: 'memberOf', expression: 'attribute:ecs.instance-type == m5.large' },
        ]),
      }),
      placed: 0,
      reasons: ['MemberOf placement constraint unsatisfied.'],
    },
  ],
  [
    "memberOf on task:group sees this request's placements",
    {
      instances: [fakeInstance('a')],
      request: request({
        count: 2,
        constraints: parseConstraints([
          { type: 'memberOf', expression: 'not(task:group == family:web)' },
        ]),
      }),
      placed: 1,
      reasons: ['MemberOf placement constraint unsatisfied.'],
    },
  ],
  [
    'distinctInstance',
    {
      instances: [fakeInstance('a'), fakeInstance('b', {}, ['family:web'])],
      request: request({ count: 2, constraints: parseConstraints([{ type: 'distinctInstance' }]) }),
      placed: 1,
      reasons: [
        'DistinctInstance placement constraint unsatisfied.',
        'DistinctInstance placement constraint unsatisfied.',
      ],
    },
  ],
]

for (const [name, c] of cases) {
  t.test(name, t => {
    const result = place(c.instances, c.request, { random: first })
    t.equal(result.placements.length, c.placed)
    t.same(
      result.rejections.map(r => r.reason),
      c.reasons,
    )
    t.end()
  })
}

t.test('random picks among the feasible with the injected source; default source works', t => {
  const instances = [fakeInstance('a'), fakeInstance('b')]
  t.same(
    place(instances, request(), { random: n => n - 1 }).placements.map(p => p.instanceId),
    ['b'],
  )
  t.equal(place(instances, request({ count: 8 })).placements.length, 8)
  t.end()
})

t.test('constraints and strategies are checked as ECS does', t => {
  const bad: [string, () => unknown][] = [
    [
      'too many constraints',
      () => parseConstraints(Array.from({ length: 11 }, () => ({ type: 'distinctInstance' }))),
    ],
    [
      'expression on distinctInstance',
      () => parseConstraints([{ type: 'distinctInstance', expression: 'x' }]),
    ],
    [
      'unknown constraint',
      // @ts-expect-error the spec has no such type (the validator refuses it before a handler)
      () => parseConstraints([{ type: 'nearby' }]),
    ],
    ['memberOf without expression', () => parseConstraints([{ type: 'memberOf' }])],
    [
      'memberOf with a bad expression',
      () => parseConstraints([{ type: 'memberOf', expression: 'attribute:x ==' }]),
    ],
    [
      'too many strategies',
      () => parseStrategies(Array.from({ length: 6 }, () => ({ type: 'random' }))),
    ],
    ['binpack field', () => parseStrategies([{ type: 'binpack', field: 'disk' }])],
    ['spread field', () => parseStrategies([{ type: 'spread', field: 'zone' }])],
    [
      'unknown strategy',
      // @ts-expect-error the spec has no such type (the validator refuses it before a handler)
      () => parseStrategies([{ type: 'closest' }]),
    ],
  ]
  for (const [name, fn] of bad) {
    let shape: unknown
    try {
      fn()
    } catch (error) {
      shape = (error as { shapeName?: unknown }).shapeName
    }
    t.equal(shape, 'InvalidParameterException', name)
  }
  t.same(
    parseStrategies([
      { type: 'random' },
      { type: 'binpack', field: 'memory' },
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'spread', field: 'instanceId' },
    ]).map(s => s.type),
    ['random', 'binpack', 'spread', 'spread'],
  )
  t.same(parseConstraints([{ type: 'distinctInstance', expression: '' }]), [
    { type: 'distinctInstance' },
  ])
  t.end()
})
