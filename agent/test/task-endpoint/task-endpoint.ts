import { request } from 'node:http'
import { createServer } from 'node:net'
import t, { type Test } from 'tap'
import type { RoleCredentials } from '@quayside/openapi/agent-protocol'
import type { TaskState } from '../../src/engine/task-state.js'
import type { EngineTask } from '../../src/task-definition.js'
import { TaskEndpoint, type TaskEndpointOptions } from '../../src/task-endpoint/task-endpoint.js'
import { fakeRuntime } from '../fixtures/fake-runtime.js'
import { TASK_ARN, containerDef, containerState, fakeTask, taskState } from '../fixtures/tasks.js'

const ROLE = 'arn:aws:iam::000000000000:role/app'
const OTHER_ARN = TASK_ARN.replace(/[0-9a-f]{32}$/, 'f'.repeat(32))
const KEYS: RoleCredentials = {
  roleArn: ROLE,
  accessKeyId: 'QSAKROLE',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: '2026-01-01T06:00:00.000Z',
}

/** `method url`: status and parsed body. */
function get(url: string, method = 'GET'): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, response => {
      let text = ''
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

async function setup(t: Test, dir: string, extra: Partial<TaskEndpointOptions> = {}) {
  const tasks = new Map<string, { task: EngineTask; state: TaskState }>()
  const lines: string[] = []
  const errors: unknown[] = []
  const runtime = { ...fakeRuntime(), bridgeGateway: () => Promise.resolve('127.0.0.2') }
  const endpoint = await TaskEndpoint.start({
    runtime,
    lookup: arn => tasks.get(arn),
    credentials: arn =>
      arn === TASK_ARN ? Promise.resolve(KEYS) : Promise.reject(new Error('refused')),
    stateDir: dir,
    log: line => lines.push(line),
    onError: error => errors.push(error),
    ...extra,
  })
  t.teardown(() => endpoint.close())
  return { endpoint, tasks, lines, errors, runtime }
}

t.test('environment: the URIs a container is given, per network mode and role', async t => {
  const { endpoint } = await setup(t, t.testdir())
  const base = (host: string) => `http://${host}:${String(endpoint.port)}`
  const bridge = endpoint.environment(fakeTask([containerDef('web')]), 'web')
  t.match(bridge, {
    ECS_CONTAINER_METADATA_URI_V4: new RegExp(`^${base('127.0.0.2')}/v4/[0-9a-f]{32}$`),
    ECS_CONTAINER_METADATA_URI: new RegExp(`^${base('127.0.0.2')}/v3/[0-9a-f]{32}$`),
  })
  t.notOk('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' in bridge, 'no role: no credentials')
  const host = endpoint.environment(
    fakeTask([containerDef('web')], { networkMode: 'host', taskRoleArn: ROLE }),
    'web',
  )
  t.match(host, {
    ECS_CONTAINER_METADATA_URI_V4: new RegExp(`^${base('127.0.0.1')}/v4/`),
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: /^\/v2\/credentials\/[0-9a-f]{32}$/,
  })
  t.equal(
    host['AWS_CONTAINER_CREDENTIALS_FULL_URI'],
    `${base('127.0.0.1')}${host['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] ?? ''}`,
  )
  t.strictSame(endpoint.environment(fakeTask([], { networkMode: 'none' }), 'web'), {})
})

t.test('metadata: each container sees its own task only; other ids and paths 404', async t => {
  const { endpoint, tasks, runtime } = await setup(t, t.testdir())
  const task = fakeTask(
    [containerDef('web'), containerDef('db')],
    {},
    {
      tags: [{ key: 'team', value: 'a' }],
    },
  )
  const id = await runtime.createContainer({
    name: 'ecs-fam-3-web-00',
    Image: 'busybox',
    Labels: {},
    HostConfig: { NetworkMode: 'bridge', CpuShares: 2 },
  })
  const state = taskState(
    [containerState('web', { known: 'RUNNING', runtimeId: id }), containerState('db')],
    { known: 'RUNNING' },
  )
  tasks.set(TASK_ARN, { task, state })
  const other = fakeTask([containerDef('web')], {}, { arn: OTHER_ARN })
  tasks.set(OTHER_ARN, { task: other, state: taskState([containerState('web')]) })
  const mine = endpoint.environment(task, 'web')['ECS_CONTAINER_METADATA_URI_V4'] ?? ''
  const v3 = endpoint.environment(task, 'web')['ECS_CONTAINER_METADATA_URI'] ?? ''
  const theirs = endpoint.environment(other, 'web')['ECS_CONTAINER_METADATA_URI_V4'] ?? ''
  const local = (uri: string) => uri.replace('127.0.0.2', '127.0.0.1')

  t.match(await get(local(mine)), {
    status: 200,
    body: { DockerId: id, Name: 'web', KnownStatus: 'RUNNING', ImageID: /./ },
  })
  const whole = await get(`${local(mine)}/task`)
  t.match(whole, {
    status: 200,
    body: { TaskARN: TASK_ARN, Family: 'fam', Revision: '3', Containers: [{}, { Name: 'db' }] },
  })
  t.notOk('TaskTags' in (whole.body as object))
  t.match(await get(`${local(mine)}/taskWithTags`), { body: { TaskTags: { team: 'a' } } })
  t.match(await get(`${local(v3)}/task`), { status: 200, body: { TaskARN: TASK_ARN } })
  t.match(await get(`${local(mine)}/stats`), { status: 200, body: { id, memory_stats: {} } })
  t.match(await get(`${local(mine)}/task/stats`), { status: 200, body: { [id]: { id } } })
  t.match(await get(`${local(theirs)}/task`), { body: { TaskARN: OTHER_ARN } })
  t.strictSame(await get(`${local(theirs)}/stats`), { status: 200, body: {} }, 'not created')

  const port = String(endpoint.port)
  const rows: { given: [string, string?]; want: number }[] = [
    { given: [`http://127.0.0.1:${port}/v4/${'0'.repeat(32)}/task`], want: 404 },
    { given: [`${local(mine)}/elsewhere`], want: 404 },
    { given: [`http://127.0.0.1:${port}/`], want: 404 },
    { given: [`${local(mine)}/task`, 'POST'], want: 405 },
  ]
  for (const { given, want } of rows) t.equal((await get(...given)).status, want, given.join(' '))
  tasks.delete(TASK_ARN)
  t.equal((await get(local(mine))).status, 404, 'a task no longer managed')
})

t.test('credentials: the role key for the task of the id, 4xx for anything else', async t => {
  const { endpoint, tasks, errors } = await setup(t, t.testdir())
  const task = fakeTask([containerDef('web')], { taskRoleArn: ROLE })
  const other = fakeTask([containerDef('web')], { taskRoleArn: ROLE }, { arn: OTHER_ARN })
  tasks.set(TASK_ARN, { task, state: taskState([containerState('web')], { known: 'RUNNING' }) })
  tasks.set(OTHER_ARN, { task: other, state: taskState([containerState('web')]) })
  const uri = (of: EngineTask) =>
    (endpoint.environment(of, 'web')['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '').replace(
      '127.0.0.2',
      '127.0.0.1',
    )
  t.strictSame(await get(uri(task)), {
    status: 200,
    body: {
      RoleArn: ROLE,
      AccessKeyId: 'QSAKROLE',
      SecretAccessKey: 'secret',
      Token: 'token',
      Expiration: '2026-01-01T06:00:00.000Z',
    },
  })
  t.match(await get(uri(other)), { status: 500, body: { code: 'InternalServerError' } })
  t.equal(errors.length, 1, 'the refusal is logged')
  const unknown = `http://127.0.0.1:${String(endpoint.port)}/v2/credentials/${'0'.repeat(32)}`
  t.match(await get(unknown), { status: 400, body: { code: 'InvalidIdInRequest' } })
  tasks.set(TASK_ARN, { task, state: taskState([containerState('web')], { known: 'STOPPED' }) })
  t.equal((await get(uri(task))).status, 400, 'a stopped task has no credentials')
})

t.test('restarts keep the port and ids; a taken port or gateway is reported', async t => {
  const dir = t.testdir()
  const task = fakeTask([containerDef('web')])
  const first = await setup(t, dir)
  const before = first.endpoint.environment(task, 'web')
  await first.endpoint.close()
  const again = await setup(t, dir)
  t.strictSame(again.endpoint.environment(task, 'web'), before, 'same URIs after a restart')
  await again.endpoint.close()

  const squatter = createServer()
  await new Promise<void>(resolve => squatter.listen(first.endpoint.port, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise<void>(resolve => {
        squatter.close(() => {
          resolve()
        })
      }),
  )
  const moved = await setup(t, dir)
  t.not(moved.endpoint.port, first.endpoint.port)
  t.match(moved.lines, [/port \d+ is taken/])

  const noBridge = await setup(t, t.testdir(), {
    runtime: { ...fakeRuntime(), bridgeGateway: () => Promise.resolve('192.0.2.254') },
  })
  t.match(noBridge.lines, [/cannot listen on the Docker bridge 192\.0\.2\.254/])
  t.strictSame(noBridge.endpoint.environment(task, 'web'), {}, 'bridge containers get nothing')
  const failing = await setup(t, t.testdir(), {
    runtime: { ...fakeRuntime(), bridgeGateway: () => Promise.reject(new Error('docker down')) },
  })
  t.equal(failing.endpoint.address('bridge'), undefined)
  t.match(failing.errors, [{ message: 'docker down' }])
})
