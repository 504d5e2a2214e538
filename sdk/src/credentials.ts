/**
 * Where the client's credentials and region come from, in the order the AWS SDKs use:
 *
 *   credentials: explicit option → environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
 *                `AWS_SESSION_TOKEN`; skipped when `AWS_PROFILE` is set, as AWS SDK v3 does) →
 *                the profile (`AWS_PROFILE`, else `default`) in `~/.aws/credentials`, then in
 *                `~/.aws/config` (the credentials file wins key by key)
 *   region:      explicit option → `AWS_REGION` → `AWS_DEFAULT_REGION` → the profile's `region`
 *
 * The files are found at `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE` when set. Profiles that
 * need another process or a network call (roles, SSO, `credential_process`) are not supported: pass
 * a {@link CredentialsProvider} for those.
 */
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { CredentialsError } from './errors.js'
import { parseIni } from './ini.js'

/** AWS access keys, as in the constructor's `credentials` option. */
export interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string | undefined
}

/** A function returning (possibly refreshed) credentials; called before every request. */
export type CredentialsProvider = () => Credentials | Promise<Credentials>

/** The outside world the resolution reads; tests pass their own. */
export interface ConfigSource {
  readonly env: Readonly<Record<string, string | undefined>>
  /** Contents of a file, or undefined when it does not exist. */
  readonly readFile: (path: string) => string | undefined
  readonly homedir: () => string
}

/** The real process environment and file system. */
export const processSource: ConfigSource = {
  env: process.env,
  readFile: path => {
    try {
      return readFileSync(path, 'utf8')
    } catch {
      // a missing or unreadable file is simply not a source
      return undefined
    }
  },
  homedir,
}

function home(source: ConfigSource): string {
  return source.env['HOME'] ?? source.env['USERPROFILE'] ?? source.homedir()
}

function expand(path: string, source: ConfigSource): string {
  return path.startsWith('~/') ? join(home(source), path.slice(2)) : path
}

/** The name of the profile in use: `AWS_PROFILE`, else `default`. */
export function profileName(source: ConfigSource): string {
  return source.env['AWS_PROFILE'] || 'default'
}

/**
 * The settings of one profile, merged from both shared files. In the config file profiles are
 * `[profile name]` (and `[default]`); in the credentials file plain `[name]`.
 */
export function loadProfile(source: ConfigSource, name: string): Record<string, string> {
  const credentialsPath = expand(
    source.env['AWS_SHARED_CREDENTIALS_FILE'] ?? join(home(source), '.aws', 'credentials'),
    source,
  )
  const configPath = expand(
    source.env['AWS_CONFIG_FILE'] ?? join(home(source), '.aws', 'config'),
    source,
  )
  const config = parseIni(source.readFile(configPath) ?? '')
  const credentials = parseIni(source.readFile(credentialsPath) ?? '')
  const fromConfig =
    name === 'default'
      ? { ...config['profile default'], ...config['default'] }
      : config[`profile ${name}`]
  return { ...fromConfig, ...credentials[name] }
}

function fromEnv(env: ConfigSource['env']): Credentials | undefined {
  const accessKeyId = env['AWS_ACCESS_KEY_ID']
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY']
  if (!accessKeyId || !secretAccessKey) return undefined
  const sessionToken = env['AWS_SESSION_TOKEN']
  return sessionToken
    ? { accessKeyId, secretAccessKey, sessionToken }
    : { accessKeyId, secretAccessKey }
}

const UNSUPPORTED = [
  'role_arn',
  'credential_process',
  'sso_session',
  'sso_start_url',
  'web_identity_token_file',
]

function fromProfile(source: ConfigSource): Credentials | undefined {
  const name = profileName(source)
  const profile = loadProfile(source, name)
  const accessKeyId = profile['aws_access_key_id']
  const secretAccessKey = profile['aws_secret_access_key']
  if (accessKeyId && secretAccessKey) {
    const sessionToken = profile['aws_session_token']
    return sessionToken
      ? { accessKeyId, secretAccessKey, sessionToken }
      : { accessKeyId, secretAccessKey }
  }
  const other = UNSUPPORTED.find(key => profile[key] !== undefined)
  if (other !== undefined) {
    throw new CredentialsError(
      `profile "${name}" uses ${other}, which this SDK does not resolve; pass a credentials provider`,
    )
  }
  return undefined
}

/**
 * Finds credentials from the environment and shared files (the explicit option is the client's
 * business). Throws {@link CredentialsError} when there are none.
 */
export function resolveCredentials(source: ConfigSource = processSource): Credentials {
  const env = source.env['AWS_PROFILE'] ? undefined : fromEnv(source.env)
  const found = env ?? fromProfile(source)
  if (found) return found
  throw new CredentialsError(
    `no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass \`credentials\`, or add profile "${profileName(source)}" to the shared credentials file`,
  )
}

/** The region from the environment or the profile, or undefined when none is set. */
export function resolveRegion(source: ConfigSource = processSource): string | undefined {
  const fromEnvironment = source.env['AWS_REGION'] || source.env['AWS_DEFAULT_REGION']
  if (fromEnvironment) return fromEnvironment
  return loadProfile(source, profileName(source))['region'] || undefined
}
