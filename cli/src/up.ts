/**
 * `quayside up` (what `npm start` runs): the server and an agent for one cluster on the local
 * Docker Engine, in one process. Prints its progress, then what a client needs: the endpoint, the
 * credentials, and a command to paste. Without a Docker Engine the server still runs and one line
 * says why tasks cannot start; a port in use or an unwritable data dir is a one-line error.
 *
 * The server accepts the local key `test`/`test` with full access and, for the agent only, a
 * fresh key per run under the built-in `agent` policy: the agent can register and report but
 * cannot run, stop or read tasks. Nothing is throttled.
 */
import { constants } from 'node:fs'
import { access, mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { RunningAgent } from '@quayside/agent'
import type { RunningServer } from '@quayside/server'
import { newAccessKeyId, newSecret } from './credentials.js'

export const UP_HELP = `Usage: quayside up [options]

Run a local quayside: the ECS API server and an agent that runs tasks on the local Docker Engine.

Options:
  --port N             port to bind on 127.0.0.1; 0 picks a free one (default 4100)
  --data-dir DIR       where the SQLite store and the agent's state live (default ./.quayside)
  --cluster NAME       the agent's cluster, created when missing (default: default)
  --docker-host ADDR   the Docker Engine (default DOCKER_HOST, else unix:///var/run/docker.sock)
  --no-agent           run the server only
  -h, --help           show this help
`

const ACCESS_KEY = 'test'
const SECRET_KEY = 'test'
const REGION = 'us-east-1'
const ACCOUNT_ID = '000000000000'

type Write = (line: string) => void

export interface UpFlags {
  readonly port: number
  readonly dataDir: string
  readonly cluster: string
  readonly dockerHost: string | undefined
  readonly agent: boolean
}

/** Parses the flags; throws an Error whose message is the one line to print. Pure. */
export function parseUpFlags(argv: readonly string[]): UpFlags | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      cluster: { type: 'string' },
      'docker-host': { type: 'string' },
      'no-agent': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help'
  const port = Number(values.port ?? '4100')
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${values.port ?? ''} is not a port number (0-65535)`)
  return {
    port,
    dataDir: values['data-dir'] ?? '.quayside',
    cluster: values.cluster ?? 'default',
    dockerHost: values['docker-host'],
    agent: values['no-agent'] !== true,
  }
}

/**
 * The server's keys: the local one with full access, and `agentKey` under the built-in agent
 * policy for the agent `up` starts. Pure.
 */
export function upCredentials(agentKey: {
  accessKeyId: string
  secretAccessKey: string
}): Record<string, unknown>[] {
  return [
    { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    { ...agentKey, user: 'quayside-agent', policy: 'agent' },
  ]
}

/** The closing lines: endpoint, credentials and a command to paste. Pure. */
export function connectLines(url: string): string[] {
  const endpoint = url.replace(/\/$/, '')
  return [
    `endpoint:    ${endpoint}`,
    `credentials: AWS_ACCESS_KEY_ID=${ACCESS_KEY} AWS_SECRET_ACCESS_KEY=${SECRET_KEY} (region ${REGION})`,
    'try:',
    `  AWS_ACCESS_KEY_ID=${ACCESS_KEY} AWS_SECRET_ACCESS_KEY=${SECRET_KEY} AWS_DEFAULT_REGION=${REGION} aws ecs list-clusters --endpoint-url ${endpoint}`,
  ]
}

/** A start-up failure as one line naming the cause. */
export function startFailure(error: unknown, port: number): string {
  const code = (error as { code?: unknown }).code
  if (code === 'EADDRINUSE') return `port ${String(port)} is in use; pick another with --port`
  if (code === 'EACCES') return `cannot listen on port ${String(port)}: permission denied`
  return (error as Error).message.split('\n')[0] ?? String(error)
}

/**
 * Runs `quayside up`; resolves with the exit code (0 after SIGINT/SIGTERM or --help, 2 for bad
 * flags, 1 when start-up fails). `signals` lets tests stop it without a real signal.
 */
export async function upCommand(
  argv: string[],
  io: { out: Write; err: Write; signals?: NodeJS.EventEmitter },
): Promise<number> {
  let flags
  try {
    flags = parseUpFlags(argv)
  } catch (error) {
    io.err(`quayside up: ${(error as Error).message.split('\n')[0] ?? ''} (see --help)`)
    return 2
  }
  if (flags === 'help') {
    io.out(UP_HELP)
    return 0
  }
  const dataDir = resolve(flags.dataDir)
  try {
    await mkdir(dataDir, { recursive: true })
    await access(dataDir, constants.W_OK)
  } catch (error) {
    io.err(`quayside up: cannot write the data dir ${dataDir}: ${(error as Error).message}`)
    return 1
  }
  const { startServer, parseCredentials } = await import('@quayside/server')
  const agentKey = { accessKeyId: newAccessKeyId(), secretAccessKey: newSecret() }
  let server: RunningServer
  try {
    server = await startServer({
      port: flags.port,
      dataDir,
      logFormat: 'none',
      credentials: parseCredentials(
        JSON.stringify(upCredentials(agentKey)),
        ACCOUNT_ID,
        'quayside up',
      ),
    })
  } catch (error) {
    io.err(`quayside up: ${startFailure(error, flags.port)}`)
    return 1
  }
  io.out(`store opened: SQLite in ${dataDir}`)
  io.out(`server listening on ${server.url}`)
  let agent: RunningAgent | undefined
  if (flags.agent) agent = await startLocalAgent(flags, dataDir, server.url, agentKey, io)
  for (const line of connectLines(server.url)) io.out(line)
  const signals = io.signals ?? process
  await new Promise<void>(done => {
    const stop = () => {
      signals.off('SIGINT', stop)
      signals.off('SIGTERM', stop)
      done()
    }
    signals.on('SIGINT', stop)
    signals.on('SIGTERM', stop)
  })
  await agent?.close()
  await server.close()
  return 0
}

/** Starts the agent, or says in one line why tasks cannot start (the server keeps running). */
async function startLocalAgent(
  flags: UpFlags,
  dataDir: string,
  url: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  io: { out: Write; err: Write },
): Promise<RunningAgent | undefined> {
  const agent = await import('@quayside/agent')
  const where = flags.dockerHost ?? process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock'
  let runtime
  try {
    runtime = new agent.DockerodeRuntime({ dockerHost: flags.dockerHost })
    await runtime.version()
  } catch (error) {
    io.err(
      `quayside up: no Docker Engine at ${where} (${(error as Error).message.split('\n')[0] ?? ''}): tasks cannot start; start Docker or pass --docker-host, then run quayside up again`,
    )
    return undefined
  }
  try {
    const running = await agent.startAgent({
      endpoint: url,
      cluster: flags.cluster,
      region: REGION,
      credentials,
      runtime,
      stateDir: join(dataDir, 'agent'),
      // a local stack: no EC2 identity to look for (and no second lost waiting for one)
      metadataEndpoint: false,
      onError: error => {
        io.err(`quayside agent: ${agent.isAgentError(error) ? error.reason : String(error)}`)
      },
      log: line => {
        io.err(`quayside agent: ${line}`)
      },
    })
    const r = running.registration
    io.out(
      `agent registered in cluster ${flags.cluster} with ${String(r.cpu)} CPU units and ${String(r.memory)} MiB`,
    )
    return running
  } catch (error) {
    io.err(`quayside up: the agent could not start: ${(error as Error).message}`)
    return undefined
  }
}
