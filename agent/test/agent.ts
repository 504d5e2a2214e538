import { join } from 'node:path'
import t from 'tap'
import { startAgent } from '../src/agent.js'
import { FAKE_IDENTITY, fakeImds } from './fixtures/fake-imds.js'
import { fakeRuntime } from './fixtures/fake-runtime.js'
import { testServer } from './fixtures/server.js'
import { until } from './fixtures/until.js'

t.test(
  'an agent against a real server runs, reports and stops tasks, and survives a restart',
  async t => {
    const { dir, server, ecs } = await testServer(t, 'agent-e2e-')
    const runtime = fakeRuntime({ images: ['web-image'] })
    const errors: unknown[] = []
    const imds = await fakeImds(t)
    const options = {
      metadataEndpoint: imds.url,
      endpoint: server.url,
      cluster: 'agents',
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      runtime,
      stateDir: join(dir, 'state'),
      retryDelayMs: 10,
      backoffMs: 10,
      onError: (e: unknown) => errors.push(e),
    }
    const agent = await startAgent(options)
    t.equal(agent.registration.cpu, 4096)
    const instance = await until('agent connected', async () => {
      const { containerInstances } = await ecs.describeContainerInstances({
        cluster: 'agents',
        containerInstances: [agent.registration.containerInstanceArn],
      })
      return containerInstances?.[0]?.agentConnected === true ? containerInstances[0] : undefined
    })
    t.equal(instance.ec2InstanceId, FAKE_IDENTITY.instanceId, 'identity from IMDSv2')
    t.ok(
      instance.attributes?.some(a => a.name === 'ecs.instance-type' && a.value === 'm5.large'),
      'instance type attribute',
    )
    t.ok(
      ['container-restart-policy', 'network.container-port-range', 'task-cpu-mem-limit'].every(
        feature => instance.attributes?.some(a => a.name === `ecs.capability.${feature}`),
      ),
      'the engine features are advertised',
    )

    await ecs.registerTaskDefinition({
      family: 'web',
      containerDefinitions: [
        { name: 'web', image: 'web-image', memory: 32, portMappings: [{ containerPort: 80 }] },
      ],
    })
    const run = await ecs.runTask({
      cluster: 'agents',
      taskDefinition: 'web',
      overrides: { containerOverrides: [{ name: 'web', command: ['serve'] }] },
    })
    const taskArn = run.tasks?.[0]?.taskArn ?? ''
    const describe = async () =>
      (await ecs.describeTasks({ cluster: 'agents', tasks: [taskArn] })).tasks?.[0]
    const running = await until('RUNNING', async () => {
      const task = await describe()
      return task?.lastStatus === 'RUNNING' ? task : undefined
    })
    t.match(running.containers?.[0], { name: 'web', lastStatus: 'RUNNING', runtimeId: /./ })
    const container = runtime.byName('web')
    t.same(container.config.Cmd, ['serve'], 'the override reached Docker')

    // kill the agent (it detaches) and start another from the same state dir: same instance,
    // the running container adopted, not created again
    await agent.close()
    const creates = runtime.calls.filter(c => c.method === 'createContainer').length
    const second = await startAgent(options)
    t.teardown(() => second.close())
    t.equal(second.registration.containerInstanceArn, agent.registration.containerInstanceArn)
    await until('task managed again', () => Promise.resolve(second.engine.manager(taskArn)))
    t.equal(
      runtime.calls.filter(c => c.method === 'createContainer').length,
      creates,
      'no duplicate',
    )

    await ecs.stopTask({ cluster: 'agents', task: taskArn, reason: 'done here' })
    const stopped = await until('STOPPED', async () => {
      const task = await describe()
      return task?.lastStatus === 'STOPPED' ? task : undefined
    })
    t.equal(stopped.stoppedReason, 'done here')
    t.type(stopped.containers?.[0]?.exitCode, 'number')

    t.same(
      errors.filter(e => !/ECONNREFUSED|socket|closed/i.test(String(e))),
      [],
      'no unexpected errors',
    )
  },
)

t.test(
  'two agents (two state dirs) on one Docker Engine: tasks land on both; a restart takes only its own',
  async t => {
    const { dir, server, ecs } = await testServer(t, 'agent-two-')
    // one runtime for both, as two agents on one host share its Engine
    const runtime = fakeRuntime({ images: ['img'] })
    const start = (i: number) =>
      startAgent({
        endpoint: server.url,
        cluster: 'pair',
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        runtime,
        stateDir: join(dir, `state-${String(i)}`),
        metadataEndpoint: false,
      })
    const agents = await Promise.all([start(0), start(1)])
    t.teardown(() => Promise.all(agents.map(a => a.close())))
    const instances = agents.map(a => a.registration.containerInstanceArn)
    t.not(instances[0], instances[1])
    await until('both connected', async () => {
      const { containerInstances = [] } = await ecs.describeContainerInstances({
        cluster: 'pair',
        containerInstances: instances,
      })
      return containerInstances.every(i => i.agentConnected === true) ? true : undefined
    })
    await ecs.registerTaskDefinition({
      family: 'pair',
      containerDefinitions: [{ name: 'app', image: 'img', memory: 16 }],
    })
    // the scheduler places at random for now, so StartTask names each instance: what matters here
    // is that each agent runs what is placed on it, side by side
    const started = await Promise.all(
      instances.map(instance =>
        ecs.startTask({
          cluster: 'pair',
          taskDefinition: 'pair',
          containerInstances: [instance, instance],
        }),
      ),
    )
    const arns = started.flatMap(s => s.tasks ?? []).map(task => task.taskArn ?? '')
    t.equal(arns.length, 4)
    await until('all RUNNING', async () => {
      const { tasks = [] } = await ecs.describeTasks({ cluster: 'pair', tasks: arns })
      return tasks.every(task => task.lastStatus === 'RUNNING') ? true : undefined
    })
    const byInstance = async (instance: string) =>
      (await runtime.listContainers({ 'quayside.container-instance-arn': instance })).map(c => c.id)
    const theirs = await byInstance(instances[1] ?? '')
    t.equal(theirs.length, 2, 'each agent ran two of the four tasks')
    t.equal((await byInstance(instances[0] ?? '')).length, 2)

    // agent 0 restarts from its state dir: its restore sees agent 1's containers on the Engine too
    await agents[0].close()
    agents[0] = await start(0)
    await until('agent 0 back', async () => {
      const { containerInstances = [] } = await ecs.describeContainerInstances({
        cluster: 'pair',
        containerInstances: [instances[0] ?? ''],
      })
      return containerInstances[0]?.agentConnected === true ? true : undefined
    })
    await until('agent 0 restored', () =>
      Promise.resolve(
        runtime.calls.filter(c => c.method === 'listContainers').length >= 2 ? true : undefined,
      ),
    )
    await new Promise(r => setTimeout(r, 200))
    const stopped = runtime.calls
      .filter(c => c.method === 'stopContainer')
      .map(c => (c.arg as { id: string }).id)
    t.same(
      stopped.filter(id => theirs.includes(id)),
      [],
      "agent 0 did not take agent 1's containers for orphans",
    )
    const { tasks = [] } = await ecs.describeTasks({ cluster: 'pair', tasks: arns })
    t.ok(
      tasks.every(task => task.lastStatus === 'RUNNING'),
      'all four tasks still RUNNING',
    )
    t.equal(
      runtime.calls.filter(c => c.method === 'createContainer').length,
      4,
      'and nothing created twice',
    )
  },
)

t.test('a non-essential container that exits is reported on its own', async t => {
  const { dir, server, ecs } = await testServer(t, 'agent-side-')
  const runtime = fakeRuntime({ images: ['img'] })
  const agent = await startAgent({
    endpoint: server.url,
    cluster: 'side',
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    runtime,
    stateDir: join(dir, 'state'),
    metadataEndpoint: false,
    retryDelayMs: 10,
  })
  t.teardown(() => agent.close())
  await until('connected', async () => {
    const { containerInstances } = await ecs.describeContainerInstances({
      cluster: 'side',
      containerInstances: [agent.registration.containerInstanceArn],
    })
    return containerInstances?.[0]?.agentConnected === true ? true : undefined
  })
  await ecs.registerTaskDefinition({
    family: 'side',
    containerDefinitions: [
      { name: 'app', image: 'img', memory: 16 },
      // a restart policy needs the capability to be placed; exiting at once, it is not used
      {
        name: 'helper',
        image: 'img',
        memory: 16,
        essential: false,
        restartPolicy: { enabled: true },
      },
    ],
  })
  const run = await ecs.runTask({ cluster: 'side', taskDefinition: 'side' })
  const taskArn = run.tasks?.[0]?.taskArn ?? ''
  const describe = async () =>
    (await ecs.describeTasks({ cluster: 'side', tasks: [taskArn] })).tasks?.[0]
  await until('RUNNING', async () => {
    const task = await describe()
    return task?.lastStatus === 'RUNNING' ? task : undefined
  })
  runtime.exit(runtime.byName('helper').id, 7)
  const after = await until('helper STOPPED', async () => {
    const task = await describe()
    const helper = task?.containers?.find(c => c.name === 'helper')
    return helper?.lastStatus === 'STOPPED' ? task : undefined
  })
  t.equal(after.lastStatus, 'RUNNING', 'the task runs on')
  t.match(
    after.containers?.find(c => c.name === 'helper'),
    { exitCode: 7, runtimeId: /./ },
  )
  t.match(
    after.containers?.find(c => c.name === 'app'),
    { lastStatus: 'RUNNING' },
  )
})
