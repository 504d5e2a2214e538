import t from 'tap'
import { Harness, harnessRequest } from '../../src/scheduler/harness.js'
import { REPLICA_SERVICE_STRATEGIES, RUN_TASK_STRATEGIES } from '../../src/scheduler/index.js'

t.test("ECS's defaults: RunTask random, a REPLICA service zone then instance", t => {
  t.same(RUN_TASK_STRATEGIES, [{ type: 'random' }])
  t.same(REPLICA_SERVICE_STRATEGIES, [
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'spread', field: 'instanceId' },
  ])
  t.end()
})

t.test('a request without strategies is ranked by the RunTask default', t => {
  const harness = new Harness([{ cpu: 1024, memory: 1024 }], { random: n => n - 1 })
  const { placements } = harness.place(harnessRequest())
  t.same(placements[0]?.ranks, [{ instanceId: 'i0000', keys: [2 ** 31 - 1] }], 'one random key')
  t.end()
})

t.test('the service default over a cluster of two zones', t => {
  const zone = (z: string) => ({
    cpu: 4096,
    memory: 4096,
    attributes: { 'ecs.availability-zone': z },
  })
  const harness = new Harness([zone('a'), zone('a'), zone('a'), zone('b')], { random: n => n - n })
  harness.place({
    ...harnessRequest({ count: 6, group: 'service:web' }),
    strategies: REPLICA_SERVICE_STRATEGIES,
  })
  t.same(
    harness.utilisation().map(u => u.tasks),
    [1, 1, 1, 3],
  )
  t.end()
})
