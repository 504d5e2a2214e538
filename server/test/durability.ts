/**
 * kill -9 the server while a client writes, restart it on the same data, and check that every
 * write the server acknowledged is there. Both stores.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CreateClusterCommand, ECSClient, paginateListClusters } from '@aws-sdk/client-ecs'
import t, { type Test } from 'tap'
import { withExternal } from '../../test/support/external.js'
import { postgresSchema } from './fixtures/postgres-schema.js'

t.setTimeout(180_000)
const serve = fileURLToPath(new URL('../scripts/serve.ts', import.meta.url))

function start(t: Test, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    // Not throttled: the writers stop at the first failed call, which must be the kill.
    ['--import', 'tsx', serve, '--port', '0', '--log-format', 'json', '--no-throttle', ...args],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  )
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  return new Promise((resolve, reject) => {
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const url = /listening on (\S+)/.exec(text)?.[1]
      if (url) resolve({ child, url })
    })
    child.once('exit', code => {
      reject(new Error(`server exited with ${String(code)}`))
    })
  })
}

const ecs = (url: string) =>
  new ECSClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  })

async function killWhileWriting(t: Test, args: string[]): Promise<void> {
  const first = await start(t, args)
  const client = ecs(first.url)
  const acknowledged: string[] = []
  let stop = false
  // Four writers, so that the kill lands while requests are in flight.
  const writers = Array.from({ length: 4 }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      const name = `w${w}-${i}`
      try {
        await client.send(new CreateClusterCommand({ clusterName: name }))
        acknowledged.push(name)
      } catch {
        return // the server is gone
      }
    }
  })
  while (acknowledged.length < 200) await new Promise(resolve => setTimeout(resolve, 5))
  first.child.kill('SIGKILL')
  stop = true
  await Promise.all(writers)
  if (first.child.exitCode === null && first.child.signalCode === null) {
    await new Promise(resolve => first.child.once('exit', resolve))
  }
  client.destroy()

  const second = await start(t, args)
  const again = ecs(second.url)
  const present = new Set<string>()
  for await (const page of paginateListClusters({ client: again }, {})) {
    for (const arn of page.clusterArns ?? []) present.add(arn.split('/')[1]!)
  }
  const lost = acknowledged.filter(name => !present.has(name))
  t.ok(acknowledged.length >= 200, `${acknowledged.length} writes acknowledged before the kill`)
  t.same(lost, [], 'every acknowledged write survived kill -9')
  again.destroy()
  second.child.kill('SIGTERM')
  const code = await new Promise(resolve => second.child.once('exit', resolve))
  t.equal(code, 0, 'SIGTERM stops the server cleanly')
}

t.test('SQLite', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'quayside-durable-'))
  t.teardown(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  await killWhileWriting(t, ['--data-dir', dir])
})

await withExternal(t, ['postgres'], 'PostgreSQL', async t => {
  const store = await postgresSchema(t, 'durability')
  await killWhileWriting(t, ['--store', store])
})
