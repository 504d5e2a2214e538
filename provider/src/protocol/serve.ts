/**
 * The gRPC server of a plugin process: tfplugin6.Provider backed by the RPC handlers, health
 * ("plugin" is SERVING) and go-plugin's controller (Shutdown), on a unix socket in a private
 * temporary folder, with message sizes unlimited as Terraform's own client sets them.
 */
import { Server, ServerCredentials, status } from '@grpc/grpc-js'
import type { sendUnaryData, ServerUnaryCall, UntypedServiceImplementation } from '@grpc/grpc-js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '../log.js'
import { certificateLineValue, handshakeLine } from './handshake.js'
import type { ProviderRpcs } from './messages.js'
import { loadServices } from './proto.js'
import { createServerIdentity, mutualTlsCredentials } from './tls.js'

/** Options of {@link startPluginServer}. */
export interface PluginServerOptions {
  readonly rpcs: ProviderRpcs
  readonly log: Logger
  /** Terraform's client certificate (PEM); without it the server runs without TLS. */
  readonly clientCert: string | undefined
  /** Called after the controller's Shutdown has been answered. */
  readonly onShutdown: () => void
}

/** A running plugin server. */
export interface PluginServer {
  /** The handshake line to print on stdout. */
  readonly handshake: string
  readonly socketPath: string
  /** Stops serving and removes the socket and its folder. Safe to call twice. */
  stop(): Promise<void>
}

type Handler = (request: object) => Promise<unknown>

function unary(log: Logger, name: string, handler: Handler) {
  return (call: ServerUnaryCall<object, unknown>, callback: sendUnaryData<unknown>) => {
    log.log('debug', `rpc ${name}`)
    handler(call.request).then(
      response => {
        callback(null, response)
      },
      (error: unknown) => {
        log.log('error', `rpc ${name} failed`, { error: String(error) })
        callback({ code: status.INTERNAL, details: String(error) })
      },
    )
  }
}

/** Starts serving; resolves once the socket accepts connections. */
export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
  const services = loadServices()
  const server = new Server({
    'grpc.max_receive_message_length': -1,
    'grpc.max_send_message_length': -1,
  })
  const provider: UntypedServiceImplementation = {}
  for (const [name, handler] of Object.entries(options.rpcs) as [string, Handler][]) {
    provider[name] = unary(options.log, name, handler)
  }
  server.addService(services.provider, provider)
  server.addService(services.health, {
    Check: (
      call: ServerUnaryCall<{ service: string }, unknown>,
      callback: sendUnaryData<unknown>,
    ) => {
      if (call.request.service === '' || call.request.service === 'plugin') {
        callback(null, { status: 'SERVING' })
      } else
        callback({ code: status.NOT_FOUND, details: `unknown service ${call.request.service}` })
    },
  })
  server.addService(services.controller, {
    Shutdown: (_call: ServerUnaryCall<object, object>, callback: sendUnaryData<object>) => {
      options.log.log('debug', 'GRPCController.Shutdown')
      callback(null, {})
      setImmediate(options.onShutdown)
    },
  })

  let certificate: string | undefined
  let credentials = ServerCredentials.createInsecure()
  if (options.clientCert !== undefined) {
    const identity = await createServerIdentity()
    credentials = mutualTlsCredentials(identity, options.clientCert)
    certificate = certificateLineValue(identity.certPem)
  }
  const folder = mkdtempSync(join(tmpdir(), 'quayside-provider-'))
  const socketPath = join(folder, 'plugin.sock')
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(`unix://${socketPath}`, credentials, error => {
      if (error) reject(error)
      else resolve()
    })
  })
  let stopped = false
  return {
    handshake: handshakeLine(socketPath, certificate),
    socketPath,
    stop: async () => {
      if (stopped) return
      stopped = true
      await new Promise<void>(resolve => {
        server.tryShutdown(() => {
          resolve()
        })
        // calls in flight get a moment, then the server is closed regardless
        setTimeout(() => {
          server.forceShutdown()
          resolve()
        }, 2000).unref()
      })
      rmSync(folder, { recursive: true, force: true })
    },
  }
}
