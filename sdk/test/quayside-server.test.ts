/**
 * The SDK against the quayside server itself, on port 0: the same method-family checks as against
 * moto, plus pagination across real pages, all through SigV4 the server verifies.
 */
import t from 'tap'
import { startServer } from '@quayside/server'
// the server's own test agent: it speaks the agent channel and reports task states back
import { fakeAgent } from '../../server/test/fixtures/fake-agent.js'
import { ECS } from '../src/index.js'
import { runFamilies } from './fixtures/families.js'

t.setTimeout(120_000)

const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir: t.testdir(),
  logFormat: 'none',
})
t.teardown(() => server.close())

// quayside accepts test/test unless told otherwise
const ecs = new ECS({
  endpoint: server.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})
t.teardown(() => ecs.close())

await t.test('method families', async t => {
  let n = 0
  await runFamilies(t, ecs, {
    instanceDocument: () =>
      Promise.resolve(
        JSON.stringify({
          instanceId: `i-0${(++n).toString(16).padStart(16, '0')}`,
          region: 'us-east-1',
        }),
      ),
    paginates: true,
    connectAgent: async (t, cluster, containerInstanceArn) => {
      const agent = await fakeAgent(t, server, { cluster, containerInstanceArn, autoReport: true })
      await agent.connect()
    },
  })
})

await t.test('a wrong secret is refused by the server SigV4 check', async t => {
  const wrong = new ECS({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'not-the-secret' },
  })
  t.teardown(() => wrong.close())
  await t.rejects(wrong.listClusters(), { name: 'InvalidSignatureException', statusCode: 400 })
})
