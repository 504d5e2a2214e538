/**
 * {@link ContainerRuntime} over the Docker Engine API, through dockerode. Every call runs under a
 * deadline (`deadline.ts`) and every failure becomes a named agent error (`docker-errors.ts`);
 * the Engine's answers are narrowed by `inspect.ts` and `docker-events.ts`.
 */
import Dockerode from 'dockerode'
import {
  CannotCreateContainerError,
  CannotInspectContainerError,
  CannotListContainersError,
  CannotPullContainerError,
  CannotRemoveContainerError,
  CannotRemoveVolumeError,
  CannotStartContainerError,
  CannotStopContainerError,
  DockerUnavailableError,
} from '../errors.js'
import { DockerLogSource, type OutputChunk } from '../logs/log-source.js'
import { withDeadline } from './deadline.js'
import { registryOf } from './registry.js'
import { dockerStatus, toAgentError, type AgentErrorClass } from './docker-errors.js'
import { EVENT_FILTER, jsonLines, parseDockerEvent, type RawEvent } from './docker-events.js'
import { containerDetails, containerSummary, type RawInspect, type RawSummary } from './inspect.js'
import type {
  ContainerCreateConfig,
  ContainerDetails,
  ContainerRuntime,
  ContainerSummary,
  EventsOptions,
  LabelFilter,
  RuntimeEvent,
  RegistryAuth,
  RuntimeInfo,
  RuntimeVersion,
} from './runtime.js'

/** Deadlines per call, in milliseconds. */
export interface RuntimeTimeouts {
  readonly pullMs: number
  readonly createMs: number
  readonly startMs: number
  /** Added to the stop timeout itself: Docker answers only after SIGKILL took effect. */
  readonly stopGraceMs: number
  readonly removeMs: number
  readonly inspectMs: number
  readonly listMs: number
  readonly infoMs: number
  /** Until the event stream's response headers arrive (not for the stream's lifetime). */
  readonly eventsConnectMs: number
}

/** The ECS agent's defaults where it has one (pull 2 h, create 4 min, start 3 min). */
export const DEFAULT_TIMEOUTS: RuntimeTimeouts = {
  pullMs: 2 * 60 * 60_000,
  createMs: 4 * 60_000,
  startMs: 3 * 60_000,
  stopGraceMs: 30_000,
  removeMs: 5 * 60_000,
  inspectMs: 30_000,
  listMs: 60_000,
  infoMs: 30_000,
  eventsConnectMs: 30_000,
}

export interface DockerodeRuntimeOptions {
  /**
   * Where the Engine listens: `unix:///var/run/docker.sock` (the default, or `DOCKER_HOST`),
   * `tcp://host:2375` or `http(s)://host:port`.
   */
  readonly dockerHost?: string | undefined
  readonly timeouts?: Partial<RuntimeTimeouts> | undefined
}

/** dockerode connection options for a `DOCKER_HOST`-style address. */
export function dockerodeOptions(dockerHost: string): Dockerode.DockerOptions {
  const url = URL.canParse(dockerHost) ? new URL(dockerHost) : undefined
  if (url?.protocol === 'unix:') return { socketPath: decodeURIComponent(url.pathname) }
  if (url && ['tcp:', 'http:', 'https:'].includes(url.protocol) && url.hostname !== '') {
    const https = url.protocol === 'https:'
    return {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? (https ? 2376 : 2375) : Number(url.port),
      protocol: https ? 'https' : 'http',
    }
  }
  throw new DockerUnavailableError(
    `unsupported Docker host ${dockerHost}: use unix:///path, tcp://host:port or http(s)://host:port`,
  )
}

/** Docker's `filters.label` form of a {@link LabelFilter}. */
export function labelFilter(labels: LabelFilter): string[] {
  return Object.entries(labels).map(([key, value]) => (value === true ? key : `${key}=${value}`))
}

/** The dockerode methods whose options take `abortSignal` although its typings omit it. */
interface Abortable {
  info(options: { abortSignal: AbortSignal }): Promise<Record<string, unknown>>
  version(options: { abortSignal: AbortSignal }): Promise<Dockerode.DockerVersion>
}

/** dockerode passes `abortSignal` on to a stats request, though its types leave it out. */
interface AbortableStats {
  stats(options: { stream: false; abortSignal: AbortSignal }): Promise<unknown>
}

export class DockerodeRuntime implements ContainerRuntime {
  readonly #docker: Dockerode
  readonly #timeouts: RuntimeTimeouts

  constructor(options: DockerodeRuntimeOptions = {}) {
    const host = options.dockerHost ?? process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock'
    this.#docker = new Dockerode(dockerodeOptions(host))
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
  }

  /** Runs an Engine call under its deadline, mapping failures to `Kind`. */
  #call<T>(
    operation: string,
    timeoutMs: number,
    Kind: AgentErrorClass,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return withDeadline(operation, timeoutMs, async signal => {
      try {
        return await call(signal)
      } catch (error) {
        throw toAgentError(error, Kind)
      }
    })
  }

  async pullImage(image: string, auth?: RegistryAuth): Promise<void> {
    await this.#call('pullImage', this.#timeouts.pullMs, CannotPullContainerError, async signal => {
      // dockerode sends `authconfig` as the X-Registry-Auth header (base64 JSON)
      const stream = await this.#docker.pull(image, {
        abortSignal: signal,
        ...(auth === undefined
          ? {}
          : {
              authconfig: {
                username: auth.username,
                password: auth.password,
                serveraddress: registryOf(image),
              },
            }),
      })
      // A pull that fails part-way still answers 200; the failure is an `error` line in the stream.
      for await (const line of jsonLines(stream as AsyncIterable<Buffer>)) {
        const error = (line as { error?: unknown } | null)?.error
        if (typeof error === 'string') throw new CannotPullContainerError(error)
      }
    })
  }

  imageExists(image: string): Promise<boolean> {
    // dockerode cannot abort an image inspect; the deadline still bounds how long we wait.
    return this.#call(
      'imageExists',
      this.#timeouts.inspectMs,
      CannotPullContainerError,
      async () => {
        try {
          await this.#docker.getImage(image).inspect()
          return true
        } catch (error) {
          if (dockerStatus(error) === 404) return false
          throw error
        }
      },
    )
  }

  createContainer(config: ContainerCreateConfig): Promise<string> {
    const { name, ...body } = config
    return this.#call(
      'createContainer',
      this.#timeouts.createMs,
      CannotCreateContainerError,
      async signal => {
        // `_query`/`_body` keep the body out of the URL (dockerode otherwise sends options in both).
        const options = { _query: { name }, _body: body, abortSignal: signal }
        const container = await this.#docker.createContainer(options)
        return container.id
      },
    )
  }

  async startContainer(id: string): Promise<void> {
    await this.#call(
      'startContainer',
      this.#timeouts.startMs,
      CannotStartContainerError,
      async signal => {
        try {
          await this.#docker.getContainer(id).start({ abortSignal: signal })
        } catch (error) {
          if (dockerStatus(error) !== 304) throw error // 304: already running
        }
      },
    )
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    const deadline = timeoutSeconds * 1000 + this.#timeouts.stopGraceMs
    await this.#call('stopContainer', deadline, CannotStopContainerError, async signal => {
      try {
        await this.#docker.getContainer(id).stop({ t: timeoutSeconds, abortSignal: signal })
      } catch (error) {
        const status = dockerStatus(error)
        if (status !== 304 && status !== 404) throw error // already stopped, or gone
      }
    })
  }

  async removeContainer(id: string, options: { readonly force?: boolean } = {}): Promise<void> {
    await this.#call(
      'removeContainer',
      this.#timeouts.removeMs,
      CannotRemoveContainerError,
      async signal => {
        try {
          await this.#docker
            .getContainer(id)
            .remove({ force: options.force === true, v: true, abortSignal: signal })
        } catch (error) {
          const status = dockerStatus(error)
          // 404: already gone; 409: a removal is already in progress.
          if (status !== 404 && status !== 409) throw error
        }
      },
    )
  }

  async removeVolume(name: string): Promise<void> {
    await this.#call(
      'removeVolume',
      this.#timeouts.removeMs,
      CannotRemoveVolumeError,
      async signal => {
        try {
          await this.#docker.getVolume(name).remove({ abortSignal: signal })
        } catch (error) {
          if (dockerStatus(error) !== 404) throw error // 409: still in use
        }
      },
    )
  }

  inspectContainer(id: string): Promise<ContainerDetails | undefined> {
    return this.#call(
      'inspectContainer',
      this.#timeouts.inspectMs,
      CannotInspectContainerError,
      async signal => {
        try {
          const raw = await this.#docker.getContainer(id).inspect({ abortSignal: signal })
          return containerDetails(raw as RawInspect)
        } catch (error) {
          if (dockerStatus(error) === 404) return undefined
          throw error
        }
      },
    )
  }

  listContainers(labels: LabelFilter): Promise<ContainerSummary[]> {
    return this.#call(
      'listContainers',
      this.#timeouts.listMs,
      CannotListContainersError,
      async signal => {
        const rows = await this.#docker.listContainers({
          all: true,
          filters: { label: labelFilter(labels) },
          abortSignal: signal,
        })
        return (rows as RawSummary[]).map(containerSummary)
      },
    )
  }

  async *events(options: EventsOptions = {}): AsyncIterable<RuntimeEvent> {
    const { signal } = options
    if (signal?.aborted) return
    // The stream lives until the caller's signal aborts; only the connection has a deadline.
    const stop = new AbortController()
    const onAbort = () => {
      stop.abort()
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const stream = await this.#call(
        'events',
        this.#timeouts.eventsConnectMs,
        DockerUnavailableError,
        async connectSignal => {
          connectSignal.addEventListener('abort', onAbort, { once: true })
          const filters = {
            type: ['container'],
            event: [...EVENT_FILTER],
            ...(options.labels ? { label: labelFilter(options.labels) } : {}),
          }
          return this.#docker.getEvents({
            filters,
            ...(options.since ? { since: Math.floor(options.since.getTime() / 1000) } : {}),
            abortSignal: stop.signal,
          } as Dockerode.GetEventsOptions)
        },
      )
      yield { type: 'connected', time: new Date() }
      try {
        for await (const raw of jsonLines(stream as AsyncIterable<Buffer>)) {
          const event = parseDockerEvent(raw as RawEvent)
          if (event) yield event
        }
      } catch (error) {
        if (!signal?.aborted) throw toAgentError(error, DockerUnavailableError)
      }
      if (!signal?.aborted) throw new DockerUnavailableError('the Docker event stream ended')
    } finally {
      signal?.removeEventListener('abort', onAbort)
      stop.abort()
    }
  }

  /** A container's output until it exits, for the awslogs driver (../logs/log-source.ts). */
  followLogs(id: string, signal: AbortSignal): AsyncIterable<OutputChunk> {
    return new DockerLogSource(this.#docker).followLogs(id, signal)
  }

  info(): Promise<RuntimeInfo> {
    return this.#call('info', this.#timeouts.infoMs, DockerUnavailableError, async signal => {
      const raw = await (this.#docker as unknown as Abortable).info({ abortSignal: signal })
      const text = (key: string): string => (typeof raw[key] === 'string' ? raw[key] : '')
      const number = (key: string): number => (typeof raw[key] === 'number' ? raw[key] : 0)
      return {
        cpus: number('NCPU'),
        memoryBytes: number('MemTotal'),
        os: text('OSType'),
        architecture: text('Architecture'),
        operatingSystem: text('OperatingSystem'),
        kernelVersion: text('KernelVersion'),
        serverVersion: text('ServerVersion'),
      }
    })
  }

  version(): Promise<RuntimeVersion> {
    return this.#call('version', this.#timeouts.infoMs, DockerUnavailableError, async signal => {
      const raw = await (this.#docker as unknown as Abortable).version({ abortSignal: signal })
      return { version: raw.Version, apiVersion: raw.ApiVersion }
    })
  }

  containerStats(id: string): Promise<Readonly<Record<string, unknown>> | undefined> {
    return this.#call(
      'containerStats',
      this.#timeouts.inspectMs,
      CannotInspectContainerError,
      async signal => {
        try {
          const container = this.#docker.getContainer(id) as unknown as AbortableStats
          const raw = await container.stats({ stream: false, abortSignal: signal })
          return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
        } catch (error) {
          if (dockerStatus(error) === 404) return undefined
          throw error
        }
      },
    )
  }

  bridgeGateway(): Promise<string | undefined> {
    return this.#call('bridgeGateway', this.#timeouts.infoMs, DockerUnavailableError, async () => {
      try {
        // dockerode cannot abort a network inspect; the deadline still bounds the wait
        const raw = (await this.#docker.getNetwork('bridge').inspect()) as {
          IPAM?: { Config?: { Gateway?: string }[] | null }
        }
        return raw.IPAM?.Config?.find(c => c.Gateway?.includes('.') === true)?.Gateway
      } catch (error) {
        if (dockerStatus(error) === 404) return undefined
        throw error
      }
    })
  }
}
