import { createServer, request, type Server } from 'node:http'
import t from 'tap'
import { startIntrospection } from '../../src/task-endpoint/introspection.js'
import { TASK_ARN, containerState, fakeTask, taskState } from '../fixtures/tasks.js'

function get(port: number, path: string, method = 'GET') {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, response => {
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

const portOf = (server: Server): number => {
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}

const close = (server: Server | undefined) =>
  new Promise<void>(resolve => {
    if (server)
      server.close(() => {
        resolve()
      })
    else resolve()
  })

t.test('serves /v1/metadata and /v1/tasks; a port in use is one line, and no listener', async t => {
  const lines: string[] = []
  const options = {
    metadata: () => ({ Cluster: 'c', ContainerInstanceArn: 'arn:ci' }),
    version: '0.1.0',
    tasks: () => [{ task: fakeTask(), state: taskState([containerState('app')]) }],
    log: (line: string) => lines.push(line),
  }
  t.equal(await startIntrospection({ ...options, port: 0 }), undefined, '0 turns it off')
  // a free port for the test: bind one, free it, serve there
  const scratch = createServer()
  await new Promise<void>(resolve => scratch.listen(0, '127.0.0.1', resolve))
  const port = portOf(scratch)
  await close(scratch)
  const server = await startIntrospection({ ...options, port })
  t.teardown(() => close(server))
  t.ok(server)
  t.strictSame(await get(port, '/v1/metadata'), {
    status: 200,
    body: {
      Cluster: 'c',
      ContainerInstanceArn: 'arn:ci',
      Version: 'Amazon ECS Agent - v0.1.0 (quayside)',
    },
  })
  t.match(await get(port, '/v1/tasks'), { status: 200, body: { Tasks: [{ Arn: TASK_ARN }] } })
  t.match(await get(port, `/v1/tasks?taskarn=${TASK_ARN}`), {
    status: 200,
    body: { Arn: TASK_ARN },
  })
  t.equal((await get(port, '/v1/tasks?taskarn=nope')).status, 404)
  t.equal((await get(port, '/v2/other')).status, 404)
  t.equal((await get(port, '/v1/metadata', 'POST')).status, 405)

  const second = await startIntrospection({ ...options, port })
  t.equal(second, undefined)
  t.match(lines, [
    new RegExp(`^introspection API not served: 127\\.0\\.0\\.1:${String(port)}: .*EADDRINUSE`),
  ])
})
