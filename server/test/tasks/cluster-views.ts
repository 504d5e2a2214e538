import t, { type Test } from 'tap'
import type { RunTaskRequest } from '@quayside/openapi/types'
import type { OperationContext } from '../../src/operations/context.js'
import { createCluster } from '../../src/operations/create-cluster.js'
import { registerContainerInstance } from '../../src/operations/register-container-instance.js'
import { registerTaskDefinition } from '../../src/operations/register-task-definition.js'
import { runTask } from '../../src/operations/run-task.js'
import { submitTaskStateChange } from '../../src/operations/submit-task-state-change.js'
import type { ContainerInstanceDocument } from '../../src/resources/container-instances.js'
import { createRuntime } from '../../src/runtime.js'
import { openStore, type Store } from '../../src/store/index.js'

const scope = { account: '000000000000', region: 'us-east-1' }

/**
 * A SQLite store with cluster `c`, task definition `app` (128 MiB) and `instances` instances of
 * 256 MiB whose agents count as connected (set in the store: no channel runs here).
 */
async function setUp(t: Test, instances: number) {
  const store = await openStore({ dataDir: t.testdir() })
  t.teardown(() => store.close())
  const runtime = createRuntime()
  const context: OperationContext = {
    store,
    scope,
    runtime,
    principalArn: 'arn:aws:iam::000000000000:root',
    requestId: 'test',
  }
  await createCluster({ clusterName: 'c' }, context)
  await registerTaskDefinition(
    { family: 'app', containerDefinitions: [{ name: 'app', image: 'busybox', memory: 128 }] },
    context,
  )
  const ids: string[] = []
  for (let i = 0; i < instances; i++) {
    const answer = await registerContainerInstance(
      {
        cluster: 'c',
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 256 },
        ],
      },
      context,
    )
    const arn = answer.containerInstance?.containerInstanceArn ?? ''
    ids.push(arn.slice(arn.lastIndexOf('/') + 1))
  }
  for (const id of ids) await behindTheView(store, id, doc => ({ ...doc, agentConnected: true }))
  const run = (over: Partial<RunTaskRequest> = {}) =>
    runTask({ cluster: 'c', taskDefinition: 'app', ...over }, context)
  return { store, context, ids, run }
}

/** Changes an instance document in the store directly: no event, no notice reaches the copy. */
async function behindTheView(
  store: Store,
  id: string,
  change: (doc: ContainerInstanceDocument) => ContainerInstanceDocument,
): Promise<void> {
  await store.transaction(async tx => {
    const doc = await tx.get<ContainerInstanceDocument>(scope, 'container-instance', id)
    if (!doc) throw new Error(`no instance ${id}`)
    await tx.put(scope, 'container-instance', id, 'c', change(doc.body))
  })
}

const binpack = { placementStrategy: [{ type: 'binpack' as const, field: 'memory' }] }
const spread = { placementStrategy: [{ type: 'spread' as const, field: 'instanceId' }] }
const instanceOf = (task: { containerInstanceArn?: string } | undefined) =>
  task?.containerInstanceArn?.slice(task.containerInstanceArn.lastIndexOf('/') + 1)

t.test(
  'a copy that lags the store never over-commits: the chosen instance is read again',
  async t => {
    const { store, ids, run } = await setUp(t, 1)
    const [id = ''] = ids
    const first = await run(binpack)
    t.equal(first.tasks?.length, 1, 'the first launch builds the copy and places')
    // Another writer (e.g. a replica sharing the store) takes the rest of the instance's memory.
    await behindTheView(store, id, doc => ({
      ...doc,
      reserved: { cpu: 0, memory: 256, tcpPorts: [], udpPorts: [] },
      remainingResources: doc.remainingResources.map(r =>
        r.name === 'MEMORY' ? { ...r, integerValue: 0 } : r,
      ),
    }))
    const second = await run(binpack)
    t.same(second.tasks, [], 'nothing placed on the copy that still shows 128 MiB free')
    t.same(
      second.failures?.map(f => f.reason),
      ['RESOURCE:MEMORY'],
      'the failure comes from the stored books',
    )
  },
)

t.test('an instance that drained behind the copy takes no task', async t => {
  const { store, ids, run } = await setUp(t, 2)
  const [a = '', b = ''] = ids
  await run(spread)
  await behindTheView(store, a, doc => ({ ...doc, status: 'DRAINING' }))
  // Spread on the copy ranks the DRAINING instance too (it still shows ACTIVE there).
  for (let i = 0; i < 3; i++) {
    const placed = await run(spread)
    if (placed.tasks?.length === 0) break
    t.equal(instanceOf(placed.tasks?.[0]), b, `launch ${String(i + 1)}: on the ACTIVE instance`)
  }
})

t.test(
  'spread follows the tasks: a stop reported by the agent frees its instance at once',
  async t => {
    const { context, ids, run } = await setUp(t, 2)
    const placed = await run({ ...spread, count: 2 })
    t.same(new Set(placed.tasks?.map(instanceOf)), new Set(ids), 'one task on each instance')
    const [stopping] = placed.tasks ?? []
    await submitTaskStateChange(
      { cluster: 'c', task: stopping?.taskArn ?? '', status: 'STOPPED' },
      { ...context, requestId: 'agent' },
    )
    const next = await run(spread)
    t.equal(
      instanceOf(next.tasks?.[0]),
      instanceOf(stopping),
      'the instance whose task stopped holds fewer of the group',
    )
    t.same(next.failures, [])
  },
)
