/**
 * Properties of the placement stack over the harness (fast-check): whatever the cluster and the
 * requests, no instance is over-committed and no infeasible instance gets a task; over equal,
 * feasible instances spread keeps its buckets within one task of each other and binpack uses as
 * few instances as the tasks need.
 */
import fc from 'fast-check'
import t from 'tap'
import type { PlacementStrategy } from '@quayside/openapi/types'
import {
  Harness,
  harnessRequest,
  seededRandom,
  type HarnessInstance,
  type HarnessRequest,
} from '../../src/scheduler/harness.js'

const ZONE = 'ecs.availability-zone'

const strategyArb: fc.Arbitrary<PlacementStrategy> = fc.oneof(
  fc.constant({ type: 'random' as const }),
  fc.constantFrom('instanceId', 'host', `attribute:${ZONE}`, 'attribute:rack').map(field => ({
    type: 'spread' as const,
    field,
  })),
  fc.constantFrom('cpu', 'memory').map(field => ({ type: 'binpack' as const, field })),
)

const instanceArb: fc.Arbitrary<HarnessInstance> = fc.record({
  cpu: fc.integer({ min: 0, max: 4096 }),
  memory: fc.integer({ min: 0, max: 8192 }),
  ports: fc.uniqueArray(fc.constantFrom(22, 80, 443), { maxLength: 2 }),
  attributes: fc.record(
    { [ZONE]: fc.constantFrom('z1', 'z2', 'z3'), rack: fc.constantFrom('r1', 'r2') },
    { requiredKeys: [] },
  ),
  status: fc.constantFrom('ACTIVE' as const, 'ACTIVE' as const, 'DRAINING' as const),
  agentConnected: fc.boolean(),
})

const requestArb: fc.Arbitrary<HarnessRequest> = fc.record({
  count: fc.integer({ min: 1, max: 10 }),
  cpu: fc.integer({ min: 0, max: 1024 }),
  memory: fc.integer({ min: 0, max: 2048 }),
  tcpPorts: fc.uniqueArray(fc.constantFrom(80, 443, 8080), { maxLength: 2 }),
  udpPorts: fc.uniqueArray(fc.constantFrom(53), { maxLength: 1 }),
  group: fc.constantFrom('family:web', 'service:api'),
  requiresAttributes: fc.constantFrom([], [{ name: 'rack' }], [{ name: ZONE, value: 'z1' }]),
  strategies: fc.array(strategyArb, { maxLength: 5 }),
})

t.test('property: no instance is ever over-committed (CPU, memory, ports)', t => {
  fc.assert(
    fc.property(
      fc.array(instanceArb, { minLength: 1, maxLength: 8 }),
      fc.array(requestArb, { maxLength: 12 }),
      fc.nat(),
      (instances, requests, seed) => {
        const harness = new Harness(instances, { random: seededRandom(seed) })
        for (const request of requests) harness.place(harnessRequest(request))
        return harness.overCommitted().length === 0
      },
    ),
    { numRuns: 300 },
  )
  t.end()
})

t.test('property: tasks go only to feasible instances, and only those are ranked', t => {
  fc.assert(
    fc.property(
      fc.array(instanceArb, { minLength: 1, maxLength: 8 }),
      fc.array(requestArb, { maxLength: 8 }),
      fc.nat(),
      (instances, requests, seed) => {
        const harness = new Harness(instances, { random: seededRandom(seed) })
        for (const given of requests) {
          const request = harnessRequest(given)
          const before = new Map(harness.snapshots().map(s => [s.id, s.instance]))
          const { placements } = harness.place(request)
          for (const p of placements) {
            for (const id of [p.instanceId, ...p.ranks.map(r => r.instanceId)]) {
              const instance = before.get(id)
              if (instance?.status !== 'ACTIVE' || !instance.agentConnected) return false
              const attributes = new Map(instance.attributes.map(a => [a.name, a.value]))
              for (const need of request.requiresAttributes) {
                if (!attributes.has(need.name)) return false
                if (need.value !== undefined && attributes.get(need.name) !== need.value)
                  return false
              }
            }
            if (!p.ranks.some(r => r.instanceId === p.instanceId)) return false
            if (p.ranks.some(r => r.keys.length !== Math.max(1, request.strategies.length)))
              return false
          }
        }
        return true
      },
    ),
    { numRuns: 300 },
  )
  t.end()
})

const spread = (field: string): PlacementStrategy => ({ type: 'spread', field })
const spreadRange = (counts: number[]) => Math.max(...counts) - Math.min(...counts)

t.test('property: spread keeps buckets within one task when all are equal and feasible', t => {
  fc.assert(
    fc.property(
      // Each instance's zone, or none (its own bucket).
      fc.array(fc.constantFrom('z1', 'z2', 'z3', undefined), { minLength: 1, maxLength: 9 }),
      fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 }),
      fc.constantFrom('instanceId', `attribute:${ZONE}`),
      fc.nat(),
      (zones, counts, field, seed) => {
        const instances = zones.map(zone => ({
          cpu: 100_000,
          memory: 100_000,
          attributes: zone === undefined ? {} : { [ZONE]: zone },
        }))
        const harness = new Harness(instances, { random: seededRandom(seed) })
        for (const count of counts) {
          harness.place(harnessRequest({ count, cpu: 10, strategies: [spread(field)] }))
          const buckets = new Map<string, number>()
          harness.utilisation().forEach((u, i) => {
            const key = field === 'instanceId' ? u.instanceId : String(zones[i])
            buckets.set(key, (buckets.get(key) ?? 0) + u.tasks)
          })
          if (spreadRange([...buckets.values()]) > 1) return false
        }
        return true
      },
    ),
    { numRuns: 300 },
  )
  t.end()
})

t.test('property: binpack uses the fewest instances when tasks are of one size', t => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 6 }),
      fc.constantFrom('cpu' as const, 'memory' as const),
      fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 }),
      fc.nat(),
      (instanceCount, perInstance, field, counts, seed) => {
        const size = 128
        const instances = Array.from({ length: instanceCount }, () => ({
          cpu: field === 'cpu' ? size * perInstance : 100_000,
          memory: field === 'memory' ? size * perInstance : 100_000,
        }))
        const harness = new Harness(instances, { random: seededRandom(seed) })
        let placed = 0
        for (const count of counts) {
          const { placements } = harness.place(
            harnessRequest({ count, [field]: size, strategies: [{ type: 'binpack', field }] }),
          )
          placed += placements.length
          const used = harness.utilisation().filter(u => u.tasks > 0).length
          if (used !== Math.ceil(placed / perInstance)) return false
        }
        return (
          placed ===
          Math.min(
            instanceCount * perInstance,
            counts.reduce((a, b) => a + b),
          )
        )
      },
    ),
    { numRuns: 300 },
  )
  t.end()
})
