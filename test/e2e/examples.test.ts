/**
 * The examples run as documented, against a real server on port 0: the SDK app through
 * @quayside/sdk, the CLI walk-through through the unmodified AWS CLI.
 */
import { startServer } from '@quayside/server'
import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { main } from '../../examples/sdk-app/main.js'
import { withExternal } from '../support/external.js'

const root = resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir: t.testdir(),
  logFormat: 'none',
})
t.teardown(() => server.close())

t.test('examples/sdk-app', async t => {
  const summary = await main(server.url)
  t.equal(summary.clusterArn, 'arn:aws:ecs:us-east-1:000000000000:cluster/sdk-example')
  t.same(summary.revisions, [
    'arn:aws:ecs:us-east-1:000000000000:task-definition/sdk-example-web:1',
    'arn:aws:ecs:us-east-1:000000000000:task-definition/sdk-example-web:2',
  ])
  t.same(summary.latest, { family: 'sdk-example-web', revision: 2, image: 'quayside/busybox:1.1' })
})

await withExternal(t, ['awscli'], 'examples/cli/walkthrough.sh', async t => {
  const { stdout } = await run('bash', [join(root, 'examples/cli/walkthrough.sh')], {
    env: { ...process.env, ENDPOINT: server.url },
  })
  t.match(stdout, '"arn:aws:ecs:us-east-1:000000000000:cluster/walkthrough"')
  t.match(stdout, '"arn:aws:ecs:us-east-1:000000000000:task-definition/walkthrough-web:1"')
  t.match(stdout, '"key": "team"')
  t.match(stdout, /ClientException/)
})
