/**
 * The agent's end of the channel: finds the endpoint (DiscoverPollEndpoint), opens the
 * SigV4-signed WebSocket, hands each PayloadMessage to `onPayload` and acks it once applied,
 * answers and sends heartbeats, and reconnects with doubling, jittered delays when the socket
 * closes or goes quiet. After every reconnection it asks for the full task list (TaskListRequest),
 * because payloads sent while it was away may be lost.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import aws4 from 'aws4'
import WebSocket from 'ws'
import {
  encodeFrame,
  parseServerFrame,
  type AgentFrame,
  type IAMRoleCredentialsMessage,
  type LogEventsAck,
  type PayloadMessage,
  type TaskSecretsMessage,
} from '@quayside/openapi/agent-protocol'
import type { AgentCredentials } from '../credentials.js'
import { ChannelError } from '../errors.js'
import { backoffDelay } from './backoff.js'

/** A PayloadMessage as the client hands it over: its tasks are those the agent can use. */
export type Payload = PayloadMessage

export interface ChannelOptions {
  /** DiscoverPollEndpoint: resolves to the server's base URL (`http://host:port/`). */
  readonly discover: () => Promise<string>
  readonly cluster: string
  readonly containerInstanceArn: string
  readonly region: string
  readonly credentials: () => AgentCredentials
  /** Applies a payload; the ack is sent once it resolves (a rejection is reported, then acked). */
  readonly onPayload: (payload: Payload) => Promise<void>
  /** Extra trusted CA (PEM) for a `wss://` endpoint. */
  readonly ca?: string | Buffer | undefined
  /** Beat interval in ms (default 30 000); the socket is dropped after 3 intervals of silence. */
  readonly heartbeatIntervalMs?: number | undefined
  /** First reconnect delay (default 500 ms), doubling up to `maxBackoffMs` (default 30 s). */
  readonly backoffMs?: number | undefined
  readonly maxBackoffMs?: number | undefined
  readonly onError?: ((error: unknown) => void) | undefined
  /** Called on every open (`reconnect` false the first time). */
  readonly onConnect?: ((reconnect: boolean) => void) | undefined
  /** The server's answer to a LogEventsMessage (../logs/log-shipper.ts). */
  readonly onLogEventsAck?: ((ack: LogEventsAck) => void) | undefined
  /** The server's answer to an IAMRoleCredentialsRequest (../task-endpoint/role-credentials.ts). */
  readonly onRoleCredentials?: ((message: IAMRoleCredentialsMessage) => void) | undefined
  /** The server's answer to a TaskSecretsRequest (./task-secrets.ts). */
  readonly onTaskSecrets?: ((message: TaskSecretsMessage) => void) | undefined
}

/** The channel URL for the server base URL `endpoint`. */
export function channelUrl(endpoint: string, cluster: string, containerInstanceArn: string): URL {
  const url = new URL('ws', endpoint.endsWith('/') ? endpoint : `${endpoint}/`)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.search = `clusterArn=${encodeURIComponent(cluster)}&containerInstanceArn=${encodeURIComponent(containerInstanceArn)}`
  return url
}

export class ChannelClient {
  readonly #options: ChannelOptions
  readonly #stop = new AbortController()
  #socket: WebSocket | undefined
  #loop: Promise<void> | undefined
  #connections = 0

  constructor(options: ChannelOptions) {
    this.#options = options
  }

  /** How many times the socket has opened. */
  get connections(): number {
    return this.#connections
  }

  /** Sends `frame` now if the socket is open; false when it is not (the caller may retry). */
  send(frame: AgentFrame): boolean {
    const socket = this.#socket
    if (socket?.readyState !== WebSocket.OPEN) return false
    socket.send(encodeFrame(frame))
    return true
  }

  /** Starts connecting (and reconnecting) until {@link close}. */
  start(): void {
    this.#loop ??= this.#run()
  }

  /** Closes the socket and stops reconnecting. */
  async close(): Promise<void> {
    this.#stop.abort()
    this.#socket?.close()
    await this.#loop
  }

  async #run(): Promise<void> {
    const { signal } = this.#stop
    let attempt = 0
    while (!signal.aborted) {
      try {
        const opened = await this.#session()
        if (opened) attempt = 0
      } catch (error) {
        this.#options.onError?.(error)
      }
      // an abort makes this sleep end at once, and the loop condition ends the loop
      const delay = backoffDelay(
        attempt++,
        this.#options.backoffMs ?? 500,
        this.#options.maxBackoffMs ?? 30_000,
      )
      await sleep(delay, undefined, { signal }).catch(() => undefined)
    }
  }

  /** One connection, from discovery to close; resolves true when the socket had opened. */
  async #session(): Promise<boolean> {
    const o = this.#options
    const endpoint = await o.discover()
    const url = channelUrl(endpoint, o.cluster, o.containerInstanceArn)
    const path = `${url.pathname}${url.search}`
    const { accessKeyId, secretAccessKey, sessionToken } = o.credentials()
    const signed = aws4.sign(
      { host: url.host, path, method: 'GET', service: 'ecs', region: o.region, headers: {} },
      { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) },
    )
    if (this.#stop.signal.aborted) return false
    const socket = new WebSocket(url, {
      headers: signed.headers as Record<string, string>,
      ...(o.ca !== undefined ? { ca: o.ca } : {}),
    })
    this.#socket = socket
    const interval = o.heartbeatIntervalMs ?? 30_000
    let opened = false
    let lastHeard = Date.now()
    let timer: NodeJS.Timeout | undefined
    const send = (frame: AgentFrame) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(encodeFrame(frame))
    }
    return new Promise<boolean>((resolve, reject) => {
      socket.on('unexpected-response', (_request, response) => {
        reject(
          new ChannelError(`the server refused the channel: HTTP ${String(response.statusCode)}`),
        )
        socket.terminate()
      })
      socket.on('error', error => {
        if (!opened)
          reject(new ChannelError(`cannot open the channel: ${error.message}`, { cause: error }))
        else o.onError?.(new ChannelError(error.message, { cause: error }))
      })
      socket.on('open', () => {
        opened = true
        const reconnect = this.#connections++ > 0
        if (reconnect) send({ type: 'TaskListRequest', message: { messageId: randomUUID() } })
        o.onConnect?.(reconnect)
        timer = setInterval(() => {
          if (Date.now() - lastHeard > 3 * interval) socket.terminate()
          else
            send({ type: 'HeartbeatMessage', message: { messageId: randomUUID(), healthy: true } })
        }, interval)
      })
      socket.on('message', (data: Buffer) => {
        lastHeard = Date.now()
        const frame = parseServerFrame(data.toString('utf8'))
        if (frame?.type === 'HeartbeatMessage')
          send({ type: 'HeartbeatAckRequest', message: { messageId: frame.message.messageId } })
        else if (frame?.type === 'PayloadMessage')
          o.onPayload(frame.message)
            .catch((error: unknown) => o.onError?.(error))
            .finally(() => {
              send({ type: 'AckRequest', message: { messageId: frame.message.messageId } })
            })
        else if (frame?.type === 'LogEventsAck') o.onLogEventsAck?.(frame.message)
        else if (frame?.type === 'IAMRoleCredentialsMessage') o.onRoleCredentials?.(frame.message)
        else if (frame?.type === 'TaskSecretsMessage') o.onTaskSecrets?.(frame.message)
        else if (frame?.type === 'ErrorMessage')
          o.onError?.(new ChannelError(`the server says: ${frame.message.message}`))
      })
      socket.on('close', () => {
        clearInterval(timer)
        if (this.#socket === socket) this.#socket = undefined
        resolve(opened)
      })
    })
  }
}
