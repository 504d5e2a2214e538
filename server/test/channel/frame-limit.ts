import aws4 from 'aws4'
import t from 'tap'
import WebSocket from 'ws'
import { AGENT_FRAME_LIMIT_BYTES } from '../../src/channel/agent-channel.js'
import type { RunningServer } from '../../src/main.js'
import { fakeAgent } from '../fixtures/fake-agent.js'
import { rawCall, testServer } from '../fixtures/server.js'

/** Opens a signed channel socket for `arn` in `cluster`, as an agent does. */
async function openSocket(server: RunningServer, cluster: string, arn: string): Promise<WebSocket> {
  const url = new URL(server.url)
  const path = `/ws?clusterArn=${encodeURIComponent(cluster)}&containerInstanceArn=${encodeURIComponent(arn)}`
  const signed = aws4.sign(
    { host: url.host, path, method: 'GET', service: 'ecs', region: 'us-east-1', headers: {} },
    { accessKeyId: 'test', secretAccessKey: 'test' },
  )
  const ws = new WebSocket(`ws://${url.host}${path}`, {
    headers: signed.headers as Record<string, string>,
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve()
    })
    ws.once('error', reject)
  })
  return ws
}

/** Sends `text` and resolves with the close code when the server closes the socket. */
function closeCodeAfter(ws: WebSocket, text: string): Promise<number> {
  return new Promise(resolve => {
    ws.once('close', (code: number) => {
      resolve(code)
    })
    ws.send(text)
  })
}

/** A HeartbeatMessage whose id pads it to `bytes` bytes of JSON text. */
function frameOf(bytes: number): { text: string; messageId: string } {
  const empty = JSON.stringify({ type: 'HeartbeatMessage', message: { messageId: '' } })
  const messageId = 'x'.repeat(bytes - empty.length)
  return { text: JSON.stringify({ type: 'HeartbeatMessage', message: { messageId } }), messageId }
}

t.test(
  'an agent frame over the limit closes its socket with 1009; the server serves on',
  async t => {
    const server = await testServer(t)
    const cluster = 'frames'
    await rawCall(server, 'CreateCluster', { clusterName: cluster })
    const agent = await fakeAgent(t, server, { cluster })

    const within = await openSocket(server, cluster, agent.containerInstanceArn)
    const atLimit = frameOf(AGENT_FRAME_LIMIT_BYTES)
    t.equal(Buffer.byteLength(atLimit.text), AGENT_FRAME_LIMIT_BYTES)
    const acked = new Promise<unknown>(resolve => {
      within.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString('utf8')) as { type: string; message: unknown }
        if (frame.type === 'HeartbeatAckRequest') resolve(frame.message)
      })
    })
    within.send(atLimit.text)
    t.same(await acked, { messageId: atLimit.messageId }, 'a frame at the limit is answered')
    within.terminate()

    const over = await openSocket(server, cluster, agent.containerInstanceArn)
    t.equal(await closeCodeAfter(over, frameOf(AGENT_FRAME_LIMIT_BYTES + 1).text), 1009)

    const after = await rawCall(server, 'DescribeClusters', { clusters: [cluster] })
    t.equal(after.status, 200, 'the server still answers')
  },
)
