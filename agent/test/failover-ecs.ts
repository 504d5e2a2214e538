import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isEcsServiceError } from '@quayside/sdk'
import t, { type Test } from 'tap'
import { FailoverEcs, isReplicaFailure } from '../src/failover-ecs.js'

/** A loopback HTTP server answering every call with `status` and `body`; counts the calls. */
async function replica(
  t: Test,
  status: number,
  body: object,
): Promise<{ url: string; calls: () => number }> {
  let calls = 0
  const server: Server = createServer((request, response) => {
    calls++
    request.resume()
    request.on('end', () => {
      const text = JSON.stringify(body)
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        ...(status >= 400 ? { 'x-amzn-errortype': (body as { __type: string }).__type } : {}),
      })
      response.end(text)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise(resolve => server.close(resolve)))
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    calls: () => calls,
  }
}

/** A URL nothing listens on (a server bound, then closed). */
async function deadUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return `http://127.0.0.1:${String(port)}`
}

const options = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  retry: { maxAttempts: 1 },
}

t.test('a replica that does not answer: the next, which then stays current', async t => {
  const dead = await deadUrl()
  const live = await replica(t, 200, { endpoint: 'http://live/' })
  const moves: string[] = []
  const ecs = new FailoverEcs([dead, live.url], options, (from, to) =>
    moves.push(`${from} -> ${to}`),
  )
  t.teardown(() => ecs.close())
  t.equal(ecs.endpoint, dead)
  t.same(await ecs.discoverPollEndpoint({}), { endpoint: 'http://live/' })
  t.equal(ecs.endpoint, live.url)
  t.same(moves, [`${dead} -> ${live.url}`])
  await ecs.discoverPollEndpoint({})
  t.equal(live.calls(), 2)
  t.equal(moves.length, 1, 'the dead one is not tried again while the live one answers')
})

t.test('a server fault moves on; a client error is the answer', async t => {
  const broken = await replica(t, 500, { __type: 'ServerException', message: 'store down' })
  const refusing = await replica(t, 400, {
    __type: 'ClusterNotFoundException',
    message: 'Cluster not found.',
  })
  const live = await replica(t, 200, { endpoint: 'http://live/' })
  const ecs = new FailoverEcs([broken.url, live.url], options)
  t.teardown(() => ecs.close())
  t.same(await ecs.discoverPollEndpoint({}), { endpoint: 'http://live/' })

  const strict = new FailoverEcs([refusing.url, live.url], options)
  t.teardown(() => strict.close())
  const error = await strict.discoverPollEndpoint({}).catch((e: unknown) => e)
  t.ok(isEcsServiceError(error, 'DiscoverPollEndpoint'), String(error))
  t.equal(live.calls(), 1, 'a 4xx is not sent to another replica')
})

t.test('every replica down: the last failure, each tried once', async t => {
  const broken = await replica(t, 503, { __type: 'ServerException', message: 'busy' })
  const dead = await deadUrl()
  const ecs = new FailoverEcs([broken.url, dead], options)
  t.teardown(() => ecs.close())
  const error = await ecs.discoverPollEndpoint({}).catch((e: unknown) => e)
  t.ok(isReplicaFailure(error))
  t.match(error, { name: 'NetworkError' })
  t.equal(broken.calls(), 1)
  t.throws(() => new FailoverEcs([], options), /at least one endpoint/)
})

t.test('isReplicaFailure', t => {
  t.notOk(isReplicaFailure(new Error('plain')))
  t.notOk(isReplicaFailure(undefined))
  t.end()
})
