// The engine against the real Docker Engine: tasks become containers that answer HTTP, exit,
// ignore SIGTERM, fail to pull, wait for each other, and survive an agent restart. Needs the
// local image quayside/busybox:test (busybox with httpd and /www); never pulls from a registry.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { DockerodeRuntime } from '../../src/docker/dockerode-runtime.js'
import { CLUSTER_LABEL, TASK_ARN_LABEL } from '../../src/docker/identity.js'
import { TaskEngine } from '../../src/engine/task-engine.js'
import type { ContainerDefinition, EngineTask, Volume } from '../../src/task-definition.js'
import { recorder, type Change, type Recorder } from '../fixtures/recorder.js'

t.setTimeout(240_000)

const run = promisify(execFile)
const IMAGE = 'quayside/busybox:test'
const cluster = `quayside-itest-${randomBytes(4).toString('hex')}`

const created: string[] = []

function task(
  family: string,
  containers: ContainerDefinition[],
  volumes: Volume[] = [],
): EngineTask {
  const arn = `arn:aws:ecs:us-east-1:000000000000:task/${cluster}/${randomBytes(16).toString('hex')}`
  created.push(arn)
  return {
    arn,
    cluster,
    desiredStatus: 'RUNNING',
    definition: { family, revision: 1, containerDefinitions: containers, volumes },
  }
}

const taskIs = (arn: string, status: string) => (c: Change) =>
  c.kind === 'task' && c.change.taskArn === arn && c.change.status === status

async function until(rec: Recorder, arn: string, status: string) {
  const change = await rec.until(taskIs(arn, status), 60_000)
  if (change.kind !== 'task') throw new Error('unreachable')
  return change.change
}

/** The parts of `docker inspect` output checked here. */
interface Inspected {
  readonly Name: string
  readonly Config: { readonly Labels: Record<string, string>; readonly Env: string[] }
  readonly HostConfig: {
    readonly CpuShares: number
    readonly Memory: number
    readonly MemoryReservation: number
    readonly NanoCpus: number
    readonly PortBindings: unknown
  }
  readonly State: { readonly StartedAt: string; readonly FinishedAt: string }
}

async function dockerInspect(id: string): Promise<Inspected> {
  const { stdout } = await run('docker', ['inspect', id])
  return (JSON.parse(stdout) as Inspected[])[0]!
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise(resolve => server.close(resolve))
  return port
}

async function get(port: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await (await fetch(`http://127.0.0.1:${port}/`)).text()
    } catch (error) {
      // httpd may still be binding its socket just after start
      if (attempt > 50) throw error
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  }
}

/** Removes every container (and task volume) this file created, found by label. */
async function removeEverything(runtime: DockerodeRuntime): Promise<void> {
  for (const c of await runtime.listContainers({ [CLUSTER_LABEL]: cluster })) {
    await runtime.removeContainer(c.id, { force: true })
  }
  for (const arn of created) {
    const filter = `label=${TASK_ARN_LABEL}=${arn}`
    const { stdout } = await run('docker', ['volume', 'ls', '-q', '--filter', filter])
    for (const name of stdout.split('\n').filter(Boolean))
      await run('docker', ['volume', 'rm', '-f', name])
  }
}

await withExternal(t, ['docker'], 'tasks run as real containers', async t => {
  const runtime = new DockerodeRuntime()
  const rec = recorder()
  const errors: unknown[] = []
  const newEngine = () =>
    new TaskEngine({
      runtime,
      reporter: rec,
      config: { cleanupDelayMs: 10 * 60_000, stopTimeoutSeconds: 10, region: 'us-east-1' },
      onError: error => errors.push(error),
    })
  const engine = newEngine()
  t.teardown(async () => {
    await engine.close()
    await removeEverything(runtime)
  })
  await engine.start()

  await t.test('an httpd task with a dynamic and a static port answers HTTP', async t => {
    const staticPort = await freePort()
    const web = task('web', [
      {
        name: 'httpd',
        image: IMAGE,
        command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
        cpu: 256,
        memory: 64,
        memoryReservation: 32,
        portMappings: [{ containerPort: 8080 }, { containerPort: 8080, hostPort: staticPort }],
        dockerLabels: { team: 'quayside' },
        stopTimeout: 1,
      },
    ])
    const manager = engine.addTask(web)
    const running = await until(rec, web.arn, 'RUNNING')
    const container = running.containers[0]!
    const dynamic = container.networkBindings.find(b => b.hostPort !== staticPort)
    t.same(
      container.networkBindings.map(b => [b.bindIP, b.containerPort, b.protocol]),
      [
        ['0.0.0.0', 8080, 'tcp'],
        ['0.0.0.0', 8080, 'tcp'],
      ],
    )
    t.ok(dynamic && dynamic.hostPort > 0, 'Docker chose a dynamic port')
    t.match(await get(dynamic!.hostPort), /hello-quayside/)
    t.match(await get(staticPort), /hello-quayside/)

    const inspected = await dockerInspect(container.runtimeId!)
    t.match(inspected.Name, /^\/ecs-web-1-httpd-[0-9a-f]{20}$/)
    t.match(inspected.Config.Labels, {
      team: 'quayside',
      [TASK_ARN_LABEL]: web.arn,
      'com.amazonaws.ecs.container-name': 'httpd',
      'com.amazonaws.ecs.task-definition-family': 'web',
      'com.amazonaws.ecs.task-definition-version': '1',
      [CLUSTER_LABEL]: cluster,
    })
    t.equal(inspected.HostConfig.CpuShares, 256)
    t.equal(inspected.HostConfig.Memory, 64 * 1024 * 1024)
    t.equal(inspected.HostConfig.MemoryReservation, 32 * 1024 * 1024)
    t.same(inspected.HostConfig.PortBindings, {
      '8080/tcp': [
        { HostIp: '', HostPort: '' },
        { HostIp: '', HostPort: String(staticPort) },
      ],
    })
    t.ok(inspected.Config.Env.includes('AWS_EXECUTION_ENV=AWS_ECS_EC2'))
    engine.stopTask(web.arn)
    await until(rec, web.arn, 'STOPPED')
    manager.cleanupNow()
    await manager.run()
    t.same(await runtime.listContainers({ [TASK_ARN_LABEL]: web.arn }), [], 'cleaned up')
  })

  await t.test('a containerPortRange is bound to a contiguous host range', async t => {
    const ranged = task('ranged', [
      {
        name: 'httpd',
        image: IMAGE,
        command: ['httpd', '-f', '-p', '8081', '-h', '/www'],
        portMappings: [{ containerPortRange: '8080-8082' }],
        stopTimeout: 1,
      },
    ])
    engine.addTask(ranged)
    const running = await until(rec, ranged.arn, 'RUNNING')
    const bindings = running.containers[0]!.networkBindings
    t.same(
      bindings.map(b => b.containerPort),
      [8080, 8081, 8082],
    )
    const first = bindings[0]!.hostPort
    t.same(
      bindings.map(b => b.hostPort),
      [first, first + 1, first + 2],
      'contiguous host ports',
    )
    t.match(await get(first + 1), /hello-quayside/, 'the middle port answers')
    engine.stopTask(ranged.arn)
    await until(rec, ranged.arn, 'STOPPED')
  })

  await t.test('task-level cpu and memory become the container limits', async t => {
    const limited = task('limited', [
      { name: 'main', image: IMAGE, command: ['sleep', '600'], stopTimeout: 1 },
    ])
    const withLimits: EngineTask = {
      ...limited,
      definition: { ...limited.definition, cpu: '512', memory: '96' },
    }
    engine.addTask(withLimits)
    const running = await until(rec, limited.arn, 'RUNNING')
    const inspected = await dockerInspect(running.containers[0]!.runtimeId!)
    t.equal(inspected.HostConfig.Memory, 96 * 1024 * 1024)
    t.equal(inspected.HostConfig.NanoCpus, 500_000_000)
    engine.stopTask(limited.arn)
    await until(rec, limited.arn, 'STOPPED')
  })

  await t.test('an essential container exiting 3 stops the task with exit code 3', async t => {
    const job = task('exit', [
      { name: 'main', image: IMAGE, command: ['sh', '-c', 'sleep 1; exit 3'] },
      { name: 'side', image: IMAGE, command: ['sleep', '600'], essential: false, stopTimeout: 1 },
    ])
    engine.addTask(job)
    const stopped = await until(rec, job.arn, 'STOPPED')
    t.equal(stopped.stopCode, 'EssentialContainerExited')
    t.equal(stopped.reason, 'Essential container in task exited')
    t.same(
      stopped.containers.map(c => [c.containerName, c.status, c.exitCode]),
      [
        ['main', 'STOPPED', 3],
        ['side', 'STOPPED', 137],
      ],
    )
  })

  await t.test('a process ignoring SIGTERM is killed after stopTimeout', async t => {
    const stubborn = task('stubborn', [
      {
        name: 'main',
        image: IMAGE,
        command: ['sh', '-c', 'trap "" TERM; sleep 600'],
        stopTimeout: 2,
      },
    ])
    engine.addTask(stubborn)
    await until(rec, stubborn.arn, 'RUNNING')
    const started = Date.now()
    engine.stopTask(stubborn.arn, 'test stop')
    const stopped = await until(rec, stubborn.arn, 'STOPPED')
    const elapsed = Date.now() - started
    t.ok(elapsed >= 1900 && elapsed < 8000, `killed after ${elapsed} ms`)
    t.equal(stopped.containers[0]?.exitCode, 137, 'SIGKILL')
    t.equal(stopped.stopCode, 'UserInitiated')
  })

  await t.test('an image that cannot be pulled fails with CannotPullContainerError', async t => {
    // A closed loopback port: the pull fails at once and no registry is ever contacted.
    const missing = task('missing', [{ name: 'main', image: '127.0.0.1:1/quayside-missing:nope' }])
    engine.addTask(missing)
    const stopped = await until(rec, missing.arn, 'STOPPED')
    t.match(stopped.reason, /^CannotPullContainerError: /)
    t.match(stopped.containers[0]?.reason, /^CannotPullContainerError: /)
    t.equal(stopped.stopCode, 'TaskFailedToStart')
  })

  await t.test(
    'dependsOn SUCCESS: the init container finishes before the main one starts',
    async t => {
      const ordered = task(
        'ordered',
        [
          {
            name: 'init',
            image: IMAGE,
            essential: false,
            command: ['sh', '-c', 'sleep 1; echo ready > /data/ready'],
            mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }],
          },
          {
            name: 'main',
            image: IMAGE,
            // Exits 9 (stopping the task) if it ever starts before init wrote the file.
            command: ['sh', '-c', 'test -f /data/ready || exit 9; sleep 600'],
            mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: true }],
            dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
            stopTimeout: 1,
          },
        ],
        [{ name: 'data' }],
      )
      const manager = engine.addTask(ordered)
      const running = await until(rec, ordered.arn, 'RUNNING')
      t.same(
        running.containers.map(c => [c.containerName, c.status, c.exitCode]),
        [
          ['init', 'STOPPED', 0],
          ['main', 'RUNNING', undefined],
        ],
      )
      const init = await dockerInspect(running.containers[0]!.runtimeId!)
      const main = await dockerInspect(running.containers[1]!.runtimeId!)
      t.ok(
        Date.parse(init.State.FinishedAt) <= Date.parse(main.State.StartedAt),
        'init finished first',
      )
      engine.stopTask(ordered.arn)
      await until(rec, ordered.arn, 'STOPPED')
      const volumes = async () =>
        (
          await run('docker', [
            'volume',
            'ls',
            '-q',
            '--filter',
            `label=${TASK_ARN_LABEL}=${ordered.arn}`,
          ])
        ).stdout.trim()
      t.not(await volumes(), '', 'the task volume exists until cleanup')
      manager.cleanupNow()
      await manager.run()
      t.equal(await volumes(), '', 'and is removed with the containers')
    },
  )

  await t.test('the restart policy restarts an exited container in place', async t => {
    const flaky = task('flaky', [
      {
        name: 'main',
        image: IMAGE,
        command: ['sh', '-c', 'sleep 2; exit 1'],
        restartPolicy: { enabled: true, restartAttemptPeriod: 1 },
        stopTimeout: 1,
      },
    ])
    const manager = engine.addTask(flaky)
    const running = await until(rec, flaky.arn, 'RUNNING')
    const id = running.containers[0]!.runtimeId!
    const deadline = Date.now() + 30_000
    while (manager.state.containers[0]!.restartCount < 1 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    t.ok(manager.state.containers[0]!.restartCount >= 1, 'restarted')
    t.equal(manager.state.containers[0]!.runtimeId, id, 'the same container')
    t.equal(manager.state.known, 'RUNNING', 'the task kept running')
    t.equal((await runtime.listContainers({ [TASK_ARN_LABEL]: flaky.arn })).length, 1)
    engine.stopTask(flaky.arn)
    await until(rec, flaky.arn, 'STOPPED')
  })

  await t.test('a dependency not healthy within its startTimeout stops the task', async t => {
    const stuck = task('stuck', [
      {
        name: 'db',
        image: IMAGE,
        essential: false,
        command: ['sleep', '600'],
        healthCheck: { command: ['CMD', 'false'], interval: 60, startPeriod: 60 },
        startTimeout: 2,
        stopTimeout: 1,
      },
      {
        name: 'app',
        image: IMAGE,
        command: ['sleep', '600'],
        dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }],
      },
    ])
    const started = Date.now()
    engine.addTask(stuck)
    const stopped = await until(rec, stuck.arn, 'STOPPED')
    t.ok(Date.now() - started >= 2000, 'after the start timeout')
    t.equal(stopped.stopCode, 'TaskFailedToStart')
    t.equal(stopped.reason, 'dependency db (HEALTHY) was not met within its startTimeout of 2 s')
    t.equal(stopped.containers[1]?.runtimeId, undefined, 'app was never created')
  })

  await t.test(
    'after an agent restart the same containers are found by label, no duplicate',
    async t => {
      const durable = task('durable', [
        { name: 'a', image: IMAGE, command: ['sleep', '600'], stopTimeout: 1 },
        { name: 'b', image: IMAGE, command: ['sleep', '600'], stopTimeout: 1, essential: false },
      ])
      const first = newEngine()
      await first.start()
      first.addTask(durable)
      await until(rec, durable.arn, 'RUNNING')
      const before = (await runtime.listContainers({ [TASK_ARN_LABEL]: durable.arn }))
        .map(c => c.id)
        .sort()
      await first.close() // the agent goes away; its containers keep running

      rec.changes.length = 0
      const second = newEngine()
      t.teardown(() => second.close())
      await second.start()
      const result = await second.restore([durable], cluster)
      t.same(result.restored, [durable.arn])
      const running = await until(rec, durable.arn, 'RUNNING')
      const after = (await runtime.listContainers({ [TASK_ARN_LABEL]: durable.arn }))
        .map(c => c.id)
        .sort()
      t.same(after, before, 'the same two containers, none created')
      t.same(running.containers.map(c => c.runtimeId).sort(), before)
      second.stopTask(durable.arn)
      await until(rec, durable.arn, 'STOPPED')
    },
  )

  t.same(errors, [], 'no unexpected faults')
})
