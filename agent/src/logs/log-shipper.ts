/**
 * The awslogs driver, served by the agent: when a container whose definition says
 * `logDriver: awslogs` is reported RUNNING, its output is followed from the Docker Engine
 * (./log-source.ts), split into whole lines per stream (./line-splitter.ts), batched and shipped
 * over the agent channel as LogEventsMessage frames; the server names the group and stream from
 * the options and stores the events. The first frame of a container has no events: it opens the
 * stream (creating the group with `awslogs-create-group: "true"`), and a refusal (no such group)
 * is handed to `onRefused`, which stops the task as ECS fails a container whose log driver cannot
 * start.
 *
 * Memory stays bounded however fast a container writes: a batch leaves at `batchBytes` of frame
 * text or after `flushMs`, at most `maxInFlight` batches per container wait for the server's ack,
 * and while they wait the follow stream is not read, so Docker keeps the rest (in its json-file
 * log, ./awslogs-config.ts) and the container never blocks. A batch not acked within `ackTimeoutMs`
 * (the channel reconnected) is sent again.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { AgentFrame, LogEvent, LogEventsAck } from '@quayside/openapi/agent-protocol'
import type { LogConfiguration } from '@quayside/openapi/types'
import type {
  ContainerStateChange,
  StateReporter,
  TaskStateChange,
} from '../engine/state-reporter.js'
import { AWSLOGS_DRIVER } from './awslogs-config.js'
import { LineSplitter } from './line-splitter.js'
import type { LogSource } from './log-source.js'

/** Where frames go: the channel client's `send` (false while the socket is not open). */
export interface FrameSink {
  send(frame: AgentFrame): boolean
}

export interface LogShipperOptions {
  readonly source: LogSource
  readonly channel: FrameSink
  /** The container definition's log configuration, from the task the engine runs. */
  readonly logConfiguration: (
    taskArn: string,
    containerName: string,
  ) => LogConfiguration | undefined
  /** The server refused a container's stream for good (its reason, as ECS words such failures). */
  readonly onRefused?:
    ((taskArn: string, containerName: string, reason: string) => void) | undefined
  readonly onError?: ((error: unknown) => void) | undefined
  /** Default 1000 ms. */
  readonly flushMs?: number | undefined
  /** Frame text per batch; default 48 KiB (the server takes frames of up to 64 KiB). */
  readonly batchBytes?: number | undefined
  /** Default 4. */
  readonly maxInFlight?: number | undefined
  /** Default 10 s. */
  readonly ackTimeoutMs?: number | undefined
}

interface Pending {
  readonly resolve: (error: string | undefined) => void
}

/** What an event adds to its frame's JSON text: escapes may make it longer than the line. */
const frameBytes = (message: string): number =>
  // eslint-disable-next-line no-control-regex
  (/["\\\u0000-\u001f]/.test(message)
    ? Buffer.byteLength(JSON.stringify(message))
    : Buffer.byteLength(message) + 2) + 32

/** The most bytes a line piece has: what fits a batch with its frame around it. */
const pieceBytes = (batchBytes: number) => Math.floor(batchBytes / 8) * 6

export class LogShipper {
  readonly #options: LogShipperOptions
  readonly #following = new Map<string, Promise<void>>()
  readonly #pending = new Map<string, Pending>()
  readonly #stop = new AbortController()

  constructor(options: LogShipperOptions) {
    this.#options = options
  }

  /** `reporter`, also starting to follow each awslogs container it hears is RUNNING. */
  wrap(reporter: StateReporter): StateReporter {
    return {
      taskChanged: (change: TaskStateChange) => {
        reporter.taskChanged(change)
      },
      containerChanged: (change: ContainerStateChange) => {
        reporter.containerChanged(change)
        this.containerChanged(change)
      },
    }
  }

  /** Starts following `change`'s container when it runs with the awslogs driver. */
  containerChanged(change: ContainerStateChange): void {
    const id = change.runtimeId
    if (change.status !== 'RUNNING' || id === undefined || this.#following.has(id)) return
    const log = this.#options.logConfiguration(change.taskArn, change.containerName)
    if (log?.logDriver !== AWSLOGS_DRIVER) return
    const follow = this.#follow(change.taskArn, change.containerName, id, log.options ?? {})
      .catch((error: unknown) => this.#options.onError?.(error))
      .finally(() => this.#following.delete(id))
    this.#following.set(id, follow)
  }

  /** The channel's LogEventsAck handler. */
  ack(ack: LogEventsAck): void {
    const pending = this.#pending.get(ack.messageId)
    if (!pending) return
    this.#pending.delete(ack.messageId)
    pending.resolve(ack.error)
  }

  /** How many containers are being followed. */
  get following(): number {
    return this.#following.size
  }

  /** Stops following every container (what is not shipped yet stays in Docker's log). */
  async close(): Promise<void> {
    this.#stop.abort()
    for (const pending of this.#pending.values()) pending.resolve('closed')
    this.#pending.clear()
    await Promise.allSettled([...this.#following.values()])
  }

  async #follow(
    taskArn: string,
    containerName: string,
    runtimeId: string,
    options: Readonly<Record<string, string>>,
  ): Promise<void> {
    const o = this.#options
    const batchBytes = o.batchBytes ?? 48 * 1024
    const signal = this.#stop.signal
    const refused = await this.#ship(taskArn, containerName, runtimeId, options, [])
    if (refused !== undefined) {
      if (!signal.aborted) o.onRefused?.(taskArn, containerName, refused)
      return
    }
    const splitters = {
      stdout: new LineSplitter(pieceBytes(batchBytes)),
      stderr: new LineSplitter(pieceBytes(batchBytes)),
    }
    let batch: LogEvent[] = []
    let size = 0
    const inFlight = new Set<Promise<void>>()
    let failed: string | undefined
    const flush = async () => {
      if (batch.length === 0) return
      const events = batch
      batch = []
      size = 0
      while (inFlight.size >= (o.maxInFlight ?? 4)) await Promise.race(inFlight)
      const sent: Promise<void> = this.#ship(taskArn, containerName, runtimeId, options, events)
        .then(error => {
          failed ??= error
        })
        .finally(() => inFlight.delete(sent))
      inFlight.add(sent)
    }
    // Lines are added without awaiting unless a batch is full: a fast writer's lines cost no
    // turn of the event loop each.
    const add = async (lines: readonly string[]) => {
      const timestamp = Date.now()
      for (const message of lines) {
        const bytes = frameBytes(message)
        if (size + bytes > batchBytes) await flush()
        batch.push({ timestamp, message })
        size += bytes
      }
    }
    const timer = setInterval(() => {
      flush().catch(o.onError ?? (() => undefined))
    }, o.flushMs ?? 1000)
    try {
      for await (const chunk of o.source.followLogs(runtimeId, signal)) {
        await add(splitters[chunk.stream].push(chunk.data))
        if (failed !== undefined) break
      }
      for (const splitter of Object.values(splitters)) await add(splitter.end())
      await flush()
      await Promise.allSettled([...inFlight])
    } finally {
      clearInterval(timer)
    }
    if (failed !== undefined && !signal.aborted) o.onRefused?.(taskArn, containerName, failed)
  }

  /** Sends one batch until the server answers; resolves with its error, if it refused it. */
  async #ship(
    taskArn: string,
    containerName: string,
    runtimeId: string,
    options: Readonly<Record<string, string>>,
    events: readonly LogEvent[],
  ): Promise<string | undefined> {
    const o = this.#options
    const messageId = randomUUID()
    const frame: AgentFrame = {
      type: 'LogEventsMessage',
      message: { messageId, taskArn, containerName, runtimeId, options, events },
    }
    while (!this.#stop.signal.aborted) {
      const answer = new Promise<string | undefined>(resolve => {
        this.#pending.set(messageId, { resolve })
      })
      if (o.channel.send(frame)) {
        const timeout = sleep(o.ackTimeoutMs ?? 10_000, 'timeout' as const, {
          signal: this.#stop.signal,
        }).catch(() => 'timeout' as const)
        const result = await Promise.race([answer, timeout])
        if (result !== 'timeout') return result
      } else await sleep(200, undefined, { signal: this.#stop.signal }).catch(() => undefined)
      this.#pending.delete(messageId)
    }
    return 'closed'
  }
}
