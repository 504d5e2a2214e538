/**
 * The provider executable's entry (bin/terraform-provider-quayside runs it): check the handshake
 * environment, serve, print the one handshake line, and live until Terraform says Shutdown or
 * sends SIGTERM. SIGINT is ignored: Ctrl-C reaches the whole process group, and Terraform asks
 * the provider to stop through StopProvider instead.
 */
import { selectBackendFactory } from './backend/select.js'
import { createLogger, levelFromEnv } from './log.js'
import { checkHandshake } from './protocol/handshake.js'
import { startPluginServer } from './protocol/serve.js'
import { createProviderRpcs } from './server/index.js'

async function main(): Promise<void> {
  const check = checkHandshake(process.env)
  if (!check.ok) {
    process.stderr.write(check.message)
    process.exitCode = 1
    return
  }
  const log = createLogger({
    level: levelFromEnv(process.env),
    write: line => process.stderr.write(line),
  })
  process.on('SIGINT', () => {
    log.log('debug', 'ignoring SIGINT: Terraform stops providers with StopProvider')
  })
  const rpcs = createProviderRpcs({ factory: selectBackendFactory(process.env), log })
  let exiting = false
  const exit = (why: string) => {
    if (exiting) return
    exiting = true
    log.log('debug', `exiting: ${why}`)
    void server.stop().then(() => process.exit(0))
  }
  const server = await startPluginServer({
    rpcs,
    log,
    clientCert: check.clientCert,
    onShutdown: () => {
      exit('GRPCController.Shutdown')
    },
  })
  process.on('SIGTERM', () => {
    exit('SIGTERM')
  })
  process.stdout.write(`${server.handshake}\n`)
  log.log('info', 'plugin started', { socket: server.socketPath, pid: process.pid })
}

await main()
