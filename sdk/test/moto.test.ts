/**
 * The SDK against moto's ECS server (`python3 -m moto.server`), a second implementation of the
 * API: every method family moto serves, errors, pagination, and waiters. Skipped with the reason
 * when moto is not installed (a failure when QUAYSIDE_REQUIRE names it).
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { withExternal } from '../../test/support/external.js'
import { ECS } from '../src/index.js'
import { runFamilies } from './fixtures/families.js'
import { testCredentials } from './fixtures/stub-server.js'

t.setTimeout(180_000)

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => {
        resolve(port)
      })
    })
  })
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`moto did not come up within ${ms} ms`)
}

/** moto's RegisterContainerInstance looks the EC2 instance up, so one is launched first. */
async function launchInstance(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: 'Action=RunInstances&Version=2016-11-15&ImageId=ami-12c6146b&MinCount=1&MaxCount=1',
  })
  const instanceId = /<instanceId>([^<]+)</.exec(await response.text())?.[1]
  if (!instanceId) throw new Error('moto did not launch an EC2 instance')
  return JSON.stringify({ instanceId, region: 'us-east-1' })
}

await withExternal(t, ['moto'], 'against moto server', async t => {
  const port = await freePort()
  const moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  })
  t.teardown(() => {
    moto.kill()
  })
  const url = `http://127.0.0.1:${port}`
  await until(
    () =>
      fetch(`${url}/moto-api/`).then(
        r => r.ok,
        () => false,
      ),
    30_000,
  )
  const ecs = new ECS({ endpoint: url, region: 'us-east-1', credentials: testCredentials })
  t.teardown(() => ecs.close())
  await runFamilies(t, ecs, {
    instanceDocument: () => launchInstance(url),
    paginates: false,
  })
})
