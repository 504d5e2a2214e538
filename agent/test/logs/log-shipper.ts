import t, { type Test } from 'tap'
import type { AgentFrame, LogEventsMessage } from '@quayside/openapi/agent-protocol'
import type { ContainerStateChange } from '../../src/engine/state-reporter.js'
import { LogShipper } from '../../src/logs/log-shipper.js'
import type { OutputChunk } from '../../src/logs/log-source.js'

const running: ContainerStateChange = {
  taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/default/abc',
  containerName: 'web',
  status: 'RUNNING',
  knownStatus: 'RUNNING',
  runtimeId: 'c1',
  networkBindings: [],
  healthStatus: 'UNKNOWN',
  restartCount: 0,
}

function setup(
  t: Test,
  chunks: OutputChunk[],
  answer: (m: LogEventsMessage) => string | undefined,
) {
  const sent: LogEventsMessage[] = []
  const refused: string[] = []
  let inFlightMax = 0
  let inFlight = 0
  const shipper: LogShipper = new LogShipper({
    source: {
      async *followLogs() {
        await Promise.resolve()
        yield* chunks
      },
    },
    channel: {
      send(frame: AgentFrame) {
        if (frame.type !== 'LogEventsMessage') return false
        sent.push(frame.message)
        inFlight += 1
        inFlightMax = Math.max(inFlightMax, inFlight)
        setTimeout(() => {
          inFlight -= 1
          const error = answer(frame.message)
          shipper.ack({ messageId: frame.message.messageId, ...(error ? { error } : {}) })
        }, 2)
        return true
      },
    },
    logConfiguration: () => ({ logDriver: 'awslogs', options: { 'awslogs-group': 'g' } }),
    onRefused: (_arn, _name, reason) => refused.push(reason),
    batchBytes: 1024,
    maxInFlight: 2,
  })
  t.teardown(() => shipper.close())
  return { shipper, sent, refused, inFlightMax: () => inFlightMax }
}

const until = async (ready: () => boolean) => {
  for (let i = 0; i < 3000 && !ready(); i += 1) await new Promise(r => setTimeout(r, 10))
}

t.test('ships whole lines in order, in batches under the size, few in flight', async t => {
  const lines = Array.from({ length: 200 }, (_, i) => `line ${String(i)}`)
  const text = lines.join('\n') + '\n'
  const chunks: OutputChunk[] = []
  for (let i = 0; i < text.length; i += 7)
    chunks.push({ stream: 'stdout', data: Buffer.from(text.slice(i, i + 7)) })
  const { shipper, sent, inFlightMax } = setup(t, chunks, () => undefined)
  shipper.containerChanged(running)
  await until(() => shipper.following === 0)
  t.same(sent[0]?.events, [], 'the first frame opens the stream')
  t.same(
    sent.flatMap(m => m.events.map(e => e.message)),
    lines,
  )
  t.ok(sent.length > 3, 'several batches')
  for (const m of sent) t.ok(JSON.stringify(m).length < 1024 + 512)
  t.ok(inFlightMax() <= 2)
})

t.test('a refused stream is reported and nothing more is sent', async t => {
  const { shipper, sent, refused } = setup(
    t,
    [{ stream: 'stdout', data: Buffer.from('x\n') }],
    () => 'ResourceNotFoundException: The specified log group does not exist.',
  )
  shipper.containerChanged(running)
  await until(() => shipper.following === 0)
  t.equal(sent.length, 1)
  t.same(refused, ['ResourceNotFoundException: The specified log group does not exist.'])
})

t.test('other drivers are not followed', t => {
  const { shipper, sent } = setup(t, [], () => undefined)
  shipper.containerChanged({ ...running, status: 'STOPPED' })
  t.equal(shipper.following, 0)
  t.equal(sent.length, 0)
  t.end()
})

t.test('a fast writer is read only as fast as batches are acked (bounded memory)', async t => {
  const chunk = Buffer.from('y\n'.repeat(32 * 1024)) // 64 KiB, as Docker hands out
  const total = 16 // 1 MiB of `yes`
  let pulled = 0
  let acked = 0
  let maxAhead = 0
  const source = {
    async *followLogs() {
      for (let i = 0; i < total; i += 1) {
        await Promise.resolve()
        pulled += chunk.length
        yield { stream: 'stdout' as const, data: chunk }
      }
    },
  }
  const shipper: LogShipper = new LogShipper({
    source,
    channel: {
      send(frame: AgentFrame) {
        if (frame.type !== 'LogEventsMessage') return false
        const { messageId, events } = frame.message
        setImmediate(() => {
          acked += events.reduce((sum, e) => sum + e.message.length + 1, 0)
          maxAhead = Math.max(maxAhead, pulled - acked)
          shipper.ack({ messageId })
        })
        return true
      },
    },
    logConfiguration: () => ({ logDriver: 'awslogs', options: { 'awslogs-group': 'g' } }),
    maxInFlight: 4,
  })
  t.teardown(() => shipper.close())
  shipper.containerChanged(running)
  await until(() => shipper.following === 0)
  t.equal(acked, total * chunk.length, 'every line shipped, none dropped')
  // 4 batches of 48 KiB frame text in flight, one batch being filled, one chunk being split
  t.ok(maxAhead < 1024 * 1024, `read ahead of the acks by at most 1 MiB (${String(maxAhead)})`)
})
