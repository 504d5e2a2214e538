/**
 * A quayside server for a bench part, in a process of its own so that the part reads the
 * server's CPU time alone: `node --import tsx bench/serve.ts '<ServerOptions as JSON>'` starts
 * it with those options (flags cannot set all of them, e.g. `serviceLaunchesPerMinute`), prints
 * its URL on one line of stdout, and stops on SIGTERM.
 */
import { startServer, type ServerOptions } from '../server/src/main.js'

const options = JSON.parse(process.argv[2] ?? '{}') as ServerOptions
const server = await startServer({ logFormat: 'none', ...options, host: '127.0.0.1', port: 0 })
process.stdout.write(`${server.url}\n`)
await new Promise<void>(resolve => {
  process.once('SIGTERM', resolve)
  process.once('SIGINT', resolve)
})
await server.close()
