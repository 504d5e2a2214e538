/** `quayside server`: flags, start-up line, and a clean stop on SIGTERM/SIGINT. */
import { parseArgs } from 'node:util'
import {
  ACTION_GROUPS,
  DEFAULT_THROTTLE_RATES,
  parseThrottleRate,
  type ThrottleRates,
} from './auth/throttle.js'
import { checkAdvertiseUrl } from './channel/poll-endpoint.js'
import { startServer } from './main.js'

export const SERVER_HELP = `Usage: quayside server [options]

Serve the Amazon ECS API (AWS JSON 1.1, SigV4) on one endpoint for every region.

Options:
  --host ADDR           address to bind (default 127.0.0.1)
  --port N              port to bind; 0 picks a free one (default 4100)
  --data-dir DIR        directory of the SQLite store (default ./.quayside)
  --store URL           postgres://user:pass@host/db[?schema=name] to use PostgreSQL
  --account-id ID       12-digit account of the default credentials (default 000000000000)
  --region REGION       region shown to users (default us-east-1); requests use their SigV4 scope
  --credentials FILE    JSON array of {"accessKeyId","secretAccessKey","accountId"?,"user"?,
                        "policy"?} (see \`quayside credentials\`); without it only
                        test/test is accepted
  --throttle G=B/R      token bucket of action group G (${ACTION_GROUPS.join(', ')}):
                        burst B, refill R per second; repeatable (default cluster-read=50/20)
  --no-throttle         do not throttle requests
  --tls-cert FILE       serve HTTPS with this certificate (needs --tls-key)
  --tls-key FILE        private key of --tls-cert
  --advertise-url URL   the base URL agents are told to open their channel at
                        (DiscoverPollEndpoint); default: the URL the agent used
  --secrets-key-file F  key SSM parameters and secrets are encrypted with (default
                        secrets.key in --data-dir, created 0600 when first needed)
  --log-format FORMAT   text (default) or json: one line per request on stderr; none: no
                        request lines
  -h, --help            show this help
`

type Write = (text: string) => void

/**
 * Runs `quayside server` with `argv` (the arguments after `server`). Resolves with the exit code:
 * 0 after a clean stop by SIGTERM/SIGINT or --help, 2 for bad flags, 1 when start-up fails.
 * `signals` lets tests stop the server without sending a real signal.
 */
export async function serverCommand(
  argv: string[],
  io: { out?: Write; err?: Write; signals?: NodeJS.EventEmitter } = {},
): Promise<number> {
  const out = io.out ?? (text => process.stdout.write(text))
  const err = io.err ?? (text => process.stderr.write(text))
  const signals = io.signals ?? process
  let values
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        store: { type: 'string' },
        'account-id': { type: 'string' },
        region: { type: 'string' },
        credentials: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'log-format': { type: 'string' },
        'advertise-url': { type: 'string' },
        'secrets-key-file': { type: 'string' },
        throttle: { type: 'string', multiple: true },
        'no-throttle': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    err(`quayside server: ${(error as Error).message.split('\n')[0] ?? ''} (see --help)\n`)
    return 2
  }
  if (values.help) {
    out(SERVER_HELP)
    return 0
  }
  const problem = checkFlags(values)
  let throttling: ThrottleRates | undefined
  try {
    throttling = throttleRates(values.throttle ?? [], values['no-throttle'] === true)
  } catch (error) {
    err(`quayside server: ${(error as Error).message} (see --help)\n`)
    return 2
  }
  if (problem) {
    err(`quayside server: ${problem} (see --help)\n`)
    return 2
  }
  let server
  try {
    server = await startServer({
      host: values.host,
      port: values.port === undefined ? 4100 : Number(values.port),
      dataDir: values['data-dir'],
      store: values.store,
      accountId: values['account-id'],
      region: values.region,
      credentialsFile: values.credentials,
      tlsCert: values['tls-cert'],
      tlsKey: values['tls-key'],
      logFormat: (values['log-format'] ?? 'text') as 'text' | 'json' | 'none',
      throttling,
      advertiseUrl: values['advertise-url'],
      secretsKeyFile: values['secrets-key-file'],
    })
  } catch (error) {
    err(`quayside server: ${(error as Error).message}\n`)
    return 1
  }
  for (const warning of server.warnings) err(`${warning}\n`)
  out(`${server.banner}\n`)
  await new Promise<void>(resolve => {
    const stop = () => {
      signals.off('SIGTERM', stop)
      signals.off('SIGINT', stop)
      resolve()
    }
    signals.on('SIGTERM', stop)
    signals.on('SIGINT', stop)
  })
  await server.close()
  return 0
}

/**
 * The throttling of `--throttle` flags over the defaults; undefined with `--no-throttle`. Throws
 * an Error whose message is the line to print. Pure.
 */
export function throttleRates(flags: readonly string[], off: boolean): ThrottleRates | undefined {
  if (off) {
    if (flags.length > 0) throw new Error('--throttle and --no-throttle exclude each other')
    return undefined
  }
  return flags.reduce((rates, flag) => parseThrottleRate(flag, rates), DEFAULT_THROTTLE_RATES)
}

/** The flag checks parseArgs cannot do; a message, or undefined when all is well. Pure. */
export function checkFlags(
  values: Record<string, string | boolean | string[] | undefined>,
): string | undefined {
  const port = values['port']
  if (typeof port === 'string' && !/^\d{1,5}$/.test(port))
    return `--port must be a number, not ${port}`
  if (typeof port === 'string' && Number(port) > 65535) return `--port must be at most 65535`
  const account = values['account-id']
  if (typeof account === 'string' && !/^\d{12}$/.test(account))
    return '--account-id must be 12 digits'
  const region = values['region']
  if (typeof region === 'string' && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    return `--region ${region} is not a region name`
  const format = values['log-format']
  if (typeof format === 'string' && !['text', 'json', 'none'].includes(format))
    return '--log-format must be text, json or none'
  const advertise = values['advertise-url']
  if (typeof advertise === 'string' && checkAdvertiseUrl(advertise) !== undefined)
    return checkAdvertiseUrl(advertise)
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    return '--tls-cert and --tls-key must be given together'
  }
  return undefined
}
