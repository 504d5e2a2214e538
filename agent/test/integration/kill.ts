// The agent killed with SIGKILL (no chance to detach or flush anything) and started again from
// the same state dir, against a real server and the real Docker Engine: the records it wrote
// while running are what the new process relies on. Needs the local image quayside/busybox:test.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { TASK_ARN_LABEL } from '../../src/docker/identity.js'
import { dockerCluster } from '../fixtures/docker-cluster.js'
import { until as poll } from '../fixtures/until.js'

t.setTimeout(180_000)

const until = <T>(what: string, probe: () => Promise<T | undefined>) =>
  poll(what, probe, { withinMs: 60_000, everyMs: 100 })

const run = promisify(execFile)
const FIXTURE = fileURLToPath(new URL('../fixtures/agent-process.ts', import.meta.url))

await withExternal(t, ['docker'], 'an agent killed with SIGKILL', async t => {
  const host = await dockerCluster(t, 'kill')
  const { cluster, dir, server, ecs, runtime } = host
  const children = new Set<ChildProcess>()
  t.teardown(() => {
    for (const child of children) child.kill('SIGKILL')
  })

  /** Starts the agent process; resolves with it once registered. */
  async function agentProcess(): Promise<{ child: ChildProcess; instance: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: {
        ...process.env,
        QUAYSIDE_TEST_ENDPOINT: server.url,
        QUAYSIDE_TEST_CLUSTER: cluster,
        QUAYSIDE_TEST_STATE_DIR: join(dir, 'state'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.add(child)
    const instance = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8')
        const match = /registered (\S+)/.exec(out)
        if (match?.[1]) resolve(match[1])
      })
      child.once('exit', code => {
        reject(new Error(`the agent process exited (${String(code)}) before registering`))
      })
    })
    return { child, instance }
  }
  const kill = async (child: ChildProcess) => {
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    children.delete(child)
  }
  const status = host.taskIn
  const containersOf = async (arn: string) =>
    (await runtime.listContainers({ [TASK_ARN_LABEL]: arn })).map(c => c.id)

  const first = await agentProcess()
  await until('connected', host.connected(first.instance))
  const started = await ecs.startTask({
    cluster,
    taskDefinition: 'kill',
    containerInstances: [first.instance, first.instance],
  })
  const [kept, removed] = (started.tasks ?? []).map(task => task.taskArn ?? '')
  const running = await Promise.all([
    until('kept RUNNING', status(kept!, 'RUNNING')),
    until('removed RUNNING', status(removed!, 'RUNNING')),
  ])
  await kill(first.child)

  const keptIds = await containersOf(kept!)
  t.equal(keptIds.length, 1)
  await run('docker', ['rm', '-f', running[1].containers?.[0]?.runtimeId ?? ''])

  const second = await agentProcess()
  t.equal(second.instance, first.instance, 'the same container instance')
  const stopped = await until('removed STOPPED', status(removed!, 'STOPPED'))
  t.equal(
    stopped.containers?.[0]?.reason,
    'ContainerVanishedError: No container matching saved ID found',
  )
  t.same(await containersOf(removed!), [], 'the removed container was not created again')
  t.equal((await host.describeTask(kept!))?.lastStatus, 'RUNNING', 'the other task runs on')
  t.same(await containersOf(kept!), keptIds, 'in the same container, no duplicate')

  await ecs.stopTask({ cluster, task: kept!, reason: 'done' })
  await until('kept STOPPED', status(kept!, 'STOPPED'))
  await kill(second.child)
})
