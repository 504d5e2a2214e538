/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- wire answers are read loosely in these end-to-end tests; the server's schema is what they check */
import t from 'tap'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer } from '../fixtures/server.js'

type Body = any

t.test('tasks: errors, filters, protection, agent calls, retention', async t => {
  const server = await testServer(t, { stoppedTaskRetentionMs: 300 })
  const call = async (op: string, input: object) => (await rawCall(server, op, input)).body as Body
  const cluster = 'ops'
  await call('CreateCluster', { clusterName: cluster })
  await call('RegisterTaskDefinition', {
    family: 'app',
    containerDefinitions: [
      { name: 'a', image: 'busybox', memory: 64, cpu: 10 },
      { name: 'b', image: 'busybox', memoryReservation: 32 },
    ],
  })
  await call('RegisterTaskDefinition', {
    family: 'gone',
    containerDefinitions: [{ name: 'a', image: 'busybox', memory: 64 }],
  })
  await call('DeregisterTaskDefinition', { taskDefinition: 'gone:1' })

  const empty = await call('RunTask', { cluster, taskDefinition: 'app' })
  t.equal(empty['__type'], 'InvalidParameterException')
  t.equal(empty['message'], 'No Container Instances were found in your cluster.')

  const agent = await fakeAgent(t, server, { cluster })
  await agent.connect()
  const errorsOf = async (input: object) => (await call('RunTask', { cluster, ...input }))['__type']
  t.equal(await errorsOf({ taskDefinition: 'app', count: 11 }), 'InvalidParameterException')
  t.equal(
    await errorsOf({ taskDefinition: 'app', launchType: 'FARGATE' }),
    'InvalidParameterException',
  )
  t.equal(await errorsOf({ taskDefinition: 'nope' }), 'ClientException')
  t.equal(await errorsOf({ taskDefinition: 'gone:1' }), 'ClientException')
  t.equal(
    await errorsOf({ taskDefinition: 'app', startedBy: 'x'.repeat(129) }),
    'InvalidParameterException',
  )
  t.equal(
    await errorsOf({ taskDefinition: 'app', group: 'x'.repeat(256) }),
    'InvalidParameterException',
  )
  t.equal(
    await errorsOf({
      taskDefinition: 'app',
      overrides: { containerOverrides: [{ name: 'a', command: ['x'.repeat(9000)] }] },
    }),
    'InvalidParameterException',
  )
  t.equal(
    (await call('RunTask', { cluster: 'none', taskDefinition: 'app' }))['__type'],
    'ClusterNotFoundException',
  )

  // Wait for the channel to mark the instance connected.
  for (let i = 0; i < 100; i++) {
    const d = await call('DescribeContainerInstances', {
      cluster,
      containerInstances: [agent.containerInstanceArn],
    })
    if (d['containerInstances'][0].agentConnected) break
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  const run = await call('RunTask', {
    cluster,
    taskDefinition: 'app',
    count: 3,
    startedBy: 'me',
    tags: [{ key: 'k', value: 'v' }],
    overrides: { containerOverrides: [{ name: 'a', cpu: 20 }], memory: '1GB' },
    placementStrategy: [{ type: 'binpack', field: 'memory' }],
  })
  t.equal(run['tasks'].length, 3, JSON.stringify(run))
  t.equal(run['tasks'][0].cpu, '20')
  t.equal(run['tasks'][0].memory, '1024')
  t.equal(run['tasks'][0].containers[1].memoryReservation, '32')
  const other = await call('StartTask', {
    cluster,
    taskDefinition: 'app',
    group: 'batch',
    containerInstances: [agent.containerInstanceArn, 'f'.repeat(32)],
  })
  t.equal(other['tasks'].length, 1)
  t.same(
    other['failures'].map((f: Body) => f.reason),
    ['MISSING'],
  )
  t.equal(
    (await call('StartTask', { cluster, taskDefinition: 'app', containerInstances: [] }))['__type'],
    'InvalidParameterException',
  )
  const full = await call('RunTask', {
    cluster,
    taskDefinition: 'app',
    count: 2,
    overrides: { memory: '1GB' },
  })
  t.equal(full['tasks'].length, 0)
  t.match(full['failures'][0], { reason: 'RESOURCE:MEMORY', detail: /memory/ })
  const distinct = await call('RunTask', {
    cluster,
    taskDefinition: 'app',
    group: 'batch',
    placementConstraints: [{ type: 'distinctInstance' }],
    overrides: { memory: '64' },
  })
  t.equal(distinct['failures'][0].reason, 'DistinctInstance placement constraint unsatisfied.')

  const arns = run['tasks'].map((x: Body) => x.taskArn as string)
  const list = async (input: object) =>
    (await call('ListTasks', { cluster, ...input }))['taskArns'] as string[]
  t.equal((await list({})).length, 4)
  t.equal((await list({ startedBy: 'me' })).length, 3)
  t.equal((await list({ family: 'app', containerInstance: agent.containerInstanceArn })).length, 4)
  t.equal((await list({ family: 'other' })).length, 0)
  t.equal((await list({ serviceName: 'svc' })).length, 0)
  t.equal((await list({ launchType: 'EC2', desiredStatus: 'STOPPED' })).length, 0)
  t.equal((await list({ containerInstance: 'not-an-id' })).length, 0)
  t.equal(
    (await call('ListTasks', { cluster, startedBy: 'me', family: 'app' }))['__type'],
    'InvalidParameterException',
  )
  const page = await call('ListTasks', { cluster, maxResults: 3 })
  t.equal(page['taskArns'].length, 3)
  const rest = await call('ListTasks', { cluster, maxResults: 3, nextToken: page['nextToken'] })
  t.equal(rest['taskArns'].length, 1)
  t.notOk(rest['nextToken'])

  const described = await call('DescribeTasks', {
    cluster,
    tasks: [arns[0], 'f'.repeat(32)],
    include: ['TAGS'],
  })
  t.same(described['tasks'][0].tags, [{ key: 'k', value: 'v' }])
  t.same(
    described['failures'].map((f: Body) => f.reason),
    ['MISSING'],
  )
  t.notOk((await call('DescribeTasks', { cluster, tasks: [arns[0]] }))['tasks'][0].tags)
  t.equal(
    (await call('DescribeTasks', { cluster, tasks: Array(101).fill('x') }))['__type'],
    'InvalidParameterException',
  )

  const prot = await call('UpdateTaskProtection', {
    cluster,
    tasks: [arns[0], 'f'.repeat(32)],
    protectionEnabled: true,
    expiresInMinutes: 5,
  })
  t.match(prot['protectedTasks'][0], { protectionEnabled: true, expirationDate: Number })
  t.equal(prot['failures'][0].reason, 'MISSING')
  t.equal(
    (await call('GetTaskProtection', { cluster, tasks: [arns[0]] }))['protectedTasks'][0]
      .protectionEnabled,
    true,
  )
  await call('UpdateTaskProtection', { cluster, tasks: [arns[0]], protectionEnabled: false })
  t.equal(
    (await call('GetTaskProtection', { cluster, tasks: [arns[0]] }))['protectedTasks'][0]
      .protectionEnabled,
    false,
  )
  t.equal(
    (
      await call('UpdateTaskProtection', {
        cluster,
        tasks: [arns[0]],
        protectionEnabled: true,
        expiresInMinutes: 0,
      })
    )['__type'],
    'InvalidParameterException',
  )
  t.equal(
    (await call('GetTaskProtection', { cluster, tasks: Array(11).fill('x') }))['__type'],
    'InvalidParameterException',
  )

  // The legacy container call moves the task once all containers report.
  const legacy = { cluster, task: arns[1] }
  await call('SubmitContainerStateChange', { ...legacy, containerName: 'a', status: 'RUNNING' })
  t.equal(
    (await call('DescribeTasks', { cluster, tasks: [arns[1]] }))['tasks'][0].lastStatus,
    'PENDING',
  )
  await call('SubmitContainerStateChange', {
    ...legacy,
    containerName: 'b',
    status: 'RUNNING',
    networkBindings: [],
  })
  t.equal(
    (await call('DescribeTasks', { cluster, tasks: [arns[1]] }))['tasks'][0].lastStatus,
    'RUNNING',
  )
  await call('SubmitContainerStateChange', {
    ...legacy,
    containerName: 'a',
    status: 'STOPPED',
    exitCode: 1,
    reason: 'boom',
  })
  await call('SubmitContainerStateChange', {
    ...legacy,
    containerName: 'b',
    status: 'STOPPED',
    exitCode: 137,
  })
  const legacyDone = (await call('DescribeTasks', { cluster, tasks: [arns[1]] }))['tasks'][0]
  t.match(legacyDone, {
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
  })
  t.equal(legacyDone.containers[0].reason, 'boom')
  const late = await call('SubmitTaskStateChange', { cluster, task: arns[1], status: 'RUNNING' })
  t.equal(late['acknowledgment'], 'ACK')
  t.equal(
    (
      await call('SubmitContainerStateChange', {
        ...legacy,
        containerName: 'zz',
        status: 'RUNNING',
      })
    )['acknowledgment'],
    'ACK',
  )
  t.equal(
    (await call('SubmitTaskStateChange', { cluster, task: 'f'.repeat(32), status: 'RUNNING' }))[
      '__type'
    ],
    'InvalidParameterException',
  )
  t.equal(
    (
      await call('SubmitAttachmentStateChanges', {
        cluster,
        attachments: [{ attachmentArn: 'x', status: 'ATTACHED' }],
      })
    )['acknowledgment'],
    'ACK',
  )
  t.equal(
    (await call('StopTask', { cluster, task: 'f'.repeat(32) }))['__type'],
    'InvalidParameterException',
  )
  const stop = await call('StopTask', { cluster, task: arns[2], reason: 'enough' })
  t.equal(stop['task'].stoppedReason, 'enough')
  t.equal((await call('StopTask', { cluster, task: arns[2] }))['task'].stoppedReason, 'enough')
  await agent.report(arns[2], 'STOPPED', {
    pullStartedAt: 1,
    pullStoppedAt: 2,
    executionStoppedAt: 3,
  })
  t.equal((await list({ desiredStatus: 'STOPPED' })).length, 2)

  // Stopped tasks expire after the retention time.
  await new Promise(resolve => setTimeout(resolve, 400))
  t.equal((await list({ desiredStatus: 'STOPPED' })).length, 0)
  t.equal(
    (await call('DescribeTasks', { cluster, tasks: [arns[1]] }))['failures'][0].reason,
    'MISSING',
  )
  const groups = await call('RunTask', {
    cluster,
    taskDefinition: 'app',
    placementConstraints: [{ type: 'memberOf', expression: 'task:group != x' }],
  })
  t.equal(groups['tasks'].length, 1)

  t.match(
    await call('UpdateContainerAgent', { cluster, containerInstance: agent.containerInstanceArn }),
    { __type: 'NoUpdateAvailableException' },
  )
  t.match(await call('UpdateContainerAgent', { cluster, containerInstance: 'f'.repeat(32) }), {
    __type: 'InvalidParameterException',
  })
  const bare = await call('RegisterContainerInstance', { cluster, totalResources: [] })
  t.match(
    await call('UpdateContainerAgent', {
      cluster,
      containerInstance: bare['containerInstance'].containerInstanceArn,
    }),
    { __type: 'MissingVersionException' },
  )
})
