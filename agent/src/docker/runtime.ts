/**
 * The one seam between the agent and a container engine. The task engine reaches Docker only
 * through {@link ContainerRuntime}; `dockerode-runtime.ts` implements it over the Docker Engine
 * API, and the unit tests implement it with an in-memory fake.
 *
 * Contract for implementations:
 * - Every call has a deadline and rejects with `DockerTimeoutError` when it passes (the request is
 *   aborted, not left running).
 * - Failures reject with the agent's named errors (`errors.ts`): `CannotPullContainerError` from
 *   `pullImage`, `CannotCreateContainerError` from `createContainer`, and so on. Nothing else is
 *   thrown.
 * - Idempotent where Docker allows it: stopping a stopped container, removing a removed one and
 *   inspecting a missing one are not errors.
 *
 * The create body and the inspect result use the Docker Engine API's own field names (`Image`,
 * `HostConfig.PortBindings`, `NetworkSettings.Ports`), narrowed to what the agent sets and reads.
 */

/** `Image`, `Cmd`, ... exactly as the Engine API's `POST /containers/create` takes them. */
export interface ContainerCreateConfig {
  /** The Docker container name (`ecs-<family>-<revision>-<name>-<hex>`). */
  readonly name: string
  readonly Image: string
  readonly Cmd?: string[]
  readonly Entrypoint?: string[]
  readonly Env?: string[]
  readonly WorkingDir?: string
  readonly User?: string
  readonly Hostname?: string
  readonly Labels: Record<string, string>
  readonly ExposedPorts?: Record<string, Record<string, never>>
  readonly Healthcheck?: DockerHealthcheck
  /** Seconds between the stop signal and SIGKILL for `docker stop` without `-t`. */
  readonly StopTimeout?: number
  readonly NetworkDisabled?: boolean
  readonly OpenStdin?: boolean
  readonly Tty?: boolean
  readonly HostConfig: DockerHostConfig
}

/** Durations in nanoseconds, as Docker takes them. */
export interface DockerHealthcheck {
  readonly Test: string[]
  readonly Interval: number
  readonly Timeout: number
  readonly Retries: number
  readonly StartPeriod: number
}

export interface DockerPortBinding {
  /** Empty: every address. */
  readonly HostIp: string
  /** Empty: Docker picks a free port from its ephemeral range. */
  readonly HostPort: string
}

export interface DockerMount {
  readonly Type: 'volume'
  readonly Source: string
  readonly Target: string
  readonly ReadOnly: boolean
  readonly VolumeOptions?: {
    readonly DriverConfig?: { readonly Name: string; readonly Options?: Record<string, string> }
    readonly Labels?: Record<string, string>
  }
}

export interface DockerHostConfig {
  readonly NetworkMode: string
  readonly PortBindings?: Record<string, DockerPortBinding[]>
  readonly Links?: string[]
  readonly Binds?: string[]
  readonly Mounts?: DockerMount[]
  readonly VolumesFrom?: string[]
  readonly Privileged?: boolean
  readonly ReadonlyRootfs?: boolean
  readonly Ulimits?: { Name: string; Soft: number; Hard: number }[]
  readonly LogConfig?: { Type: string; Config: Record<string, string> }
  readonly CpuShares: number
  /** A hard CPU cap in billionths of a CPU (from the task-level `cpu`). */
  readonly NanoCpus?: number
  readonly Memory?: number
  readonly MemoryReservation?: number
  readonly MemorySwap?: number
  readonly MemorySwappiness?: number
  readonly Dns?: string[]
  readonly DnsSearch?: string[]
  readonly ExtraHosts?: string[]
  readonly SecurityOpt?: string[]
  readonly Sysctls?: Record<string, string>
  readonly CapAdd?: string[]
  readonly CapDrop?: string[]
  readonly Devices?: { PathOnHost: string; PathInContainer: string; CgroupPermissions: string }[]
  readonly Init?: boolean
  readonly ShmSize?: number
  readonly Tmpfs?: Record<string, string>
  readonly PidMode?: string
  readonly IpcMode?: string
}

/** `NetworkSettings.Ports`: `"8080/tcp"` → the host addresses it is published on (null: none). */
export type DockerPortMap = Record<string, readonly DockerPortBinding[] | null>

export type DockerHealth = 'starting' | 'healthy' | 'unhealthy'

/** What `inspectContainer` reports, read from `GET /containers/{id}/json`. */
export interface ContainerDetails {
  readonly id: string
  /** Without Docker's leading slash. */
  readonly name: string
  readonly image: string
  /** The image id (`sha256:...`) the container was created from. */
  readonly imageId: string
  readonly labels: Readonly<Record<string, string>>
  readonly state: {
    /** created, running, paused, restarting, removing, exited or dead. */
    readonly status: string
    readonly running: boolean
    readonly exitCode: number
    readonly oomKilled: boolean
    /** Docker's error text when the container failed to start, else empty. */
    readonly error: string
    readonly startedAt: Date | undefined
    readonly finishedAt: Date | undefined
    /** Undefined when the container has no health check. */
    readonly health: DockerHealth | undefined
  }
  readonly networkMode: string
  readonly ports: DockerPortMap
  /** When the container was created. */
  readonly createdAt?: Date | undefined
  /** The container's IPv4 address on each network it is attached to (none in host mode). */
  readonly ipv4Addresses?: readonly string[] | undefined
}

/** One row of `listContainers` (`GET /containers/json?all=1`). */
export interface ContainerSummary {
  readonly id: string
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  /** created, running, exited, ... */
  readonly state: string
}

/**
 * A container event from Docker's event stream (`GET /events`), or `connected` each time the
 * stream is (re)established: anything that happened while it was down must be found by
 * inspecting, so subscribers resynchronise on it.
 */
export type RuntimeEvent =
  | { readonly type: 'connected'; readonly time: Date }
  | {
      readonly type: 'container'
      readonly action: 'create' | 'start' | 'die' | 'oom' | 'destroy' | 'health'
      readonly id: string
      readonly labels: Readonly<Record<string, string>>
      /** `die` only: the exit code Docker reported. */
      readonly exitCode?: number
      /** `health` only. */
      readonly health?: DockerHealth
      readonly time: Date
    }

/** Label selector: a value to match, or `true` for "has this label". */
export type LabelFilter = Readonly<Record<string, string | true>>

export interface EventsOptions {
  /** Only containers with these labels. */
  readonly labels?: LabelFilter
  /** Ends the stream (the iterable then finishes without error). */
  readonly signal?: AbortSignal
  /** Replay events since this instant, as far as Docker still holds them. */
  readonly since?: Date
}

/** The host as Docker sees it; used to register the container instance. */
export interface RuntimeInfo {
  readonly cpus: number
  readonly memoryBytes: number
  readonly os: string
  readonly architecture: string
  readonly operatingSystem: string
  readonly kernelVersion: string
  readonly serverVersion: string
}

/** A registry login for a pull (a container's `repositoryCredentials`). */
export interface RegistryAuth {
  readonly username: string
  readonly password: string
}

export interface RuntimeVersion {
  readonly version: string
  readonly apiVersion: string
}

/** The container engine as the agent uses it. See the module comment for the contract. */
export interface ContainerRuntime {
  /**
   * Pulls `image` from its registry, logged in with `auth` when given (Docker's X-Registry-Auth);
   * `CannotPullContainerError` when that fails.
   */
  pullImage(image: string, auth?: RegistryAuth): Promise<void>
  /** Whether `image` is present locally. */
  imageExists(image: string): Promise<boolean>
  /** Creates the container and returns its id; `CannotCreateContainerError` on failure. */
  createContainer(config: ContainerCreateConfig): Promise<string>
  /** `CannotStartContainerError` on failure. Starting a running container is not an error. */
  startContainer(id: string): Promise<void>
  /**
   * Sends the stop signal and SIGKILL after `timeoutSeconds`, resolving once the container has
   * stopped. A stopped or missing container resolves at once. `CannotStopContainerError` on
   * failure.
   */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>
  /** Removes the container and its anonymous volumes; a missing container is not an error. */
  removeContainer(id: string, options?: { readonly force?: boolean }): Promise<void>
  /** Removes a named volume; a missing one is not an error. `CannotRemoveVolumeError` on failure. */
  removeVolume(name: string): Promise<void>
  /** The container's state, or undefined when Docker does not know it. */
  inspectContainer(id: string): Promise<ContainerDetails | undefined>
  /** Every container, running or not, that carries all the given labels. */
  listContainers(labels: LabelFilter): Promise<ContainerSummary[]>
  /**
   * Docker's event stream for containers, starting with a `connected` event once subscribed.
   * Ends quietly when `signal` aborts; throws `DockerUnavailableError` if the stream breaks.
   */
  events(options?: EventsOptions): AsyncIterable<RuntimeEvent>
  info(): Promise<RuntimeInfo>
  version(): Promise<RuntimeVersion>
  /**
   * One sample of the container's resource use, as `GET /containers/{id}/stats?stream=false`
   * answers it (Docker's own JSON, which the task metadata endpoint serves as is); undefined when
   * Docker does not know the container. `CannotInspectContainerError` on failure.
   */
  containerStats(id: string): Promise<Readonly<Record<string, unknown>> | undefined>
  /**
   * The gateway address of Docker's default `bridge` network (the host as bridge-mode containers
   * reach it), or undefined when there is no such network. `DockerUnavailableError` on failure.
   */
  bridgeGateway(): Promise<string | undefined>
}
