import { request } from 'node:http'
import { createServer } from 'node:net'
import t from 'tap'
import type { AgentFrame } from '@quayside/openapi/agent-protocol'
import { startTaskServices } from '../../src/task-endpoint/task-services.js'
import { fakeRuntime } from '../fixtures/fake-runtime.js'
import { TASK_ARN, containerDef, containerState, fakeTask, taskState } from '../fixtures/tasks.js'

function get(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    request(url, response => {
      let text = ''
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown })
      })
    })
      .on('error', reject)
      .end()
  })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>(resolve => {
    server.close(() => {
      resolve()
    })
  })
  return typeof address === 'object' && address ? address.port : 0
}

t.test(
  'the endpoint, the broker behind it and the introspection API, started and closed',
  async t => {
    const task = fakeTask([containerDef('web')], {
      networkMode: 'host',
      taskRoleArn: 'arn:aws:iam::000000000000:role/app',
    })
    const state = taskState([containerState('web')], { known: 'RUNNING' })
    const sent: AgentFrame[] = []
    const introspectionPort = await freePort()
    const services = await startTaskServices({
      runtime: fakeRuntime(),
      stateDir: t.testdir(),
      cluster: 'c',
      containerInstanceArn: 'arn:ci',
      version: '0.1.0',
      introspectionPort,
      tasks: () => [{ task, state }],
      lookup: arn => (arn === TASK_ARN ? { task, state } : undefined),
      send: frame => {
        sent.push(frame)
        if (frame.type === 'IAMRoleCredentialsRequest')
          setImmediate(() => {
            services.receiveCredentials({
              ...frame.message,
              roleType: 'TaskApplication',
              roleCredentials: {
                roleArn: 'arn:aws:iam::000000000000:role/app',
                accessKeyId: 'QSAKROLE',
                secretAccessKey: 's',
                sessionToken: 't',
                expiration: new Date(Date.now() + 3_600_000).toISOString(),
              },
            })
          })
        return true
      },
      log: () => undefined,
      onError: () => undefined,
    })
    t.teardown(() => services.close())
    const env = services.environment(task, 'web')
    t.match(env['ECS_CONTAINER_METADATA_URI_V4'], `http://127.0.0.1:${String(services.port)}/v4/`)
    t.match(await get(env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? ''), {
      status: 200,
      body: { AccessKeyId: 'QSAKROLE' },
    })
    t.match(sent, [{ type: 'IAMRoleCredentialsRequest', message: { taskArn: TASK_ARN } }])
    t.match(await get(`http://127.0.0.1:${String(introspectionPort)}/v1/metadata`), {
      body: { Cluster: 'c', ContainerInstanceArn: 'arn:ci' },
    })
    await services.close()
    const off = await startTaskServices({
      runtime: fakeRuntime(),
      stateDir: t.testdir(),
      cluster: 'c',
      containerInstanceArn: 'arn:ci',
      version: '0.1.0',
      introspectionPort: 0,
      tasks: () => [],
      lookup: () => undefined,
      send: () => false,
      log: () => undefined,
      onError: () => undefined,
    })
    await off.close()
    t.pass('closes without an introspection listener')
  },
)
