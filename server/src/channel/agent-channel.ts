/**
 * The server side of the agent channel: a WebSocket at `/ws?clusterArn=...&containerInstanceArn=...`
 * on the API's own listener, accepted only with a valid SigV4 signature on the upgrade request and
 * for a registered (ACTIVE or DRAINING) container instance of the signer's account and region.
 *
 * Delivery is at least once: every PayloadMessage stays pending until the agent acks its
 * messageId and is resent each heartbeat interval; agents apply tasks idempotently by ARN. The
 * instance's `agentConnected` is true while the socket is open and frames keep arriving; a
 * silence longer than interval + grace, or a close, turns it false.
 *
 * Several replicas may share one PostgreSQL store: task changes committed by one reach the agents
 * held by another through the store's notifications (./fanout.ts). The replica holding a channel
 * records its connection as the instance's `agentSession` and renews `agentLeaseUntil` every
 * interval, so the instances of a replica that died read as disconnected once their lease ends.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  encodeFrame,
  encodePayload,
  parseAgentFrame,
  type Frame,
} from '@quayside/openapi/agent-protocol'
import { clusterName } from '../arn.js'
import { allows } from '../auth/authorize.js'
import type { Credential, CredentialSet } from '../auth/credentials.js'
import { verifySignature } from '../auth/sigv4.js'
import { instanceId, type ContainerInstanceDocument } from '../resources/container-instances.js'
import { renderTask, type TaskRecord } from '../resources/tasks.js'
import type { TaskChangeEvent } from '../events.js'
import type { ServerRuntime } from '../runtime.js'
import type { Scope, Store } from '../store/index.js'
import { reportHealth } from '../tasks/health-report.js'
import { encodeNotice, parseNotice } from './fanout.js'
import { roleCredentialsAnswer } from './role-credentials.js'
import { storeAgentLogs } from '../logs/agent-logs.js'
import { taskSecretsAnswer } from '../secrets/task-secrets.js'

/** Timing of the channel (startServer options `agentHeartbeatIntervalMs`/`agentHeartbeatGraceMs`). */
export interface ChannelOptions {
  /** How often the server beats, resends unacked payloads and checks liveness (default 30 s). */
  readonly heartbeatIntervalMs: number
  /** How long past one interval an agent may stay silent before it counts as gone (default 60 s). */
  readonly heartbeatGraceMs: number
  /** The least time between two task payloads to one agent (default {@link PAYLOAD_SPACING_MS}). */
  readonly payloadSpacingMs?: number | undefined
}

/** One open agent connection. */
interface Connection {
  readonly socket: WebSocket
  readonly scope: Scope
  readonly cluster: string
  readonly instanceId: string
  readonly clusterArn: string
  readonly containerInstanceArn: string
  /** This connection's id, stored as the instance's `agentSession`. */
  readonly session: string
  readonly pending: Map<string, string>
  /**
   * Task changes not sent yet, by ARN (a later change of the same task replaces the earlier
   * one): they leave together in one PayloadMessage.
   */
  readonly outbox: Map<string, { record: TaskRecord; taskJson: string | undefined }>
  /** When the last task payload left (performance.now()), for the payload spacing. */
  lastPayloadAt: number
  /**
   * Full task lists queued or being read for this connection, one at a time (`listing` chains
   * them). While one is pending the outbox is held and goes out inside that list (see
   * `#sendFullList`).
   */
  listsPending: number
  listing: Promise<void>
  lastSeen: number
  timer: NodeJS.Timeout | undefined
}

/**
 * The least time between two task payloads to one agent, by default. A change to an agent that has had no
 * payload for this long leaves at the end of the current turn of the event loop; changes that
 * come sooner wait for the spacing to pass and travel together. A busy cluster thus costs each
 * agent at most one frame and one ack per interval, instead of one per task (a frame and its ack
 * cost more than the task they carry), while a quiet one sees no delay at all.
 */
export const PAYLOAD_SPACING_MS = 100

/**
 * The largest frame an agent may send. Its frames are acks, heartbeats and task-list requests of a
 * few hundred bytes (states travel through the API), so 64 KiB leaves room and keeps one socket from
 * making the server buffer a large message: a longer frame closes the socket with 1009.
 */
export const AGENT_FRAME_LIMIT_BYTES = 64 * 1024

const keyOf = (scope: Scope, id: string) => `${scope.account}/${scope.region}/${id}`

function refuse(socket: Socket, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/** The channel; `handleUpgrade` is the listener's `upgrade` handler. */
export class AgentChannel {
  readonly #store: Store
  readonly #credentials: CredentialSet
  readonly #options: ChannelOptions
  readonly #onFault: (error: unknown) => void
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: AGENT_FRAME_LIMIT_BYTES })
  readonly #connections = new Map<string, Connection>()
  readonly #unsubscribe: () => void
  /** Where an agent's connect and disconnect are told to the service scheduler. */
  readonly #instanceChanges: ServerRuntime['instanceChanges']
  /** Where the health the agents report is told (to the service scheduler among others). */
  readonly #events: ServerRuntime['events']
  /** The key of SSM parameters and secrets, for the tasks' `secrets` (../secrets/task-secrets.ts). */
  readonly #secretsKey: ServerRuntime['secretsKey']
  /** This replica's id in published notices. */
  readonly #origin = randomUUID()
  #unlisten: (() => Promise<void>) | undefined

  constructor(
    store: Store,
    credentials: CredentialSet,
    runtime: ServerRuntime,
    options: ChannelOptions,
    onFault: (error: unknown) => void,
  ) {
    this.#store = store
    this.#credentials = credentials
    this.#options = options
    this.#onFault = onFault
    this.#instanceChanges = runtime.instanceChanges
    this.#events = runtime.events
    this.#secretsKey = runtime.secretsKey
    this.#unsubscribe = runtime.events.on(event => {
      this.#store.notifications?.publish(encodeNotice(this.#origin, event)).catch(this.#onFault)
      this.#deliver(event.scope, event.change, event.record, event.taskJson)
    })
  }

  /** How many agent channels this replica holds now. */
  get agentCount(): number {
    return this.#connections.size
  }

  /** Listens to other replicas' task changes when the store is shared; call once before serving. */
  async start(): Promise<void> {
    const notifications = this.#store.notifications
    if (!notifications) return
    this.#unlisten = await notifications.subscribe(text => {
      this.#onNotice(text).catch(this.#onFault)
    })
  }

  #deliver(
    scope: Scope,
    change: TaskChangeEvent['change'],
    record: TaskRecord,
    taskJson?: string,
  ): void {
    // The agent already knows what it reported; only placements and desired changes go out.
    if (change === 'reported') return
    const connection = this.#connections.get(keyOf(scope, record.instanceId))
    if (!connection) return
    if (connection.outbox.size === 0) {
      const spacing = this.#options.payloadSpacingMs ?? PAYLOAD_SPACING_MS
      const wait = connection.lastPayloadAt + spacing - performance.now()
      const flush = () => {
        this.#flush(connection)
      }
      if (wait <= 0) setImmediate(flush)
      else setTimeout(flush, wait).unref()
    }
    connection.outbox.set(record.task.taskArn, { record, taskJson })
  }

  #flush(connection: Connection): void {
    if (connection.listsPending > 0) return // the pending full list carries the outbox
    const items = [...connection.outbox.values()]
    connection.outbox.clear()
    connection.lastPayloadAt = performance.now()
    if (this.#connections.get(keyOf(connection.scope, connection.instanceId)) !== connection) return // replaced or closed meanwhile: the next connection gets the full list
    this.#sendTasks(
      connection,
      items.map(i => i.taskJson ?? JSON.stringify(renderTask(i.record, ['TAGS']))),
      false,
    )
  }

  async #onNotice(text: string): Promise<void> {
    const notice = parseNotice(text)
    if (!notice || notice.origin === this.#origin || notice.change === 'reported') return
    const scope = { account: notice.account, region: notice.region }
    if (!this.#connections.has(keyOf(scope, notice.instanceId))) return
    // Published after its commit, so the store already holds the change (or a later one).
    const doc = await this.#store.transaction(tx =>
      tx.get<TaskRecord>(scope, 'task', notice.taskId),
    )
    if (doc) this.#deliver(scope, notice.change, doc.body)
  }

  /** Authenticates and accepts (or refuses) an upgrade request. */
  handleUpgrade = (request: IncomingMessage, socket: Socket, head: Buffer): void => {
    this.#accept(request, socket, head).catch((error: unknown) => {
      this.#onFault(error)
      refuse(socket, 500, 'Internal Server Error')
    })
  }

  async #accept(request: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname !== '/ws') {
      refuse(socket, 404, 'Not Found')
      return
    }
    let scope: Scope
    let credential: Credential
    try {
      const principal = verifySignature(
        { method: 'GET', url: request.url ?? '/', headers: request.headers, body: Buffer.alloc(0) },
        this.#credentials,
      )
      scope = { account: principal.credential.accountId, region: principal.region }
      credential = principal.credential
    } catch {
      // Any signature problem: the agent sees a refused upgrade, as with ECS.
      refuse(socket, 403, 'Forbidden')
      return
    }
    const cluster = clusterName(scope, url.searchParams.get('clusterArn') ?? undefined)
    // A scoped key (an agent's) opens channels only where its policy allows ecs:Poll.
    if (
      !allows(
        credential,
        'ecs:Poll',
        `arn:aws:ecs:${scope.region}:${scope.account}:cluster/${cluster}`,
      )
    ) {
      refuse(socket, 403, 'Forbidden')
      return
    }
    const reference = url.searchParams.get('containerInstanceArn') ?? ''
    const id = instanceId(scope, cluster, reference)
    const doc =
      id === undefined
        ? undefined
        : await this.#store.transaction(tx =>
            tx.get<ContainerInstanceDocument>(scope, 'container-instance', id),
          )
    if (id === undefined || doc?.parent !== cluster || doc.body.status === 'INACTIVE') {
      refuse(socket, 403, 'Forbidden')
      return
    }
    const clusterArn = `arn:aws:ecs:${scope.region}:${scope.account}:cluster/${cluster}`
    this.#wss.handleUpgrade(request, socket, head, ws => {
      this.#attach(ws, {
        scope,
        cluster,
        instanceId: id,
        clusterArn,
        containerInstanceArn: doc.body.containerInstanceArn,
      })
    })
  }

  #attach(
    socket: WebSocket,
    who: Pick<
      Connection,
      'scope' | 'cluster' | 'instanceId' | 'clusterArn' | 'containerInstanceArn'
    >,
  ): void {
    const key = keyOf(who.scope, who.instanceId)
    this.#connections.get(key)?.socket.terminate()
    const connection: Connection = {
      ...who,
      socket,
      session: randomUUID(),
      pending: new Map(),
      outbox: new Map(),
      lastPayloadAt: -Infinity,
      listsPending: 0,
      listing: Promise.resolve(),
      lastSeen: Date.now(),
      timer: undefined,
    }
    this.#connections.set(key, connection)
    const { heartbeatIntervalMs, heartbeatGraceMs } = this.#options
    connection.timer = setInterval(() => {
      if (Date.now() - connection.lastSeen > heartbeatIntervalMs + heartbeatGraceMs) {
        socket.terminate()
        return
      }
      for (const text of connection.pending.values()) socket.send(text)
      this.#send(connection, {
        type: 'HeartbeatMessage',
        message: { messageId: randomUUID(), healthy: true },
      })
      this.#record(connection, 'renew').catch(this.#onFault)
    }, heartbeatIntervalMs)
    socket.on('message', (data: Buffer) => {
      connection.lastSeen = Date.now()
      this.#receive(connection, data.toString('utf8'))
    })
    // A protocol error (a frame over the limit, bad framing) is the agent's: ws closes the socket
    // with the matching code (1009, 1002), and the close handler below cleans up.
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearInterval(connection.timer)
      if (this.#connections.get(key) !== connection) return
      this.#connections.delete(key)
      this.#record(connection, 'close').catch(this.#onFault)
    })
    this.#record(connection, 'connect')
      .then(() => this.#sendFullList(connection))
      .catch(this.#onFault)
  }

  #receive(connection: Connection, text: string): void {
    const frame = parseAgentFrame(text)
    if (!frame) {
      this.#send(connection, {
        type: 'ErrorMessage',
        message: { message: 'Frames are JSON {"type", "message": {"messageId", ...}}.' },
      })
      return
    }
    switch (frame.type) {
      case 'AckRequest':
        connection.pending.delete(frame.message.messageId)
        break
      case 'HeartbeatMessage':
        this.#send(connection, {
          type: 'HeartbeatAckRequest',
          message: { messageId: frame.message.messageId },
        })
        break
      case 'HeartbeatAckRequest':
        break
      case 'TaskListRequest':
        this.#sendFullList(connection).catch(this.#onFault)
        break
      case 'IAMRoleCredentialsRequest': {
        const { messageId, taskArn } = frame.message
        roleCredentialsAnswer(this.#store, this.#credentials, connection, messageId, taskArn)
          .then(message => {
            this.#send(connection, { type: 'IAMRoleCredentialsMessage', message })
          })
          .catch(this.#onFault)
        break
      }
      case 'PublishHealthRequest': {
        const { scope, cluster } = connection
        reportHealth(this.#store, scope, cluster, connection.instanceId, frame.message.tasks)
          .then(changed => {
            for (const record of changed)
              this.#events.emit({ scope, cluster, change: 'reported', record })
          })
          .catch(this.#onFault)
        break
      }
      case 'TaskSecretsRequest': {
        // a task's secrets, resolved when its agent starts it; the values travel only here
        const { messageId, taskArn } = frame.message
        taskSecretsAnswer(this.#store, this.#secretsKey, connection, messageId, taskArn)
          .then(message => {
            this.#send(connection, { type: 'TaskSecretsMessage', message })
          })
          .catch(this.#onFault)
        break
      }
      case 'LogEventsMessage':
        // awslogs output of a container (../logs/agent-logs.ts), acked once stored
        storeAgentLogs(this.#store, connection.scope, frame.message)
          .then(message => {
            this.#send(connection, { type: 'LogEventsAck', message })
          })
          .catch(this.#onFault)
        break
    }
  }

  #send(connection: Connection, frame: Frame): void {
    connection.socket.send(encodeFrame(frame))
  }

  /** Sends the tasks (as JSON) in one PayloadMessage, kept until the agent acks it. */
  #sendTasks(connection: Connection, taskJsons: readonly string[], full: boolean): void {
    const messageId = randomUUID()
    // A full list supersedes every earlier payload: resending one of those after it could only
    // bring back a state older than the list's.
    if (full) connection.pending.clear()
    const text = encodePayload(
      {
        messageId,
        clusterArn: connection.clusterArn,
        containerInstanceArn: connection.containerInstanceArn,
        full,
      },
      taskJsons,
    )
    connection.socket.send(text)
    connection.pending.set(messageId, text)
  }

  /**
   * Sends the instance's full list: every task on it that has not stopped. The agent stops what
   * the list lacks, so the list must never be older than a payload sent before it: a task placed
   * after the list was read would otherwise be stopped by it. Hence lists go one at a time, and
   * changes arriving while one is read wait in the outbox and travel inside it (the newer of the
   * two copies of a task wins, a stopped one included).
   */
  #sendFullList(connection: Connection): Promise<void> {
    connection.listsPending += 1
    const send = async () => {
      try {
        const docs = await this.#store.transaction(tx =>
          tx.list<TaskRecord>(connection.scope, 'task', { parent: connection.cluster }),
        )
        const mine = new Map<string, { record: TaskRecord; taskJson: string | undefined }>()
        for (const { body } of docs) {
          if (body.instanceId === connection.instanceId && body.task.lastStatus !== 'STOPPED')
            mine.set(body.task.taskArn, { record: body, taskJson: undefined })
        }
        for (const [arn, item] of connection.outbox) {
          const listed = mine.get(arn)
          if (!listed || listed.record.task.version <= item.record.task.version) mine.set(arn, item)
        }
        connection.outbox.clear()
        if (connection.socket.readyState === connection.socket.OPEN)
          this.#sendTasks(
            connection,
            [...mine.values()].map(
              i => i.taskJson ?? JSON.stringify(renderTask(i.record, ['TAGS'])),
            ),
            true,
          )
      } finally {
        connection.listsPending -= 1
        // a list that failed leaves what it held for the ordinary flush
        if (connection.listsPending === 0 && connection.outbox.size > 0)
          setImmediate(() => {
            this.#flush(connection)
          })
      }
    }
    const done = connection.listing.then(send)
    connection.listing = done.catch(() => undefined)
    return done
  }

  /**
   * Records the connection as the instance's agent with a fresh lease ('connect'), extends that
   * lease ('renew'), or clears it ('close'). Only the latest connection owns the instance: after
   * a reconnect to another replica, the old connection's beat or late close must not undo it.
   */
  async #record(connection: Connection, mode: 'connect' | 'renew' | 'close'): Promise<void> {
    const { heartbeatIntervalMs, heartbeatGraceMs } = this.#options
    const lease = Date.now() + heartbeatIntervalMs + heartbeatGraceMs
    const flipped = await this.#store.transaction(async tx => {
      const doc = await tx.get<ContainerInstanceDocument>(
        connection.scope,
        'container-instance',
        connection.instanceId,
      )
      if (!doc) return false
      const { agentSession: held, ...body } = doc.body
      delete body.agentLeaseUntil
      const owned = held === connection.session
      if (mode === 'renew' && !(owned && body.agentConnected)) return false
      if (mode === 'close' && !owned && held !== undefined) return false
      const connected = mode !== 'close'
      await tx.put(connection.scope, 'container-instance', doc.id, doc.parent, {
        ...body,
        agentConnected: connected,
        ...(connected ? { agentSession: connection.session, agentLeaseUntil: lease } : {}),
        version: body.agentConnected === connected ? body.version : body.version + 1,
      })
      // A connect after a lease ran out reads as a change too: the instance takes tasks again.
      return mode !== 'renew'
    })
    if (flipped)
      this.#instanceChanges.emit({ scope: connection.scope, cluster: connection.cluster })
  }

  /** Marks every connected instance disconnected, closes the sockets and stops listening to events. */
  close(): Promise<void> {
    return this.#shutDown(true)
  }

  /**
   * Stops as a crashed process would: sockets dropped, nothing recorded in the store, so the
   * instances still read `agentConnected: true` until their lease ends (tests of replica failure).
   */
  abandon(): Promise<void> {
    return this.#shutDown(false)
  }

  async #shutDown(recordClose: boolean): Promise<void> {
    this.#unsubscribe()
    await this.#unlisten?.()
    const open = [...this.#connections.values()]
    this.#connections.clear()
    for (const connection of open) {
      clearInterval(connection.timer)
      if (recordClose) await this.#record(connection, 'close').catch(this.#onFault)
      connection.socket.terminate()
    }
    this.#wss.close()
  }
}
