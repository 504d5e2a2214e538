import t from 'tap'
import {
  Harness,
  harnessRequest,
  seededRandom,
  type HarnessInstance,
} from '../../src/scheduler/harness.js'

const equal = (n: number, over: Partial<HarnessInstance> = {}): HarnessInstance[] =>
  Array.from({ length: n }, () => ({ cpu: 1024, memory: 2048, ...over }))
const tasksPer = (h: Harness) => h.utilisation().map(u => u.tasks)
const first = (n: number) => n - n

const cases: {
  name: string
  given: { instances: HarnessInstance[]; request: Parameters<typeof harnessRequest>[0] }
  want: number[]
}[] = [
  {
    name: 'spread on instanceId alternates within one RunTask',
    given: {
      instances: equal(3),
      request: { count: 7, cpu: 10, strategies: [{ type: 'spread', field: 'instanceId' }] },
    },
    want: [3, 2, 2],
  },
  {
    name: 'spread by zone balances zones, not instances',
    given: {
      instances: [
        ...equal(2, { attributes: { 'ecs.availability-zone': 'z1' } }),
        ...equal(1, { attributes: { 'ecs.availability-zone': 'z2' } }),
      ],
      request: {
        count: 4,
        cpu: 10,
        strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
      },
    },
    want: [2, 0, 2],
  },
  {
    name: 'zone, then instance: the instances of a zone share its tasks',
    given: {
      instances: [
        ...equal(2, { attributes: { 'ecs.availability-zone': 'z1' } }),
        ...equal(1, { attributes: { 'ecs.availability-zone': 'z2' } }),
      ],
      request: {
        count: 4,
        cpu: 10,
        strategies: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'spread', field: 'instanceId' },
        ],
      },
    },
    want: [1, 1, 2],
  },
  {
    name: 'binpack on memory fills the smallest first, then the next',
    given: {
      instances: [
        { cpu: 4096, memory: 4096 },
        { cpu: 4096, memory: 1024 },
        { cpu: 4096, memory: 2048 },
      ],
      request: { count: 5, memory: 512, strategies: [{ type: 'binpack', field: 'memory' }] },
    },
    want: [0, 2, 3],
  },
  {
    name: 'binpack on cpu',
    given: {
      instances: [
        { cpu: 512, memory: 4096 },
        { cpu: 2048, memory: 4096 },
      ],
      request: { count: 3, cpu: 256, strategies: [{ type: 'binpack', field: 'cpu' }] },
    },
    want: [2, 1],
  },
  {
    name: 'an infeasible instance is never ranked',
    given: {
      instances: [{ cpu: 1024, memory: 2048, agentConnected: false }, ...equal(1)],
      request: { count: 2, strategies: [{ type: 'spread', field: 'instanceId' }] },
    },
    want: [0, 2],
  },
]

for (const { name, given, want } of cases) {
  t.test(name, t => {
    const harness = new Harness(given.instances, { random: first })
    harness.place(harnessRequest(given.request))
    t.same(tasksPer(harness), want)
    t.same(harness.overCommitted(), [])
    t.end()
  })
}

t.test('ranks are data: each placement carries every feasible candidate with its keys', t => {
  const harness = new Harness(equal(2), { random: first })
  const { placements } = harness.place(
    harnessRequest({ count: 2, strategies: [{ type: 'spread', field: 'instanceId' }] }),
  )
  t.same(
    placements.map(p => p.ranks),
    [
      [
        { instanceId: 'i0000', keys: [0] },
        { instanceId: 'i0001', keys: [0] },
      ],
      [
        { instanceId: 'i0000', keys: [1] },
        { instanceId: 'i0001', keys: [0] },
      ],
    ],
  )
  t.same(
    placements.map(p => p.instanceId),
    ['i0000', 'i0001'],
  )
  t.end()
})

t.test('tasks already on the cluster count, and utilisation reads the books', t => {
  const harness = new Harness(
    [
      { id: 'a', cpu: 1024, memory: 2048, attributes: { 'ecs.availability-zone': 'z1' } },
      { id: 'b', cpu: 1024, memory: 2048, attributes: { 'ecs.availability-zone': 'z2' } },
    ],
    {
      random: first,
      tasks: [
        {
          instanceId: 'a',
          group: 'service:web',
          resources: { cpu: 100, memory: 200, tcpPorts: [], udpPorts: [] },
        },
      ],
    },
  )
  harness.place(
    harnessRequest({
      group: 'service:web',
      cpu: 10,
      memory: 20,
      strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    }),
  )
  t.same(harness.utilisation(), [
    {
      instanceId: 'a',
      cpu: { registered: 1024, reserved: 100 },
      memory: { registered: 2048, reserved: 200 },
      tasks: 1,
      groups: { 'service:web': 1 },
    },
    {
      instanceId: 'b',
      cpu: { registered: 1024, reserved: 10 },
      memory: { registered: 2048, reserved: 20 },
      tasks: 1,
      groups: { 'service:web': 1 },
    },
  ])
  const b = harness.snapshots()[1]
  t.match(b?.instance.remainingResources, [
    { name: 'CPU', integerValue: 1014 },
    { name: 'MEMORY', integerValue: 2028 },
  ])
  t.end()
})

t.test('ports: a reserved port and a task port never meet, and the check sees a clash', t => {
  const harness = new Harness([{ cpu: 1024, memory: 2048, ports: [22] }], { random: first })
  const result = harness.place(harnessRequest({ count: 2, tcpPorts: [80] }))
  t.equal(result.placements.length, 1)
  t.same(
    result.rejections.map(r => r.reason),
    ['RESOURCE:PORTS'],
  )
  t.same(harness.overCommitted(), [])
  const clash = (tcpPorts: number[], udpPorts: number[] = []) =>
    new Harness([{ cpu: 1, memory: 1, ports: [22] }], {
      tasks: [
        { instanceId: 'i0000', group: 'g', resources: { cpu: 0, memory: 0, tcpPorts, udpPorts } },
      ],
    }).overCommitted()
  t.same(clash([22]), ['i0000'], 'a task on a reserved port')
  t.same(clash([], [53, 53]), ['i0000'], 'a UDP port twice')
  t.same(clash([80]), [])
  t.end()
})

t.test('over-commit is detected when tasks hold more than registered', t => {
  const over = (cpu: number, memory: number) =>
    new Harness([{ cpu: 100, memory: 100 }], {
      tasks: [
        { instanceId: 'i0000', group: 'g', resources: { cpu, memory, tcpPorts: [], udpPorts: [] } },
      ],
    }).overCommitted()
  t.same(over(101, 0), ['i0000'])
  t.same(over(0, 101), ['i0000'])
  t.same(over(100, 100), [])
  t.throws(
    () =>
      new Harness([], {
        tasks: [
          {
            instanceId: 'x',
            group: 'g',
            resources: { cpu: 0, memory: 0, tcpPorts: [], udpPorts: [] },
          },
        ],
      }),
    RangeError,
  )
  t.end()
})

t.test('requests: defaults, and bad strategies are refused as RunTask refuses them', t => {
  t.same(harnessRequest(), {
    count: 1,
    resources: { cpu: 0, memory: 0, tcpPorts: [], udpPorts: [] },
    group: 'family:app',
    requiresAttributes: [],
    constraints: [],
    strategies: [],
  })
  t.throws(
    () => harnessRequest({ strategies: [{ type: 'binpack', field: 'disk' }] }),
    { message: 'The binpack placement strategy field must be cpu or memory.' },
    'an unknown binpack field',
  )
  t.end()
})

t.test('the seeded random source is reproducible and in range; the default one works', t => {
  const draw = (seed: number) => {
    const r = seededRandom(seed)
    return Array.from({ length: 50 }, () => r(10))
  }
  t.same(draw(7), draw(7))
  t.not(draw(7).join(), draw(8).join())
  t.ok(draw(1).every(n => Number.isInteger(n) && n >= 0 && n < 10))
  const harness = new Harness(equal(4))
  t.equal(harness.place(harnessRequest({ count: 10, cpu: 100 })).placements.length, 10)
  t.equal(
    harness.utilisation().reduce((sum, u) => sum + u.tasks, 0),
    10,
  )
  t.end()
})
