import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import type { Test } from 'tap'
import {
  loadProfile,
  processSource,
  profileName,
  resolveCredentials,
  resolveRegion,
} from '../src/credentials.js'
import type { ConfigSource } from '../src/credentials.js'
import { CredentialsError } from '../src/errors.js'

/** A source over a temporary HOME with the given files and environment. */
function sourceIn(
  t: Test,
  files: { credentials?: string; config?: string },
  env: Record<string, string> = {},
): ConfigSource {
  const home = t.testdir()
  mkdirSync(join(home, '.aws'))
  if (files.credentials !== undefined)
    writeFileSync(join(home, '.aws', 'credentials'), files.credentials)
  if (files.config !== undefined) writeFileSync(join(home, '.aws', 'config'), files.config)
  return { ...processSource, env: { HOME: home, ...env } }
}

const CREDS =
  '[default]\naws_access_key_id = AKDEF\naws_secret_access_key = SDEF\n[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = SDEV\naws_session_token = TDEV\n'
const CONFIG =
  '[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\n[profile cfg]\naws_access_key_id = AKCFG\naws_secret_access_key = SCFG\n[profile role]\nrole_arn = arn:aws:iam::1:role/x\n'

t.test('environment variables come first', t => {
  const source = sourceIn(
    t,
    { credentials: CREDS },
    { AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 'SENV' },
  )
  t.same(resolveCredentials(source), { accessKeyId: 'AKENV', secretAccessKey: 'SENV' })
  const withToken = sourceIn(
    t,
    {},
    { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S', AWS_SESSION_TOKEN: 'T' },
  )
  t.same(resolveCredentials(withToken), {
    accessKeyId: 'A',
    secretAccessKey: 'S',
    sessionToken: 'T',
  })
  t.end()
})

t.test('an incomplete environment pair falls through to the files', t => {
  const source = sourceIn(t, { credentials: CREDS }, { AWS_ACCESS_KEY_ID: 'AKENV' })
  t.same(resolveCredentials(source), { accessKeyId: 'AKDEF', secretAccessKey: 'SDEF' })
  t.end()
})

t.test('AWS_PROFILE skips the environment keys and picks the profile', t => {
  const source = sourceIn(
    t,
    { credentials: CREDS, config: CONFIG },
    {
      AWS_PROFILE: 'dev',
      AWS_ACCESS_KEY_ID: 'AKENV',
      AWS_SECRET_ACCESS_KEY: 'SENV',
    },
  )
  t.equal(profileName(source), 'dev')
  t.same(resolveCredentials(source), {
    accessKeyId: 'AKDEV',
    secretAccessKey: 'SDEV',
    sessionToken: 'TDEV',
  })
  t.equal(resolveRegion(source), 'ap-south-1')
  t.end()
})

t.test('keys in the config file count, the credentials file wins', t => {
  const source = sourceIn(t, { config: CONFIG }, { AWS_PROFILE: 'cfg' })
  t.same(resolveCredentials(source), { accessKeyId: 'AKCFG', secretAccessKey: 'SCFG' })
  const both = sourceIn(
    t,
    { config: CONFIG, credentials: '[cfg]\naws_secret_access_key = OVERRIDE' },
    { AWS_PROFILE: 'cfg' },
  )
  t.same(loadProfile(both, 'cfg'), {
    aws_access_key_id: 'AKCFG',
    aws_secret_access_key: 'OVERRIDE',
  })
  t.end()
})

t.test('AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the files, ~ expands', t => {
  const dir = t.testdir({
    c: '[default]\naws_access_key_id = AKX\naws_secret_access_key = SX',
    k: '[default]\nregion = sa-east-1',
  })
  const source: ConfigSource = {
    ...processSource,
    env: { HOME: dir, AWS_SHARED_CREDENTIALS_FILE: '~/c', AWS_CONFIG_FILE: join(dir, 'k') },
  }
  t.same(resolveCredentials(source), { accessKeyId: 'AKX', secretAccessKey: 'SX' })
  t.equal(resolveRegion(source), 'sa-east-1')
  t.end()
})

t.test('region order: AWS_REGION, AWS_DEFAULT_REGION, profile, none', t => {
  t.equal(
    resolveRegion(sourceIn(t, { config: CONFIG }, { AWS_REGION: 'r1', AWS_DEFAULT_REGION: 'r2' })),
    'r1',
  )
  t.equal(resolveRegion(sourceIn(t, { config: CONFIG }, { AWS_DEFAULT_REGION: 'r2' })), 'r2')
  t.equal(resolveRegion(sourceIn(t, { config: CONFIG })), 'eu-west-1')
  t.equal(resolveRegion(sourceIn(t, {})), undefined)
  t.end()
})

t.test('[profile default] is read as default too', t => {
  const source = sourceIn(t, { config: '[profile default]\nregion = us-west-2' })
  t.equal(resolveRegion(source), 'us-west-2')
  t.end()
})

t.test('no credentials anywhere is a CredentialsError', t => {
  t.throws(() => resolveCredentials(sourceIn(t, {})), CredentialsError)
  t.throws(() => resolveCredentials(sourceIn(t, {}, { AWS_PROFILE: 'ghost' })), {
    message: /profile "ghost"/,
  })
  t.end()
})

t.test('profiles that need a role or SSO are refused with a reason', t => {
  const source = sourceIn(t, { config: CONFIG }, { AWS_PROFILE: 'role' })
  t.throws(() => resolveCredentials(source), { name: 'CredentialsError', message: /role_arn/ })
  t.end()
})

t.test('HOME falls back to USERPROFILE, then the OS home directory', t => {
  const dir = t.testdir({ '.aws': { config: '[default]\nregion = from-userprofile' } })
  t.equal(resolveRegion({ ...processSource, env: { USERPROFILE: dir } }), 'from-userprofile')
  t.equal(resolveRegion({ ...processSource, env: {}, homedir: () => dir }), 'from-userprofile')
  t.end()
})

t.test('the real source reads files and reports missing ones as undefined', t => {
  const dir = t.testdir({ f: 'text' })
  t.equal(processSource.readFile(join(dir, 'f')), 'text')
  t.equal(processSource.readFile(join(dir, 'missing')), undefined)
  t.end()
})
