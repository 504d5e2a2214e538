/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- wire answers are read loosely in these end-to-end tests; the server's schema is what they check */
import t from 'tap'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer, type RawResponse } from '../fixtures/server.js'
import type { RunningServer } from '../../src/main.js'

const body = (r: RawResponse) => r.body as any

async function connected(server: RunningServer, cluster: string, arn: string): Promise<boolean> {
  const r = await rawCall(server, 'DescribeContainerInstances', {
    cluster,
    containerInstances: [arn],
  })
  return body(r).containerInstances[0].agentConnected as boolean
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

t.test(
  'RunTask -> agent -> RUNNING -> StopTask -> STOPPED; close -> AGENT; reconnect resends',
  async t => {
    const server = await testServer(t, {
      agentHeartbeatIntervalMs: 50,
      agentHeartbeatGraceMs: 1000,
    })
    const cluster = 'proof'
    await rawCall(server, 'CreateCluster', { clusterName: cluster })
    await rawCall(server, 'RegisterTaskDefinition', {
      family: 'web',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx',
          cpu: 256,
          memory: 512,
          portMappings: [{ containerPort: 80, hostPort: 8080 }],
        },
      ],
    })
    const a = await fakeAgent(t, server, { cluster })
    const b = await fakeAgent(t, server, { cluster })
    t.equal(await connected(server, cluster, a.containerInstanceArn), false)
    await a.connect()
    await b.connect()
    await waitFor(() => connected(server, cluster, a.containerInstanceArn))
    await waitFor(() => connected(server, cluster, b.containerInstanceArn))

    const run = body(await rawCall(server, 'RunTask', { cluster, taskDefinition: 'web' }))
    t.equal(run.failures.length, 0)
    const task = run.tasks[0]
    t.equal(task.lastStatus, 'PENDING')
    t.equal(task.desiredStatus, 'RUNNING')
    t.equal(task.group, 'family:web')
    t.match(task.taskArn, /:task\/proof\/[0-9a-f]{32}$/)
    const mine = task.containerInstanceArn === a.containerInstanceArn ? a : b
    const other = mine === a ? b : a
    await mine.until(tasks => tasks.get(task.taskArn)?.desiredStatus === 'RUNNING')
    t.notOk(other.tasks.has(task.taskArn), 'only the chosen instance gets the task')

    const bindings = [{ bindIP: '0.0.0.0', containerPort: 80, hostPort: 8080, protocol: 'tcp' }]
    await mine.report(task.taskArn, 'RUNNING', {
      containers: [
        { containerName: 'web', status: 'RUNNING', networkBindings: bindings, runtimeId: 'abc' },
      ],
    })
    const running = body(await rawCall(server, 'DescribeTasks', { cluster, tasks: [task.taskArn] }))
    t.equal(running.tasks[0].lastStatus, 'RUNNING')
    t.same(running.tasks[0].containers[0].networkBindings, bindings)
    t.type(running.tasks[0].startedAt, 'number')
    const instance = body(
      await rawCall(server, 'DescribeContainerInstances', {
        cluster,
        containerInstances: [mine.containerInstanceArn],
      }),
    ).containerInstances[0]
    t.equal(instance.runningTasksCount, 1)
    t.match(instance.remainingResources, [
      { name: 'CPU', integerValue: 2048 - 256 },
      { name: 'MEMORY', integerValue: 4096 - 512 },
      { name: 'PORTS', stringSetValue: ['22', '8080'] },
    ])

    const stopped = body(await rawCall(server, 'StopTask', { cluster, task: task.taskArn }))
    t.equal(stopped.task.desiredStatus, 'STOPPED')
    t.equal(stopped.task.stoppedReason, 'Task stopped by user')
    await mine.until(tasks => tasks.get(task.taskArn)?.desiredStatus === 'STOPPED')
    await mine.report(task.taskArn, 'STOPPED', {
      containers: [{ containerName: 'web', status: 'STOPPED', exitCode: 0 }],
    })
    const done = body(await rawCall(server, 'DescribeTasks', { cluster, tasks: [task.taskArn] }))
    t.equal(done.tasks[0].lastStatus, 'STOPPED')
    t.equal(done.tasks[0].containers[0].exitCode, 0)
    t.equal(done.tasks[0].stopCode, 'UserInitiated')
    const after = body(
      await rawCall(server, 'DescribeContainerInstances', {
        cluster,
        containerInstances: [mine.containerInstanceArn],
      }),
    ).containerInstances[0]
    t.equal(after.runningTasksCount, 0)
    t.match(after.remainingResources, [
      { name: 'CPU', integerValue: 2048 },
      { name: 'MEMORY', integerValue: 4096 },
      { name: 'PORTS', stringSetValue: ['22'] },
    ])

    // A task left running on `a`, then both channels close: RunTask fails AGENT.
    const kept = body(
      await rawCall(server, 'StartTask', {
        cluster,
        taskDefinition: 'web',
        containerInstances: [a.containerInstanceArn],
      }),
    )
    t.equal(kept.tasks.length, 1)
    const keptArn = kept.tasks[0].taskArn as string
    await a.until(tasks => tasks.has(keptArn))
    await a.close()
    await b.close()
    await waitFor(async () => !(await connected(server, cluster, a.containerInstanceArn)))
    await waitFor(async () => !(await connected(server, cluster, b.containerInstanceArn)))
    const refused = body(await rawCall(server, 'RunTask', { cluster, taskDefinition: 'web' }))
    t.equal(refused.tasks.length, 0)
    t.same(
      refused.failures.map((f: { reason: string }) => f.reason),
      ['AGENT', 'AGENT'],
    )

    a.tasks.clear()
    await a.connect()
    await a.until(tasks => tasks.has(keptArn))
    t.ok(
      a.payloads.some(p => p.full && p.tasks.some(x => x.taskArn === keptArn)),
      'full list resent',
    )
    const before = a.payloads.length
    a.requestTaskList()
    await a.until(() => a.payloads.length > before)
    t.ok(a.payloads.at(-1)?.full)

    // A silent agent turns disconnected after interval + grace.
    await waitFor(() => connected(server, cluster, a.containerInstanceArn))
    a.silence()
    await waitFor(async () => !(await connected(server, cluster, a.containerInstanceArn)))
  },
)

t.test('the upgrade needs a valid signature and a registered instance', async t => {
  const server = await testServer(t)
  const { request } = await import('undici')
  const url = new URL(server.url)
  const unsigned = await request(`${server.url}/ws?clusterArn=default`, {
    headers: {
      connection: 'upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    },
    upgrade: 'websocket',
  }).catch((error: unknown) => error)
  t.ok(unsigned instanceof Error, `refused: ${String(unsigned)}`)
  t.ok(url.host)
  await rawCall(server, 'CreateCluster', {})
  const agent = await fakeAgent(t, server, { cluster: 'default' })
  const discovered = body(
    await rawCall(server, 'DiscoverPollEndpoint', {
      containerInstance: agent.containerInstanceArn,
    }),
  )
  t.equal(discovered.endpoint, `${server.url}/`)
  await rawCall(server, 'DeregisterContainerInstance', {
    containerInstance: agent.containerInstanceArn,
    force: true,
  })
  await t.rejects(agent.connect())
})

t.test('an agent that reports on its own: RUNNING on arrival, STOPPED on stop', async t => {
  const server = await testServer(t)
  await rawCall(server, 'CreateCluster', {})
  await rawCall(server, 'RegisterTaskDefinition', {
    family: 'auto',
    containerDefinitions: [{ name: 'c', image: 'busybox', memory: 32 }],
  })
  const registered = body(
    await rawCall(server, 'RegisterContainerInstance', {
      totalResources: [{ name: 'MEMORY', type: 'INTEGER', integerValue: 128 }],
    }),
  )
  const arn = registered.containerInstance.containerInstanceArn as string
  const agent = await fakeAgent(t, server, {
    cluster: 'default',
    containerInstanceArn: arn,
    autoReport: true,
  })
  t.equal(agent.containerInstanceArn, arn)
  await agent.connect()
  await waitFor(() => connected(server, 'default', arn))
  const run = body(await rawCall(server, 'RunTask', { taskDefinition: 'auto' }))
  const taskArn = run.tasks[0].taskArn as string
  const status = async () =>
    body(await rawCall(server, 'DescribeTasks', { tasks: [taskArn] })).tasks[0].lastStatus as string
  await waitFor(async () => (await status()) === 'RUNNING')
  await rawCall(server, 'StopTask', { task: taskArn })
  await waitFor(async () => (await status()) === 'STOPPED')
  t.same(agent.reportErrors, [])
})

t.test('payloads to one agent are spaced; what comes meanwhile travels together', async t => {
  const spacing = 1000
  const server = await testServer(t, { agentPayloadSpacingMs: spacing })
  await rawCall(server, 'CreateCluster', {})
  await rawCall(server, 'RegisterTaskDefinition', {
    family: 'spaced',
    containerDefinitions: [{ name: 'c', image: 'busybox', memory: 8 }],
  })
  const agent = await fakeAgent(t, server, { cluster: 'default' })
  await agent.connect()
  await waitFor(() => connected(server, 'default', agent.containerInstanceArn))
  const runOne = async () =>
    body(await rawCall(server, 'RunTask', { taskDefinition: 'spaced' })).tasks[0].taskArn as string

  // A quiet agent hears of a task at once, not a spacing later.
  const sent = performance.now()
  const first = await runOne()
  await agent.until(tasks => tasks.has(first))
  const firstPayload = agent.payloads.find(p => p.tasks.some(x => x.taskArn === first))
  t.ok(firstPayload && firstPayload.at - sent < spacing / 2, 'the first task is not held back')

  // Three more within the spacing: one payload, once the spacing has passed.
  const more = await Promise.all([runOne(), runOne(), runOne()])
  await agent.until(tasks => more.every(arn => tasks.has(arn)))
  const carrying = agent.payloads.filter(p => p.tasks.some(x => more.includes(x.taskArn)))
  t.equal(carrying.length, 1, 'one payload carries the three')
  t.same(carrying[0]?.tasks.map(x => x.taskArn).sort(), [...more].sort())
  t.ok(
    (carrying[0]?.at ?? 0) - (firstPayload?.at ?? 0) >= spacing * 0.9,
    'it left a spacing after the first',
  )
})
