/**
 * The listening socket: HTTP, or HTTPS with `--tls-cert/--tls-key`. `close()` stops accepting,
 * lets requests in flight finish, then resolves.
 */
import { readFile } from 'node:fs/promises'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { EcsServerError } from '../errors.js'

/** A bound listener. */
export interface Listener {
  readonly port: number
  readonly url: string
  close(): Promise<void>
}

/** Binds `host:port` and serves `handler`. */
export async function listen(options: {
  host: string
  port: number
  tlsCert?: string | undefined
  tlsKey?: string | undefined
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>
  /** Takes HTTP upgrade requests (the agent channel's WebSocket); refused when absent. */
  onUpgrade?: ((request: IncomingMessage, socket: Socket, head: Buffer) => void) | undefined
}): Promise<Listener> {
  const { host, port, tlsCert, tlsKey, handler, onUpgrade } = options
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new EcsServerError('ECS_SRV_CONFIG', '--tls-cert and --tls-key must be given together')
  }
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    void handler(request, response)
  }
  const server =
    tlsCert !== undefined && tlsKey !== undefined
      ? createHttpsServer({ cert: await readFile(tlsCert), key: await readFile(tlsKey) }, listener)
      : createHttpServer(listener)
  server.keepAliveTimeout = 65_000
  if (onUpgrade) server.on('upgrade', onUpgrade)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port
  const scheme = tlsCert !== undefined ? 'https' : 'http'
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    port: bound,
    url: `${scheme}://${shownHost}:${bound}`,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => {
          resolve()
        })
        // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
        server.closeIdleConnections()
      }),
  }
}

/** True for addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.')
}
