/**
 * RegisterContainerInstance for an instance already registered (an agent restarting from its saved
 * state, or with other totals): the reservations of the tasks still on the instance stay held,
 * so `remainingResources` is always the registered totals minus what its unstopped tasks hold,
 * between zero and the totals.
 */
import {
  CreateClusterCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type ECSClient,
  type Resource,
} from '@aws-sdk/client-ecs'
import fc from 'fast-check'
import t, { type Test } from 'tap'
import type { RunningServer } from '../../src/main.js'
import { fakeAgent, type FakeAgent } from '../fixtures/fake-agent.js'
import { client, testServer } from '../fixtures/server.js'

t.setTimeout(120_000)

const totals = (cpu: number, memory: number): Resource[] => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
]

/** The task definitions used, with what one task of each reserves. */
const FAMILIES = {
  small: { cpu: 256, memory: 256, port: undefined },
  large: { cpu: 1024, memory: 1536, port: undefined },
  web: { cpu: 128, memory: 128, port: 8080 },
} as const
type Family = keyof typeof FAMILIES

interface Instance {
  readonly ecs: ECSClient
  readonly cluster: string
  readonly agent: FakeAgent
  /** Re-registers the instance with `resources`, as an agent with saved state does. */
  reregister(resources: Resource[]): Promise<void>
  /** Drops the channel, re-registers with the same totals and reconnects (an agent restart). */
  restart(resources: Resource[]): Promise<void>
  /** RunTask of `family`; the new task's ARN, or undefined when it did not fit. */
  run(family: Family): Promise<string | undefined>
  remaining(): Promise<Resource[]>
}

async function setup(
  t: Test,
  server: RunningServer,
  ecs: ECSClient,
  cluster: string,
  resources: Resource[],
): Promise<Instance> {
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }))
  const cpu = resources[0]?.integerValue ?? 0
  const memory = resources[1]?.integerValue ?? 0
  const agent = await fakeAgent(t, server, { cluster, cpu, memory })
  const arn = agent.containerInstanceArn
  const describe = async () =>
    (await ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [arn] })))
      .containerInstances?.[0]
  const connected = async () => {
    for (let i = 0; i < 200 && (await describe())?.agentConnected !== true; i++)
      await new Promise(resolve => setTimeout(resolve, 10))
  }
  await agent.connect()
  await connected()
  const reregister = async (totalResources: Resource[]) => {
    await ecs.send(
      new RegisterContainerInstanceCommand({
        cluster,
        containerInstanceArn: arn,
        totalResources,
        versionInfo: { agentVersion: '1.90.0' },
      }),
    )
  }
  return {
    ecs,
    cluster,
    agent,
    reregister,
    async restart(totalResources) {
      await agent.close()
      await reregister(totalResources)
      await agent.connect()
      await connected()
    },
    async run(family) {
      const answer = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: family }))
      return answer.tasks?.[0]?.taskArn
    },
    async remaining() {
      return (await describe())?.remainingResources ?? []
    },
  }
}

async function registerFamilies(ecs: ECSClient): Promise<void> {
  for (const [family, r] of Object.entries(FAMILIES)) {
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family,
        containerDefinitions: [
          {
            name: 'main',
            image: 'busybox',
            cpu: r.cpu,
            memory: r.memory,
            ...(r.port === undefined
              ? {}
              : { portMappings: [{ containerPort: 80, hostPort: r.port }] }),
          },
        ],
      }),
    )
  }
}

const amount = (resources: Resource[], name: string) =>
  resources.find(r => r.name === name)?.integerValue ?? NaN
const ports = (resources: Resource[]) =>
  [...(resources.find(r => r.name === 'PORTS')?.stringSetValue ?? [])].sort()

t.test('an agent restarting under running tasks keeps their reservations', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  await registerFamilies(ecs)
  const instance = await setup(t, server, ecs, 'restart', totals(2048, 4096))
  const first = await instance.run('large')
  const second = await instance.run('web')
  t.ok(first !== undefined && second !== undefined, 'both placed')
  await instance.agent.report(second ?? '', 'RUNNING')
  await instance.restart(totals(2048, 4096))
  const afterRestart = await instance.remaining()
  t.equal(amount(afterRestart, 'CPU'), 2048 - 1024 - 128, 'CPU still held by both tasks')
  t.equal(amount(afterRestart, 'MEMORY'), 4096 - 1536 - 128)
  t.same(ports(afterRestart), ['22', '8080'], 'the static port still in use')
  await instance.agent.report(first ?? '', 'STOPPED')
  await instance.agent.report(second ?? '', 'STOPPED')
  const afterStops = await instance.remaining()
  t.same(
    [amount(afterStops, 'CPU'), amount(afterStops, 'MEMORY'), ports(afterStops)],
    [2048, 4096, ['22']],
    'everything back, and no more than registered',
  )
})

t.test(
  're-registered with less than its tasks hold: zero left, nothing placed until it fits',
  async t => {
    const server = await testServer(t)
    const ecs = client(server)
    await registerFamilies(ecs)
    const instance = await setup(t, server, ecs, 'smaller', totals(2048, 4096))
    const tasks = [await instance.run('large'), await instance.run('large')]
    t.ok(
      tasks.every(x => x !== undefined),
      'two large tasks placed',
    )
    await instance.reregister(totals(1024, 1024))
    const remaining = await instance.remaining()
    t.same([amount(remaining, 'CPU'), amount(remaining, 'MEMORY')], [0, 0], 'never negative')
    t.equal(await instance.run('small'), undefined, 'nothing more is placed')
    await instance.agent.report(tasks[0] ?? '', 'STOPPED')
    const oneLeft = await instance.remaining()
    t.same(
      [amount(oneLeft, 'CPU'), amount(oneLeft, 'MEMORY')],
      [0, 0],
      'one large task still holds more memory than is registered',
    )
    t.equal(await instance.run('small'), undefined, 'still nothing placed')
    await instance.agent.report(tasks[1] ?? '', 'STOPPED')
    const empty = await instance.remaining()
    t.same([amount(empty, 'CPU'), amount(empty, 'MEMORY')], [1024, 1024], 'the new totals')
    t.ok(await instance.run('small'), 'placed again once it fits')
  },
)

type Step =
  | { kind: 'run'; family: Family }
  | { kind: 'running' | 'stop'; index: number }
  | { kind: 're-register'; cpu: number; memory: number }
  | { kind: 'agent restart' }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<Family>('small', 'large', 'web')
      .map(family => ({ kind: 'run' as const, family })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('running' as const), index: fc.nat(12) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('stop' as const), index: fc.nat(12) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('re-register' as const),
      cpu: fc.constantFrom(512, 1024, 2048, 4096),
      memory: fc.constantFrom(512, 2048, 4096, 8192),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'agent restart' as const }) },
)

t.test(
  'property: remaining = registered - reservations of unstopped tasks, in 0..registered',
  async t => {
    const server = await testServer(t)
    const ecs = client(server)
    await registerFamilies(ecs)
    let runs = 0
    let steps = 0
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async sequence => {
        runs += 1
        let registered = totals(2048, 4096)
        const instance = await setup(t, server, ecs, `prop-${String(runs)}`, registered)
        const placed: { arn: string; family: Family }[] = []
        for (const step of sequence) {
          steps += 1
          if (step.kind === 'run') {
            const arn = await instance.run(step.family)
            if (arn !== undefined) placed.push({ arn, family: step.family })
          } else if (step.kind === 'running' || step.kind === 'stop') {
            const task = placed[step.index]
            if (task)
              await instance.agent.report(task.arn, step.kind === 'stop' ? 'STOPPED' : 'RUNNING')
          } else if (step.kind === 're-register') {
            registered = totals(step.cpu, step.memory)
            await instance.reregister(registered)
          } else await instance.restart(registered)
          // The server's own view of which tasks still hold their reservation.
          const described =
            placed.length === 0
              ? []
              : ((
                  await ecs.send(
                    new DescribeTasksCommand({
                      cluster: instance.cluster,
                      tasks: placed.map(p => p.arn),
                    }),
                  )
                ).tasks ?? [])
          const live = placed.filter(p =>
            described.some(d => d.taskArn === p.arn && d.lastStatus !== 'STOPPED'),
          )
          const remaining = await instance.remaining()
          for (const [name, key] of [
            ['CPU', 'cpu'],
            ['MEMORY', 'memory'],
          ] as const) {
            const total = amount(registered, name)
            const left = amount(remaining, name)
            const held = live.reduce((sum, p) => sum + FAMILIES[p.family][key], 0)
            if (left < 0 || left > total || left !== Math.max(0, total - held)) {
              t.fail(
                `${name} remaining ${String(left)}, want max(0, ${String(total)} - ${String(held)})`,
                {
                  sequence,
                },
              )
              return false
            }
          }
          const webLive = live.some(p => p.family === 'web')
          if (ports(remaining).includes('8080') !== webLive) return false
        }
        return true
      }),
      { numRuns: 25 },
    )
    t.ok(runs >= 25, `${String(runs)} random sequences, ${String(steps)} steps`)
  },
)
