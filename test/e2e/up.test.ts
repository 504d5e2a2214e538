/**
 * `quayside up` as a user runs it: a child process with the server and an agent on the real
 * Docker Engine; the official AWS SDK runs an httpd task from the local test image, a real HTTP
 * request reaches it through its dynamic host port, and StopTask stops it.
 */
import {
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type Task,
} from '@aws-sdk/client-ecs'
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../support/external.js'

const root = resolve(import.meta.dirname, '../..')
const bin = join(root, 'bin/quayside.js')
const run = promisify(execFile)

/**
 * Removes every container an agent created for `cluster`: the label com.amazonaws.ecs.cluster
 * holds the cluster's name or ARN.
 */
async function removeContainers(cluster: string): Promise<void> {
  const { stdout } = await run('docker', [
    'ps',
    '-a',
    '--filter',
    'label=com.amazonaws.ecs.cluster',
    '--format',
    '{{.ID}} {{.Label "com.amazonaws.ecs.cluster"}}',
  ])
  const ids = stdout
    .split('\n')
    .map(line => line.split(' '))
    .filter(([, label]) => label === cluster || label?.endsWith(`:cluster/${cluster}`))
    .map(([id]) => id ?? '')
  if (ids.length > 0) await run('docker', ['rm', '-f', ...ids])
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${String(ms)} ms`)
    await new Promise(done => setTimeout(done, 200))
  }
}

await withExternal(
  t,
  ['docker'],
  'quayside up runs a task on Docker that answers HTTP',
  async t => {
    t.setTimeout(180_000)
    const dataDir = await mkdtemp(join(tmpdir(), 'quayside-up-'))
    const cluster = `e2e-up-${String(process.pid)}`
    const child = spawn(
      process.execPath,
      [bin, 'up', '--port', '0', '--data-dir', dataDir, '--cluster', cluster],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const exited = new Promise<number | null>(done => child.once('exit', done))
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    t.teardown(async () => {
      child.kill('SIGTERM')
      await exited
      await removeContainers(cluster)
      await rm(dataDir, { recursive: true, force: true })
    })

    const url = await until('the endpoint line', async () => {
      if (child.exitCode !== null) throw new Error(`quayside up exited: ${stderr}`)
      return Promise.resolve(/^endpoint:\s+(\S+)/m.exec(stdout)?.[1])
    })
    t.match(stdout, /store opened/)
    t.match(stdout, /server listening on/)
    t.match(stdout, /agent registered in cluster \S+ with \d+ CPU units and \d+ MiB/)
    t.match(stdout, /aws ecs list-clusters --endpoint-url http/)

    const ecs = new ECSClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    t.teardown(() => {
      ecs.destroy()
    })
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'e2e-httpd',
        containerDefinitions: [
          {
            name: 'web',
            image: 'quayside/busybox:test',
            command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
            memory: 32,
            essential: true,
            // httpd as PID 1 ignores SIGTERM: keep the SIGKILL wait short
            stopTimeout: 2,
            portMappings: [{ containerPort: 8080 }],
          },
        ],
      }),
    )
    const started = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: 'e2e-httpd' }))
    t.same(started.failures, [])
    const taskArn = started.tasks?.[0]?.taskArn ?? ''
    t.match(taskArn, /:task\//)

    const describe = async (): Promise<Task | undefined> =>
      (await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }))).tasks?.[0]
    const running = await until('RUNNING', async () => {
      const task = await describe()
      return task?.lastStatus === 'RUNNING' ? task : undefined
    })
    const binding = running.containers?.[0]?.networkBindings?.[0]
    t.equal(binding?.containerPort, 8080)
    const hostPort = binding?.hostPort ?? 0
    t.ok(hostPort > 0, 'a dynamic host port is bound')

    const { stdout: ids } = await run('docker', [
      'ps',
      '-q',
      '--filter',
      `label=com.amazonaws.ecs.task-arn=${taskArn}`,
    ])
    const id = ids.trim()
    t.equal(id.split('\n').length, 1, 'one container for the task')
    const { stdout: inspected } = await run('docker', ['inspect', id])
    const [details] = JSON.parse(inspected) as {
      Config: { Labels: Record<string, string> }
      HostConfig: { Memory: number }
    }[]
    t.match(details?.Config.Labels, {
      'com.amazonaws.ecs.container-name': 'web',
      'com.amazonaws.ecs.task-definition-family': 'e2e-httpd',
      'com.amazonaws.ecs.cluster': new RegExp(cluster),
    })
    t.equal(details?.HostConfig.Memory, 32 * 1024 * 1024, 'memory limit')

    const answer = await fetch(`http://127.0.0.1:${String(hostPort)}/`)
    t.equal(answer.status, 200)
    t.match(await answer.text(), /hello-quayside/)

    await ecs.send(new StopTaskCommand({ cluster, task: taskArn, reason: 'e2e done' }))
    const stopped = await until('STOPPED', async () => {
      const task = await describe()
      return task?.lastStatus === 'STOPPED' ? task : undefined
    })
    t.equal(stopped.stoppedReason, 'e2e done')
    t.type(stopped.containers?.[0]?.exitCode, 'number')

    child.kill('SIGTERM')
    t.equal(await exited, 0, 'SIGTERM stops quayside up cleanly')
  },
)
