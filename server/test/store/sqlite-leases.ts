/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- wire answers are read loosely here */
/**
 * A server on SQLite that dies holding an agent's channel leaves that instance's lease in the
 * file. Started again, it must not believe it: the instance reads disconnected and takes no task
 * (failure AGENT) until its agent reconnects.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import t from 'tap'
import { startServer, type RunningServer } from '../../src/main.js'
import { dropAgentLeases, dropSchedulerLease } from '../../src/store/sqlite-leases.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall } from '../fixtures/server.js'

const instance = async (server: RunningServer, cluster: string, arn: string): Promise<any> =>
  (
    (await rawCall(server, 'DescribeContainerInstances', { cluster, containerInstances: [arn] }))
      .body as any
  ).containerInstances[0]

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${String(ms)} ms`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

t.test('dropAgentLeases clears connected instances only', t => {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE documents (account, region, kind, id, parent, body)')
  const insert = db.prepare(
    "INSERT INTO documents VALUES ('000000000000', 'us-east-1', ?, ?, 'c', ?)",
  )
  const connected = {
    agentConnected: true,
    agentSession: 's',
    agentLeaseUntil: Date.now() + 90_000,
    version: 3,
  }
  insert.run('container-instance', 'a', JSON.stringify(connected))
  insert.run('container-instance', 'b', JSON.stringify({ agentConnected: false, version: 7 }))
  insert.run('task', 't', JSON.stringify({ agentConnected: true, version: 1 }))
  t.equal(dropAgentLeases(db), 1)
  const body = (id: string) =>
    JSON.parse(
      db.prepare<[string], { body: string }>('SELECT body FROM documents WHERE id = ?').get(id)
        ?.body ?? '{}',
    ) as Record<string, unknown>
  t.same(body('a'), { agentConnected: false, version: 4 })
  t.same(body('b'), { agentConnected: false, version: 7 }, 'a disconnected one is untouched')
  t.same(body('t'), { agentConnected: true, version: 1 }, 'other kinds are untouched')
  db.close()
  t.end()
})

t.test('dropSchedulerLease deletes the service scheduler lease only', t => {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE documents (account, region, kind, id, parent, body)')
  const insert = db.prepare("INSERT INTO documents VALUES ('', '', ?, ?, '', '{}')")
  insert.run('scheduler-lease', 'service-scheduler')
  insert.run('scheduled-service', 'a/b/c/web')
  t.equal(dropSchedulerLease(db), 1)
  t.same(
    db.prepare('SELECT kind FROM documents').all(),
    [{ kind: 'scheduled-service' }],
    'the index of services stays',
  )
  t.equal(dropSchedulerLease(db), 0, 'nothing to drop the second time')
  db.close()
  t.end()
})

t.test('a restarted server drops the lease of the process that died', async t => {
  const dataDir = t.testdir()
  // the default timing: a lease of 90 s, still running when the new server opens the file
  const options = { port: 0, dataDir: join(dataDir, 'db'), logFormat: 'none' as const }
  const first = await startServer(options)
  t.teardown(() => first.close())
  const cluster = 'crash'
  await rawCall(first, 'CreateCluster', { clusterName: cluster })
  await rawCall(first, 'RegisterTaskDefinition', {
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 128, memory: 128 }],
  })
  const agent = await fakeAgent(t, first, { cluster })
  await agent.connect()
  const arn = agent.containerInstanceArn
  await waitFor(async () => (await instance(first, cluster, arn)).agentConnected === true)
  // as a crash would: the sockets dropped, nothing recorded in the store
  await first.abort()

  const second = await startServer(options)
  t.teardown(() => second.close())
  t.equal((await instance(second, cluster, arn)).agentConnected, false, 'read as disconnected')
  const refused = (await rawCall(second, 'RunTask', { cluster, taskDefinition: 'web' })).body as any
  t.same(refused.tasks, [])
  t.equal(refused.failures[0]?.reason, 'AGENT', 'and no task is placed on it')

  const back = await fakeAgent(t, second, { cluster, containerInstanceArn: arn })
  await back.connect()
  await waitFor(async () => (await instance(second, cluster, arn)).agentConnected === true)
  const placed = (await rawCall(second, 'RunTask', { cluster, taskDefinition: 'web' })).body as any
  t.equal(placed.failures.length, 0, 'once the agent is back, tasks are placed again')
  t.equal(placed.tasks.length, 1)
})
