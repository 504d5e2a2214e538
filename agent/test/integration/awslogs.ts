// The awslogs driver on the real Docker Engine against a real server: a task's output, shipped
// by the agent over its channel, is read back with the AWS CLI (`aws logs get-log-events` and
// `filter-log-events` with a JSON pattern), and a task whose group does not exist (without
// awslogs-create-group) is stopped with the driver's reason. Needs the local image
// quayside/busybox:test, and the AWS CLI for the reading part.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { startAgent } from '../../src/agent.js'
import { dockerCluster } from '../fixtures/docker-cluster.js'
import { until as poll } from '../fixtures/until.js'

t.setTimeout(180_000)

const run = promisify(execFile)
const until = <T>(what: string, probe: () => Promise<T | undefined>) =>
  poll(what, probe, { withinMs: 60_000, everyMs: 200 })

const SCRIPT = [
  'echo hello-from-task',
  `echo '{"level":"error","n":2}'`,
  `echo '{"level":"info","n":3}'`,
  'echo on-stderr >&2',
  'sleep 600',
].join('; ')

await withExternal(t, ['docker'], 'awslogs on the real Docker Engine', async t => {
  const group = `/ecs/awslogs-${String(process.pid)}`
  const host = await dockerCluster(t, 'awslogs', {
    command: ['sh', '-c', SCRIPT],
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': group,
        'awslogs-stream-prefix': 'app',
        'awslogs-create-group': 'true',
        'awslogs-region': 'us-east-1',
      },
    },
  })
  const agent = await startAgent(host.options)
  t.teardown(() => agent.close())
  await until('connected', host.connected(agent.registration.containerInstanceArn))
  const { arn } = await host.runTask()
  const stream = `app/main/${arn.slice(arn.lastIndexOf('/') + 1)}`

  await withExternal(t, ['awscli'], 'aws logs reads the output', async t => {
    const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
      const { stdout } = await run(
        'aws',
        ['logs', ...args, '--endpoint-url', host.server.url, '--output', 'json'],
        {
          timeout: 30_000,
          env: {
            ...process.env,
            AWS_ACCESS_KEY_ID: 'test',
            AWS_SECRET_ACCESS_KEY: 'test',
            AWS_DEFAULT_REGION: 'us-east-1',
            AWS_CONFIG_FILE: '/dev/null',
            AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
            AWS_EC2_METADATA_DISABLED: 'true',
          },
        },
      )
      return JSON.parse(stdout) as Record<string, unknown>
    }
    const messages = await until('four lines read back', async () => {
      const answer = await aws(
        'get-log-events',
        '--log-group-name',
        group,
        '--log-stream-name',
        stream,
        '--start-from-head',
      ).catch(() => undefined)
      const events = (answer?.['events'] ?? []) as { message: string }[]
      return events.length >= 4 ? events.map(e => e.message) : undefined
    })
    t.same(
      messages.filter(m => m !== 'on-stderr'),
      ['hello-from-task', '{"level":"error","n":2}', '{"level":"info","n":3}'],
      'stdout in order, whole lines',
    )
    t.ok(messages.includes('on-stderr'), 'stderr too')
    const filtered = await aws(
      'filter-log-events',
      '--log-group-name',
      group,
      '--filter-pattern',
      '{ $.level = "error" }',
    )
    t.same(
      (filtered['events'] as { message: string; logStreamName: string }[]).map(e => [
        e.logStreamName,
        e.message,
      ]),
      [[stream, '{"level":"error","n":2}']],
    )
  })

  await t.test('a missing group without awslogs-create-group stops the task', async t => {
    await host.ecs.registerTaskDefinition({
      family: 'awslogs-nogroup',
      containerDefinitions: [
        {
          name: 'main',
          image: 'quayside/busybox:test',
          command: ['sleep', '600'],
          memory: 32,
          stopTimeout: 1,
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': 'missing-group', 'awslogs-stream-prefix': 'x' },
          },
        },
      ],
    })
    const started = await host.ecs.runTask({
      cluster: host.cluster,
      taskDefinition: 'awslogs-nogroup',
    })
    const task = await until('STOPPED', host.taskIn(started.tasks?.[0]?.taskArn ?? '', 'STOPPED'))
    t.match(task.stoppedReason, /ResourceNotFoundException: The specified log group does not exist/)
  })
})
