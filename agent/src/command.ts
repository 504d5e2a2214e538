/** `quayside agent`: flags, start-up lines, and a clean stop on SIGTERM/SIGINT. */
import { readFile } from 'node:fs/promises'
import { rootCertificates } from 'node:tls'
import { parseArgs } from 'node:util'
import type { Attribute } from '@quayside/openapi/types'
import { startAgent, type RunningAgent } from './agent.js'
import { resolveAgentCredentials, resolveAgentRegion } from './credentials.js'
import { DockerodeRuntime } from './docker/dockerode-runtime.js'
import type { ContainerRuntime } from './docker/runtime.js'
import { AgentConfigError, isAgentError } from './errors.js'
import type { PullBehavior } from './engine/config.js'
import { parseAttribute } from './registration.js'

const PULL_BEHAVIORS: readonly PullBehavior[] = ['default', 'always', 'once', 'prefer-cached']

export const AGENT_HELP = `Usage: quayside agent --endpoint URL --cluster NAME [options]

Register this host as a container instance and run the tasks placed on it as containers on the
local Docker Engine. Credentials and region come from the AWS environment variables and shared
files (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, AWS_PROFILE, AWS_REGION).

Options:
  --endpoint URL          the quayside server (e.g. http://127.0.0.1:4100); repeat it for
                          several replicas: calls move to the next when one stops answering
  --cluster NAME          cluster to join; created when missing (default: default)
  --region R              signing region (default AWS_REGION, else us-east-1)
  --docker-host ADDR      unix:///var/run/docker.sock (default DOCKER_HOST), tcp://, http(s)://
  --state-dir DIR         where the instance identity is kept (default ./.quayside/agent)
  --reserved-memory MiB   memory kept back from tasks (default 0)
  --attribute k=v         a custom attribute; repeat for more
  --pull-behavior B       when to pull images: default (always, falling back to a cached
                          image), always, once (first use on this host), prefer-cached
                          (default: prefer-cached)
  --ca FILE               also trust this CA certificate (PEM) for an https endpoint
  --metadata-endpoint URL the EC2 instance metadata service (default http://169.254.169.254)
  --no-metadata           do not look for EC2 instance metadata
  --introspection-port P  the agent introspection API on 127.0.0.1 (default 51678; 0: off)
  -h, --help              show this help
`

type Write = (line: string) => void

/** Parsed `quayside agent` flags. */
export interface AgentFlags {
  /** Every `--endpoint`, in order (at least one). */
  readonly endpoints: readonly string[]
  readonly cluster: string
  readonly region: string | undefined
  readonly dockerHost: string | undefined
  readonly stateDir: string
  readonly reservedMemoryMiB: number
  readonly attributes: Attribute[]
  readonly pullBehavior: PullBehavior | undefined
  readonly ca: string | undefined
  /** false with --no-metadata. */
  readonly metadataEndpoint: string | false | undefined
  /** The introspection API's port (0: off); undefined: the default, 51678. */
  readonly introspectionPort: number | undefined
}

/** Parses the flags; `AgentConfigError` naming the bad one. Pure. */
export function parseAgentFlags(argv: readonly string[]): AgentFlags | 'help' {
  let values
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        endpoint: { type: 'string', multiple: true },
        cluster: { type: 'string' },
        region: { type: 'string' },
        'docker-host': { type: 'string' },
        'state-dir': { type: 'string' },
        'reserved-memory': { type: 'string' },
        attribute: { type: 'string', multiple: true },
        'pull-behavior': { type: 'string' },
        ca: { type: 'string' },
        'metadata-endpoint': { type: 'string' },
        'no-metadata': { type: 'boolean' },
        'introspection-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    throw new AgentConfigError((error as Error).message.split('\n')[0] ?? 'bad flags')
  }
  if (values.help) return 'help'
  const endpoints = values.endpoint ?? []
  if (endpoints.length === 0) throw new AgentConfigError('--endpoint URL is required')
  for (const endpoint of endpoints)
    if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol))
      throw new AgentConfigError(`--endpoint ${endpoint} is not an http(s) URL`)
  const reserved = Number(values['reserved-memory'] ?? '0')
  if (!Number.isInteger(reserved) || reserved < 0)
    throw new AgentConfigError('--reserved-memory takes a whole number of MiB')
  const attributes: Attribute[] = []
  for (const text of values.attribute ?? []) {
    const attribute = parseAttribute(text)
    if (!attribute) throw new AgentConfigError(`--attribute ${text}: expected name=value`)
    attributes.push(attribute)
  }
  const pull = values['pull-behavior']
  const pullBehavior = PULL_BEHAVIORS.find(b => b === pull)
  if (pull !== undefined && pullBehavior === undefined)
    throw new AgentConfigError(`--pull-behavior takes one of ${PULL_BEHAVIORS.join(', ')}`)
  const portText = values['introspection-port']
  const introspectionPort = portText === undefined ? undefined : Number(portText)
  if (
    introspectionPort !== undefined &&
    !(Number.isInteger(introspectionPort) && introspectionPort >= 0 && introspectionPort <= 65535)
  )
    throw new AgentConfigError('--introspection-port takes a port number (0 turns it off)')
  return {
    endpoints,
    cluster: values.cluster ?? 'default',
    region: values.region,
    dockerHost: values['docker-host'],
    stateDir: values['state-dir'] ?? '.quayside/agent',
    reservedMemoryMiB: reserved,
    attributes,
    pullBehavior,
    ca: values.ca,
    metadataEndpoint: values['no-metadata'] === true ? false : values['metadata-endpoint'],
    introspectionPort,
  }
}

/** The progress line once registered. */
export function registeredLine(agent: RunningAgent, cluster: string): string {
  const r = agent.registration
  return `agent registered in cluster ${cluster} as ${r.containerInstanceArn} with ${String(r.cpu)} CPU units and ${String(r.memory)} MiB`
}

/**
 * Runs `quayside agent`; resolves with the exit code: 0 after SIGTERM/SIGINT or --help, 2 for bad
 * flags, 1 when start-up fails. `runtime` and `signals` are for tests.
 */
export async function agentCommand(
  argv: string[],
  io: {
    out?: Write
    err?: Write
    signals?: NodeJS.EventEmitter
    runtime?: ContainerRuntime
    env?: Readonly<Record<string, string | undefined>>
  } = {},
): Promise<number> {
  const out = io.out ?? (line => process.stdout.write(`${line}\n`))
  const err = io.err ?? (line => process.stderr.write(`${line}\n`))
  let flags
  try {
    flags = parseAgentFlags(argv)
  } catch (error) {
    err(`quayside agent: ${(error as Error).message} (see --help)`)
    return 2
  }
  if (flags === 'help') {
    out(AGENT_HELP)
    return 0
  }
  let agent
  try {
    const env = io.env ?? process.env
    const ca = flags.ca === undefined ? undefined : await readCa(flags.ca)
    agent = await startAgent({
      endpoint: flags.endpoints,
      cluster: flags.cluster,
      region: resolveAgentRegion(flags.region, env),
      credentials: resolveAgentCredentials(env),
      runtime: io.runtime ?? new DockerodeRuntime({ dockerHost: flags.dockerHost }),
      stateDir: flags.stateDir,
      reservedMemoryMiB: flags.reservedMemoryMiB,
      attributes: flags.attributes,
      ...(flags.pullBehavior !== undefined ? { engine: { pullBehavior: flags.pullBehavior } } : {}),
      ca,
      metadataEndpoint: flags.metadataEndpoint,
      introspectionPort: flags.introspectionPort,
      onError: error => {
        err(`quayside agent: ${isAgentError(error) ? error.reason : String(error)}`)
      },
      log: line => {
        err(`quayside agent: ${line}`)
      },
    })
  } catch (error) {
    const text = isAgentError(error) ? error.reason : (error as Error).message
    err(`quayside agent: ${text}${certificateHint(error, flags.ca)}`)
    return 1
  }
  out(registeredLine(agent, flags.cluster))
  const signals = io.signals ?? process
  await new Promise<void>(resolve => {
    const stop = () => {
      signals.off('SIGINT', stop)
      signals.off('SIGTERM', stop)
      resolve()
    }
    signals.on('SIGINT', stop)
    signals.on('SIGTERM', stop)
  })
  await agent.close()
  return 0
}

// OpenSSL's verification failures as Node names them (`error.code`), plus the name mismatch.
const CERTIFICATE_CODES =
  /\b(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|ERR_TLS_CERT_ALTNAME_INVALID)\b/

/**
 * What to do about a start-up failure caused by the server's certificate (found anywhere in the
 * `cause` chain), as a suffix for the error line; empty for any other failure. Pure.
 */
export function certificateHint(error: unknown, ca: string | undefined): string {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (CERTIFICATE_CODES.test(`${typeof code === 'string' ? code : ''} ${e.message}`)) {
      return ca === undefined
        ? ' (the server certificate is not trusted: pass --ca FILE with the CA that signed it)'
        : ` (the server certificate is not trusted by --ca ${ca}, or does not name this host)`
    }
  }
  return ''
}

async function readCa(file: string): Promise<string> {
  let text
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new AgentConfigError(`--ca ${file}: ${(error as Error).message}`, { cause: error })
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new AgentConfigError(`--ca ${file}: not a PEM certificate (-----BEGIN CERTIFICATE-----)`)
  return caBundle(text)
}

/**
 * The CAs to trust with `--ca`: Node's bundled roots and the given PEM, concatenated (TLS `ca`
 * replaces the default roots, and `--ca` should add to them, so a publicly signed endpoint, or a
 * proxy in front of one, keeps working). Pure.
 */
export function caBundle(pem: string): string {
  return `${rootCertificates.join('\n')}\n${pem}`
}
