// dockerd restarted under a running agent: the task's container dies with the daemon (no
// live-restore), the agent notices the event stream break, reconnects with back-off, learns the
// exit from Docker's state and reports the task STOPPED with the exit code; a task run afterwards
// reaches RUNNING, and its exit arrives over the resumed event stream. (On a host with live-restore
// the first task must instead stay RUNNING.) Runs alone (package.json `test`): the restart stops
// every container on the host.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ECS, type Task } from '@quayside/sdk'
import { startServer } from '@quayside/server'
import t from 'tap'
import { required, withExternal } from '../../../test/support/external.js'
import { startAgent } from '../../src/agent.js'
import { DockerodeRuntime } from '../../src/docker/dockerode-runtime.js'
import { clusterArn } from '../fixtures/cluster-arn.js'
import { CLUSTER_LABEL } from '../../src/docker/identity.js'
import type { EventsOptions, RuntimeEvent } from '../../src/docker/runtime.js'
import {
  answers,
  ensureDaemon,
  manageableDaemon,
  startDaemon,
  stopDaemon,
} from './fixtures/dockerd.js'

t.setTimeout(300_000)

const run = promisify(execFile)
const IMAGE = 'quayside/busybox:test'
const cluster = `quayside-restart-${randomBytes(4).toString('hex')}`

/** The real runtime, noting each time its event stream (re)connects. */
class WatchedRuntime extends DockerodeRuntime {
  readonly connections: Date[] = []
  override async *events(options?: EventsOptions): AsyncIterable<RuntimeEvent> {
    for await (const event of super.events(options)) {
      if (event.type === 'connected') this.connections.push(event.time)
      yield event
    }
  }
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>) {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`not within ${String(ms / 1000)} s: ${what}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

async function get(port: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await (await fetch(`http://127.0.0.1:${String(port)}/`)).text()
    } catch (error) {
      // httpd may still be binding its socket just after start
      if (attempt > 50) throw error
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  }
}

async function dockerExitCode(id: string): Promise<number> {
  const { stdout } = await run('docker', ['inspect', '--format', '{{.State.ExitCode}}', id])
  return Number(stdout.trim())
}

await withExternal(
  t,
  ['docker'],
  'dockerd restarted: the agent reconnects and reports',
  async t => {
    const daemon = await manageableDaemon()
    if (typeof daemon === 'string') {
      if (required().has('docker')) t.fail(`QUAYSIDE_REQUIRE has docker, but ${daemon}`)
      else t.plan(0, `skipped: ${daemon}`)
      return
    }
    // whatever happens below, leave a daemon answering for whatever runs next
    t.teardown(() => ensureDaemon(daemon.argv))
    const info = await run('docker', ['info', '--format', '{{.LiveRestoreEnabled}}'])
    const liveRestore = info.stdout.trim() === 'true'
    const others = (await run('docker', ['ps', '--format', '{{.Names}}'])).stdout.trim()
    if (others !== '') t.comment(`the restart also stops: ${others.split('\n').join(', ')}`)

    const dir = await mkdtemp(join(tmpdir(), 'agent-dockerd-'))
    t.teardown(() => rm(dir, { recursive: true, force: true }))
    const server = await startServer({ port: 0, dataDir: join(dir, 'db'), logFormat: 'none' })
    t.teardown(() => server.close())
    const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
    const ecs = new ECS({ endpoint: server.url, region: 'us-east-1', credentials })
    t.teardown(() => ecs.close())
    const runtime = new WatchedRuntime()
    t.teardown(async () => {
      for (const c of await runtime.listContainers({ [CLUSTER_LABEL]: clusterArn(cluster) }))
        await runtime.removeContainer(c.id, { force: true })
    })
    const errors: unknown[] = []
    const agent = await startAgent({
      endpoint: server.url,
      cluster,
      region: 'us-east-1',
      credentials,
      runtime,
      stateDir: join(dir, 'state'),
      metadataEndpoint: false,
      engine: { cleanupDelayMs: 10 * 60_000, stopTimeoutSeconds: 2 },
      backoffMs: 50,
      retryDelayMs: 50,
      onError: error => errors.push(error),
    })
    t.teardown(() => agent.close())
    t.equal(runtime.connections.length, 1, 'subscribed to Docker events')

    await ecs.registerTaskDefinition({
      family: 'restart',
      containerDefinitions: [
        {
          name: 'httpd',
          image: IMAGE,
          command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
          memory: 32,
          portMappings: [{ containerPort: 8080 }],
          // dockerd stops its containers on shutdown, giving each its stop timeout
          stopTimeout: 2,
        },
      ],
    })
    const runTask = async (): Promise<string> => {
      const { tasks, failures } = await ecs.runTask({ cluster, taskDefinition: 'restart' })
      const arn = tasks?.[0]?.taskArn
      if (arn === undefined) throw new Error(`RunTask placed nothing: ${JSON.stringify(failures)}`)
      return arn
    }
    const describe = async (arn: string) =>
      (await ecs.describeTasks({ cluster, tasks: [arn] })).tasks?.[0]
    const reaches = (arn: string, status: string) =>
      until<Task>(`${arn} ${status}`, 60_000, async () => {
        const task = await describe(arn)
        return task?.lastStatus === status ? task : undefined
      })
    const connected = async () => {
      const { containerInstances } = await ecs.describeContainerInstances({
        cluster,
        containerInstances: [agent.registration.containerInstanceArn],
      })
      return containerInstances?.[0]?.agentConnected === true
    }
    await until('agent connected', 15_000, async () => ((await connected()) ? true : undefined))

    const first = await runTask()
    const running = await reaches(first, 'RUNNING')
    const container = running.containers?.[0]
    const hostPort = container?.networkBindings?.[0]?.hostPort ?? 0
    t.match(await get(hostPort), /hello-quayside/, 'the task answers before the restart')

    await stopDaemon(daemon)
    t.notOk(await answers(), 'dockerd is down')
    // the agent keeps running and retrying while the Engine is away
    await new Promise(resolve => setTimeout(resolve, 1000))
    const restarted = Date.now()
    await startDaemon(daemon.argv)

    const reconnected = await until('the event stream reconnects', 60_000, () =>
      Promise.resolve(runtime.connections.length >= 2 ? runtime.connections.length : undefined),
    )
    t.ok(reconnected >= 2, `event stream re-subscribed (${String(reconnected)} connections)`)
    const after = (runtime.connections[1]?.getTime() ?? Number.NaN) - restarted
    t.comment(`re-subscribed ${String(after)} ms after dockerd was started again`)
    t.ok(
      errors.some(e => /DockerUnavailableError/.test((e as Error).name)),
      'the lost stream was reported',
    )

    if (liveRestore) {
      // the host keeps containers across daemon restarts: the task must still be RUNNING
      t.equal((await describe(first))?.lastStatus, 'RUNNING', 'still RUNNING (live-restore)')
      t.match(await get(hostPort), /hello-quayside/, 'and still answering')
    } else {
      const stopped = await reaches(first, 'STOPPED')
      const gone = stopped.containers?.[0]
      t.equal(stopped.stoppedReason, 'Essential container in task exited')
      t.equal(gone?.lastStatus, 'STOPPED')
      t.type(gone?.exitCode, 'number', 'an exit code is reported')
      t.equal(gone?.exitCode, await dockerExitCode(gone?.runtimeId ?? ''), "Docker's exit code")
      t.comment(`the first task: STOPPED, exit code ${String(gone?.exitCode)}`)
    }
    t.ok(await connected(), 'the instance stayed connected to the server throughout')

    const second = await runTask()
    const again = await reaches(second, 'RUNNING')
    const fresh = again.containers?.[0]
    t.not(fresh?.runtimeId, container?.runtimeId, 'a new container')
    t.match(await get(fresh?.networkBindings?.[0]?.hostPort ?? 0), /hello-quayside/)

    // a kill behind the agent's back can only be learnt from the event stream: proof it resumed
    const before = runtime.connections.length
    await run('docker', ['kill', fresh?.runtimeId ?? ''])
    const killed = await reaches(second, 'STOPPED')
    t.equal(killed.containers?.[0]?.exitCode, 137, 'SIGKILL seen through the event stream')
    t.equal(runtime.connections.length, before, 'without another reconnection')

    const unexpected = errors.filter(
      e => !/DockerUnavailableError|DockerTimeoutError|Cannot\w+Error/.test((e as Error).name),
    )
    t.same(unexpected.map(String), [], 'no other faults')
  },
)
