import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { resolveAgentCredentials, resolveAgentRegion } from '../src/credentials.js'

t.test('credentials: environment, then the profile in the shared file', async t => {
  const dir = await mkdtemp(join(tmpdir(), 'agent-creds-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const file = join(dir, 'credentials')
  await writeFile(
    file,
    '[default]\naws_access_key_id = D\naws_secret_access_key = DS\n[p]\naws_access_key_id=P\naws_secret_access_key=PS\naws_session_token=PT\n',
  )
  const shared = { AWS_SHARED_CREDENTIALS_FILE: file }
  const rows: [string, Record<string, string>, object][] = [
    [
      'env keys',
      { AWS_ACCESS_KEY_ID: 'E', AWS_SECRET_ACCESS_KEY: 'ES' },
      { accessKeyId: 'E', secretAccessKey: 'ES' },
    ],
    [
      'env with token',
      { AWS_ACCESS_KEY_ID: 'E', AWS_SECRET_ACCESS_KEY: 'ES', AWS_SESSION_TOKEN: 'T' },
      { accessKeyId: 'E', secretAccessKey: 'ES', sessionToken: 'T' },
    ],
    ['default profile', shared, { accessKeyId: 'D', secretAccessKey: 'DS' }],
    [
      'AWS_PROFILE wins over env keys',
      { ...shared, AWS_PROFILE: 'p', AWS_ACCESS_KEY_ID: 'E', AWS_SECRET_ACCESS_KEY: 'ES' },
      { accessKeyId: 'P', secretAccessKey: 'PS', sessionToken: 'PT' },
    ],
  ]
  for (const [name, env, expected] of rows) t.same(resolveAgentCredentials(env), expected, name)
  t.throws(() => resolveAgentCredentials({ HOME: dir }), { name: 'AgentConfigError' })
  t.throws(() => resolveAgentCredentials({ ...shared, AWS_PROFILE: 'missing' }), {
    message: /AWS_ACCESS_KEY_ID/,
  })
})

t.test('region: flag, AWS_REGION, AWS_DEFAULT_REGION, us-east-1', t => {
  t.equal(resolveAgentRegion('eu-west-1', { AWS_REGION: 'x' }), 'eu-west-1')
  t.equal(resolveAgentRegion(undefined, { AWS_REGION: 'x', AWS_DEFAULT_REGION: 'y' }), 'x')
  t.equal(resolveAgentRegion(undefined, { AWS_DEFAULT_REGION: 'y' }), 'y')
  t.equal(resolveAgentRegion(undefined, { HOME: '/nonexistent' }), 'us-east-1')
  t.equal(
    resolveAgentRegion(undefined),
    process.env['AWS_REGION'] || process.env['AWS_DEFAULT_REGION'] || 'us-east-1',
  )
  t.end()
})
