import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { WebSocketServer, type WebSocket } from 'ws'
import { ChannelClient, channelUrl, type Payload } from '../../src/channel/client.js'

/** A scripted channel server: records frames, lets the test send, refuse and drop. */
async function stubServer(t: Test) {
  const http = createServer()
  const wss = new WebSocketServer({ noServer: true })
  const received: { type: string; message: { messageId: string } }[] = []
  const requests: IncomingMessage[] = []
  const sockets: WebSocket[] = []
  let refuse = 0
  http.on('upgrade', (request, socket, head) => {
    requests.push(request)
    if (refuse > 0) {
      refuse--
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, ws => {
      sockets.push(ws)
      ws.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as never))
    })
  })
  http.listen(0, '127.0.0.1')
  await once(http, 'listening')
  const url = `http://127.0.0.1:${String((http.address() as AddressInfo).port)}/`
  t.teardown(async () => {
    for (const s of sockets) s.terminate()
    wss.close()
    http.close()
    await once(http, 'close')
  })
  return {
    url,
    received,
    requests,
    sockets,
    refuseNext(n: number) {
      refuse = n
    },
    send(type: string, message: object) {
      sockets.at(-1)?.send(JSON.stringify({ type, message }))
    },
  }
}

async function until(what: string, predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`not within 5 s: ${what}`)
    await new Promise(r => setTimeout(r, 5))
  }
}

t.test('channel URLs', t => {
  t.equal(
    channelUrl('http://h:1/', 'c', 'arn:x/y').href,
    'ws://h:1/ws?clusterArn=c&containerInstanceArn=arn%3Ax%2Fy',
  )
  t.equal(channelUrl('https://h', 'c', 'i').href, 'wss://h/ws?clusterArn=c&containerInstanceArn=i')
  t.equal(channelUrl('http://h/base', 'c', 'i').pathname, '/base/ws')
  t.end()
})

t.test(
  'payloads are applied then acked; heartbeats both ways; reconnects ask for the list',
  async t => {
    const server = await stubServer(t)
    const payloads: Payload[] = []
    const errors: unknown[] = []
    const connects: boolean[] = []
    server.refuseNext(1)
    const client = new ChannelClient({
      discover: () => Promise.resolve(server.url),
      cluster: 'c',
      containerInstanceArn: 'arn:instance',
      region: 'us-east-1',
      credentials: () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
      onPayload: payload => {
        payloads.push(payload)
        return payload.messageId === 'bad'
          ? Promise.reject(new Error('apply failed'))
          : Promise.resolve()
      },
      heartbeatIntervalMs: 20,
      backoffMs: 5,
      onError: e => errors.push(e),
      onConnect: reconnect => connects.push(reconnect),
    })
    client.start()
    client.start() // idempotent
    await until('connected after a refusal', () => client.connections === 1)
    t.match(errors[0], { name: 'ChannelError', message: /HTTP 403/ })
    const signed = server.requests.at(-1)
    t.match(
      signed?.headers.authorization,
      /^AWS4-HMAC-SHA256 Credential=test\/\d+\/us-east-1\/ecs\//,
    )
    t.match(signed?.url, /^\/ws\?clusterArn=c&containerInstanceArn=arn%3Ainstance$/)

    const arns = { clusterArn: 'arn:cluster', containerInstanceArn: 'arn:instance' }
    const task = { taskArn: 't', taskDefinitionArn: 'd', desiredStatus: 'RUNNING' }
    server.send('PayloadMessage', { messageId: 'p1', ...arns, tasks: [task], full: true })
    server.send('PayloadMessage', { messageId: 'bad', ...arns, tasks: [] })
    server.send('HeartbeatMessage', { messageId: 'h1', healthy: true })
    server.send('ErrorMessage', { message: 'what?' })
    server.send('Nonsense', {})
    await until(
      'acks and beats',
      () =>
        ['p1', 'bad'].every(id =>
          server.received.some(f => f.type === 'AckRequest' && f.message.messageId === id),
        ) &&
        server.received.some(
          f => f.type === 'HeartbeatAckRequest' && f.message.messageId === 'h1',
        ) &&
        server.received.some(f => f.type === 'HeartbeatMessage'),
    )
    t.same(
      payloads.map(p => p.messageId),
      ['p1', 'bad'],
    )
    t.same(payloads[0]?.tasks, [task], 'the payload hands over its tasks')
    t.ok(
      errors.some(e => (e as Error).message === 'apply failed'),
      'a failed apply is reported',
    )
    t.ok(errors.some(e => /the server says: what\?/.test((e as Error).message)))

    // the server drops the socket: the client comes back and asks for its full list
    server.sockets.at(-1)?.terminate()
    await until('reconnected', () => client.connections === 2)
    await until('task list requested', () =>
      server.received.some(f => f.type === 'TaskListRequest'),
    )
    t.same(connects, [false, true])
    await client.close()
    await client.close()
  },
)

t.test(
  'a server gone quiet is dropped after three beats; discovery failures are retried',
  async t => {
    const server = await stubServer(t)
    const errors: unknown[] = []
    let discoveries = 0
    const client = new ChannelClient({
      discover: () =>
        discoveries++ === 0
          ? Promise.reject(new Error('no endpoint yet'))
          : Promise.resolve(server.url),
      cluster: 'c',
      containerInstanceArn: 'i',
      region: 'us-east-1',
      credentials: () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
      onPayload: () => Promise.resolve(),
      heartbeatIntervalMs: 10,
      backoffMs: 1,
      maxBackoffMs: 5,
      onError: e => errors.push(e),
    })
    client.start()
    // the stub never speaks, so the client gives up on each socket and opens another
    await until('two connections', () => client.connections >= 2)
    t.match(errors[0], { message: 'no endpoint yet' })
    await client.close()
  },
)

t.test('an unreachable server and a close before any connection', async t => {
  const errors: unknown[] = []
  const client = new ChannelClient({
    discover: () => Promise.resolve('http://127.0.0.1:1/'),
    cluster: 'c',
    containerInstanceArn: 'i',
    region: 'us-east-1',
    credentials: () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
    onPayload: () => Promise.resolve(),
    backoffMs: 1,
    onError: e => errors.push(e),
  })
  client.start()
  await until('an error', () => errors.length > 0)
  t.match(errors[0], { name: 'ChannelError', message: /cannot open the channel/ })
  await client.close()
  t.equal(client.connections, 0)
  const never = new ChannelClient({
    discover: () => Promise.resolve('http://127.0.0.1:1/'),
    cluster: 'c',
    containerInstanceArn: 'i',
    region: 'us-east-1',
    credentials: () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
    onPayload: () => Promise.resolve(),
  })
  await never.close()
  t.equal(never.connections, 0)
})

t.test('a credentials request goes out on send; the answer reaches onRoleCredentials', async t => {
  const server = await stubServer(t)
  const answers: unknown[] = []
  const client = new ChannelClient({
    discover: () => Promise.resolve(server.url),
    cluster: 'c',
    containerInstanceArn: 'arn:instance',
    region: 'us-east-1',
    credentials: () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
    onPayload: () => Promise.resolve(),
    backoffMs: 5,
    onRoleCredentials: message => answers.push(message),
  })
  const request = {
    type: 'IAMRoleCredentialsRequest',
    message: { messageId: 'c1', taskArn: 'arn:t' },
  } as const
  t.equal(client.send(request), false, 'not open yet')
  client.start()
  t.teardown(() => client.close())
  await until('connected', () => client.connections === 1)
  t.equal(client.send(request), true)
  await until('request received', () => server.received.some(f => f.message.messageId === 'c1'))
  server.send('IAMRoleCredentialsMessage', { messageId: 'c1', taskArn: 'arn:t', reason: 'none' })
  await until('answer handed over', () => answers.length === 1)
  t.strictSame(answers, [
    { messageId: 'c1', taskArn: 'arn:t', roleType: 'TaskApplication', reason: 'none' },
  ])
})
