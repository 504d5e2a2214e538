import fc from 'fast-check'
import t from 'tap'
import type { Resource } from '@quayside/openapi/types'
import {
  addReservation,
  books,
  NOTHING_RESERVED,
  remainingOf,
  removeReservation,
  reservedOf,
  sumReservations,
  type Reserved,
} from '../../src/resources/remaining.js'
import { shortfall } from '../../src/resources/reservations.js'
import type { TaskResources } from '../../src/task-definitions/index.js'

const totals = (cpu: number, memory: number, ports: string[] = ['22']): Resource[] => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ports },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
]

const web: TaskResources = { cpu: 256, memory: 512, tcpPorts: [80], udpPorts: [] }
const dns: TaskResources = { cpu: 128, memory: 64, tcpPorts: [], udpPorts: [53] }

t.test('remainingOf: registered minus reserved', t => {
  const cases: { name: string; given: [Resource[], Reserved]; want: Resource[] }[] = [
    {
      name: 'nothing reserved',
      given: [totals(1024, 2048), NOTHING_RESERVED],
      want: totals(1024, 2048),
    },
    {
      name: 'two tasks',
      given: [totals(1024, 2048), sumReservations([web, dns])],
      want: [
        { name: 'CPU', type: 'INTEGER', integerValue: 640 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 1472 },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '80'] },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: ['53'] },
      ],
    },
    {
      name: 'more reserved than registered (re-registered smaller): zero, never negative',
      given: [totals(256, 256), sumReservations([web, web])],
      want: [
        { name: 'CPU', type: 'INTEGER', integerValue: 0 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 0 },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '80'] },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
      ],
    },
    {
      name: 'a task port that is also a registered reserved port is listed once',
      given: [totals(1024, 1024, ['22', '80']), sumReservations([web])],
      want: [
        { name: 'CPU', type: 'INTEGER', integerValue: 768 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 512 },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '80'] },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
      ],
    },
    {
      name: 'long and double members kept; other resources as registered; port sets added',
      given: [
        [
          { name: 'CPU', type: 'DOUBLE', doubleValue: 512 },
          { name: 'MEMORY', type: 'LONG', longValue: 1024 },
          { name: 'GPU', type: 'STRINGSET', stringSetValue: ['gpu-0'] },
        ],
        sumReservations([web, dns]),
      ],
      want: [
        { name: 'CPU', type: 'DOUBLE', doubleValue: 128 },
        { name: 'MEMORY', type: 'LONG', longValue: 448 },
        { name: 'GPU', type: 'STRINGSET', stringSetValue: ['gpu-0'] },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['80'] },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: ['53'] },
      ],
    },
  ]
  for (const { name, given, want } of cases) t.same(remainingOf(...given), want, name)
  const registered = totals(1024, 2048)
  remainingOf(registered, sumReservations([web]))
  t.same(registered, totals(1024, 2048), 'the input is left alone')
  t.end()
})

t.test('add and remove reservations', t => {
  const both = addReservation(addReservation(NOTHING_RESERVED, web), web)
  t.same(both, { cpu: 512, memory: 1024, tcpPorts: [80, 80], udpPorts: [] })
  t.same(removeReservation(both, web), { cpu: 256, memory: 512, tcpPorts: [80], udpPorts: [] })
  t.same(removeReservation(NOTHING_RESERVED, dns), NOTHING_RESERVED, 'never below nothing')
  t.same(
    sumReservations([web, null, dns]),
    addReservation(addReservation(NOTHING_RESERVED, web), dns),
  )
  t.end()
})

t.test('reservedOf: the kept sum, or the difference in documents without one', t => {
  const registeredResources = totals(1024, 2048)
  const kept = sumReservations([dns])
  t.same(reservedOf({ reserved: kept, registeredResources, remainingResources: [] }), kept)
  const counted = books(registeredResources, sumReservations([web, dns])).remainingResources
  t.same(reservedOf({ registeredResources, remainingResources: counted }), {
    cpu: 384,
    memory: 576,
    tcpPorts: [80],
    udpPorts: [53],
  })
  t.same(
    reservedOf({ registeredResources, remainingResources: [] }),
    { cpu: 1024, memory: 2048, tcpPorts: [], udpPorts: [] },
    'a remainder without members: everything is taken',
  )
  t.end()
})

/** One step of an instance's life, as the operations drive the books. */
type Step =
  | { kind: 'run'; need: TaskResources }
  | { kind: 'stop'; index: number }
  | { kind: 're-register'; cpu: number; memory: number; ports: string[] }
  | { kind: 'agent restart' }

const needArb: fc.Arbitrary<TaskResources> = fc.record({
  cpu: fc.integer({ min: 0, max: 1024 }),
  memory: fc.integer({ min: 0, max: 2048 }),
  tcpPorts: fc.uniqueArray(fc.constantFrom(80, 443, 8080), { maxLength: 2 }),
  udpPorts: fc.uniqueArray(fc.constantFrom(53, 123), { maxLength: 1 }),
})

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: needArb.map(need => ({ kind: 'run' as const, need })) },
  { weight: 3, arbitrary: fc.nat(20).map(index => ({ kind: 'stop' as const, index })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('re-register' as const),
      cpu: fc.integer({ min: 0, max: 4096 }),
      memory: fc.integer({ min: 0, max: 8192 }),
      ports: fc.uniqueArray(fc.constantFrom('22', '80', '2375'), { maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'agent restart' as const }) },
)

const amount = (resources: Resource[], name: string) =>
  resources.find(r => r.name === name)?.integerValue ?? 0
const portSet = (resources: Resource[], name: string) =>
  new Set(resources.find(r => r.name === name)?.stringSetValue ?? [])

t.test('property: remaining = registered - what unstopped tasks hold, within 0..registered', t => {
  fc.assert(
    fc.property(fc.array(stepArb, { maxLength: 40 }), steps => {
      let registered = totals(2048, 4096)
      let doc = { registeredResources: registered, ...books(registered, NOTHING_RESERVED) }
      const tasks: { need: TaskResources; stopped: boolean }[] = []
      for (const step of steps) {
        if (step.kind === 'run') {
          if (shortfall(doc.remainingResources, step.need) !== undefined) continue
          doc = {
            ...doc,
            ...books(registered, addReservation(reservedOf(doc), step.need)),
          }
          tasks.push({ need: step.need, stopped: false })
        } else if (step.kind === 'stop') {
          const task = tasks[step.index]
          if (!task || task.stopped) continue
          task.stopped = true
          doc = { ...doc, ...books(registered, removeReservation(reservedOf(doc), task.need)) }
        } else {
          if (step.kind === 're-register') registered = totals(step.cpu, step.memory, step.ports)
          // RegisterContainerInstance sums the reservations of the tasks themselves.
          const held = sumReservations(tasks.filter(x => !x.stopped).map(x => x.need))
          doc = { registeredResources: registered, ...books(registered, held) }
        }
        const live = tasks.filter(x => !x.stopped).map(x => x.need)
        for (const [name, key] of [
          ['CPU', 'cpu'],
          ['MEMORY', 'memory'],
        ] as const) {
          const total = amount(registered, name)
          const left = amount(doc.remainingResources, name)
          const held = live.reduce((sum, n) => sum + n[key], 0)
          if (left < 0 || left > total) return false
          if (left !== Math.max(0, total - held)) return false
        }
        const ports = new Set([
          ...portSet(registered, 'PORTS'),
          ...live.flatMap(n => n.tcpPorts.map(String)),
        ])
        if (!isDeepEqualSet(portSet(doc.remainingResources, 'PORTS'), ports)) return false
      }
      return true
    }),
    { numRuns: 300 },
  )
  t.pass('held for 300 random sequences')
  t.end()
})

function isDeepEqualSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every(x => b.has(x))
}
