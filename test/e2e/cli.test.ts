/**
 * The `quayside` command as users run it, from the root of a checkout after `npm ci`: the built
 * packages through the root bin, the server driven by the official AWS SDK for JavaScript.
 */
import { ECSClient, CreateClusterCommand, ListClustersCommand } from '@aws-sdk/client-ecs'
import { spawn, execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'

const root = resolve(import.meta.dirname, '../..')
const bin = join(root, 'bin/quayside.js')
const run = promisify(execFile)

const rootVersion = (
  JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    version: string
  }
).version

t.test('the root bin and npx print the version', async t => {
  const direct = await run(process.execPath, [bin, '--version'], { cwd: root })
  t.equal(direct.stdout.trim(), rootVersion)
  const viaNpx = await run('npx', ['--no-install', 'quayside', '--help'], { cwd: root })
  t.match(viaNpx.stdout, /Usage: quayside <command>/)
})

t.test('npm start runs quayside up (its --help here, so nothing keeps running)', async t => {
  const help = await run('npm', ['start', '--silent', '--', '--help'], { cwd: root })
  t.match(help.stdout, /Usage: quayside up/)
})

interface Running {
  url: string
  stop(): Promise<number | null>
}

async function startServer(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'server', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>(done => {
    child.once('exit', code => {
      done(code)
    })
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const url = await new Promise<string>((done, fail) => {
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const found = /listening on (\S+)/.exec(stdout)
      if (found?.[1]) done(found[1])
    })
    void exited.then(code => {
      fail(new Error(`server exited (${code}) before listening: ${stderr}`))
    })
  })
  return {
    url,
    stop: () => {
      child.kill('SIGTERM')
      return exited
    },
  }
}

t.test('quayside server serves the AWS SDK and keeps its data across restarts', async t => {
  const dataDir = await mkdtemp(join(tmpdir(), 'quayside-e2e-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const client = (url: string) =>
    new ECSClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })

  const first = await startServer(dataDir)
  const created = await client(first.url).send(new CreateClusterCommand({ clusterName: 'e2e' }))
  t.equal(created.cluster?.clusterArn, 'arn:aws:ecs:us-east-1:000000000000:cluster/e2e')
  t.equal(await first.stop(), 0, 'SIGTERM stops the server cleanly')

  const second = await startServer(dataDir)
  t.teardown(() => second.stop())
  const listed = await client(second.url).send(new ListClustersCommand({}))
  t.same(listed.clusterArns, ['arn:aws:ecs:us-east-1:000000000000:cluster/e2e'])
})
