/**
 * boto3 end to end: a RunTask whose answer is lost on the way back (the proxy below drops the
 * connection once the server has answered) is retried by botocore with the same clientToken and
 * creates its task once; an explicit token sent twice gets the same tasks, and with other
 * parameters a ConflictException naming them.
 */
import { execFile } from 'node:child_process'
import { connect, createServer, type Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { withExternal } from '../../../test/support/external.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer } from '../fixtures/server.js'

const run = promisify(execFile)
const script = fileURLToPath(new URL('fixtures/client_token.py', import.meta.url))

/**
 * A TCP proxy on 127.0.0.1:0 to `port`. The first connection's request reaches the server, but
 * its answer does not reach the client: the connection is cut when the answer starts.
 */
async function droppingProxy(port: number): Promise<{ url: string; dropped: () => number }> {
  let connections = 0
  let dropped = 0
  const sockets = new Set<Socket>()
  const proxy = createServer(client => {
    const drop = connections++ === 0
    const upstream = connect(port, '127.0.0.1')
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => socket.destroy())
    }
    client.pipe(upstream)
    if (drop)
      upstream.once('data', () => {
        dropped++
        client.destroy()
        upstream.destroy()
      })
    else upstream.pipe(client)
  })
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
  t.teardown(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise(resolve => proxy.close(resolve))
  })
  const address = proxy.address()
  const proxyPort = typeof address === 'object' && address ? address.port : 0
  return { url: `http://127.0.0.1:${proxyPort}`, dropped: () => dropped }
}

await withExternal(t, ['python'], 'boto3 re-sends RunTask clientTokens', async t => {
  const server = await testServer(t)
  const cluster = 'tokens'
  await rawCall(server, 'CreateCluster', { clusterName: cluster })
  await rawCall(server, 'RegisterTaskDefinition', {
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 10, memory: 16 }],
  })
  const agent = await fakeAgent(t, server, { cluster })
  await agent.connect()
  await new Promise(resolve => setTimeout(resolve, 200))
  const proxy = await droppingProxy(server.port)

  const { stdout } = await run('python3', [script, proxy.url, cluster], {
    timeout: 60_000,
    env: {
      ...process.env,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  })
  const out = JSON.parse(stdout) as {
    dropped: { tasks: string[]; retries: number }
    same: { first: string[]; again: string[] }
    conflict: { code: string; class: string; resourceIds: string[] } | null
    listed: string[]
  }
  t.equal(proxy.dropped(), 1, 'the first answer was lost')
  t.equal(out.dropped.retries, 1, 'botocore retried once')
  t.equal(out.dropped.tasks.length, 1)
  t.equal(out.same.first.length, 2)
  t.same(out.same.again, out.same.first, 'the same token: the same tasks')
  t.same(out.conflict, {
    code: 'ConflictException',
    class: 'ConflictException',
    resourceIds: out.same.first,
  })
  t.same(
    out.listed,
    [...out.dropped.tasks, ...out.same.first].sort(),
    'three tasks in all: the lost answer created its task once',
  )
})
