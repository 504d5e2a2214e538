import type { Resource } from '@quayside/openapi/types'
import t from 'tap'
import { reserve, shortfall } from '../../src/resources/reservations.js'

const need = { cpu: 100, memory: 200, tcpPorts: [80], udpPorts: [53] }

t.test('reserve takes the need off a copy of the remaining resources', t => {
  const registered: Resource[] = [
    { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
    { name: 'MEMORY', type: 'LONG', longValue: 2048 },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] },
  ]
  const held = reserve(registered, need)
  t.same(held, [
    { name: 'CPU', type: 'INTEGER', integerValue: 924 },
    { name: 'MEMORY', type: 'LONG', longValue: 1848 },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '80'] },
    { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: ['53'] },
  ])
  t.equal(registered[0]?.integerValue, 1024, 'the input is left alone')
  t.same(registered[2]?.stringSetValue, ['22'], 'its port sets too')
  t.end()
})

t.test('double values and resources the instance never registered', t => {
  const held = reserve([{ name: 'CPU', type: 'DOUBLE', doubleValue: 512 }], {
    ...need,
    tcpPorts: [],
    udpPorts: [],
  })
  t.same(held, [
    { name: 'CPU', type: 'DOUBLE', doubleValue: 412 },
    { name: 'MEMORY', type: 'INTEGER', integerValue: -200 },
  ])
  t.same(reserve([], { cpu: 0, memory: 0, tcpPorts: [], udpPorts: [] }), [])
  t.end()
})

t.test('shortfall names the first missing resource in ECS order', t => {
  const free: Resource[] = [
    { name: 'CPU', type: 'INTEGER', integerValue: 100 },
    { name: 'MEMORY', type: 'INTEGER', integerValue: 200 },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: [] },
  ]
  t.equal(shortfall(free, need), undefined)
  t.equal(shortfall([], need), 'RESOURCE:CPU')
  t.equal(shortfall(free, { ...need, memory: 201 }), 'RESOURCE:MEMORY')
  t.equal(
    shortfall(reserve(free, { ...need, cpu: 0, memory: 0 }), { ...need, cpu: 0, memory: 0 }),
    'RESOURCE:PORTS',
  )
  t.equal(
    shortfall(reserve(free, { cpu: 0, memory: 0, tcpPorts: [], udpPorts: [53] }), {
      ...need,
      cpu: 0,
      memory: 0,
      tcpPorts: [],
    }),
    'RESOURCE:PORTS_UDP',
  )
  t.end()
})
