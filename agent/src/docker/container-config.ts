/**
 * A container definition of a task into the Docker Engine's create body. Pure: the random name
 * suffix, region and defaults come in through {@link ConfigContext}.
 *
 * Environment the agent adds, unless the container sets the same name itself (user values win):
 * - `AWS_EXECUTION_ENV` (default `AWS_ECS_EC2`), which AWS SDKs put in their user agent;
 * - `AWS_REGION` and `AWS_DEFAULT_REGION`, when the agent knows its region;
 * - what {@link ConfigContext.taskEnvironment} gives: the agent's task metadata endpoint
 *   (`ECS_CONTAINER_METADATA_URI(_V4)`) and, for a task with a role, its credentials URIs.
 * Not added: `ECS_AGENT_URI` (the agent API of ECS's agent is not served).
 */
import { InvalidTaskError } from '../errors.js'
import { dockerLogConfig } from '../logs/awslogs-config.js'
import type { TaskEnvironment } from '../engine/config.js'
import type { ContainerDefinition, EngineTask, LinuxParameters } from '../task-definition.js'
import { containerLabels } from './identity.js'
import { dockerVolumes } from './mounts.js'
import { dockerPorts, type DockerPorts } from './port-bindings.js'
import { taskLimits } from './task-limits.js'
import type { ContainerCreateConfig, DockerHealthcheck, DockerHostConfig } from './runtime.js'

export interface ConfigContext {
  /** Container name → Docker name, for every container of the task. */
  readonly dockerNames: ReadonlyMap<string, string>
  /** Seconds between stop signal and SIGKILL when the container sets no `stopTimeout`. */
  readonly defaultStopTimeout: number
  /** The region for `AWS_REGION`/`AWS_DEFAULT_REGION`; none injected when undefined. */
  readonly region?: string | undefined
  /** `AWS_EXECUTION_ENV`; none injected when undefined. */
  readonly executionEnv?: string | undefined
  /** The agent's container instance, labelled on every container when known. */
  readonly instanceArn?: string | undefined
  /** More variables for each container (the task endpoint's); none when undefined. */
  readonly taskEnvironment?: TaskEnvironment | undefined
}

const MIB = 1024 * 1024
const SECOND_NS = 1_000_000_000
/** Docker refuses a smaller memory limit (20.10+); the ECS agent raises smaller values to it. */
const MIN_MEMORY_MIB = 6
const MIN_CPU_SHARES = 2
const MAX_CPU_SHARES = 262_144

/**
 * `cpu` units → `CpuShares`. Unset, 0 and 1 become 2: Docker reads 0 as "default" (1024) and the
 * kernel's minimum is 2, so an unset cpu would otherwise outweigh a container that asked for 512.
 */
export function cpuShares(cpu: number | undefined): number {
  if (cpu === undefined || !Number.isFinite(cpu) || cpu < MIN_CPU_SHARES) return MIN_CPU_SHARES
  return Math.min(Math.floor(cpu), MAX_CPU_SHARES)
}

/** The stop timeout for `container`, in seconds. */
export function stopTimeoutOf(container: ContainerDefinition, fallback: number): number {
  const value = container.stopTimeout
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.ceil(value) : fallback
}

function environment(
  task: EngineTask,
  container: ContainerDefinition,
  context: ConfigContext,
): string[] {
  const env = new Map<string, string>()
  for (const pair of container.environment ?? []) {
    if (typeof pair.name !== 'string' || pair.name === '') {
      throw new InvalidTaskError(`container ${container.name}: an environment entry has no name`)
    }
    env.set(pair.name, pair.value ?? '')
  }
  const inject = (name: string, value: string | undefined) => {
    if (value !== undefined && !env.has(name)) env.set(name, value)
  }
  // the values of the container's `secrets`, resolved by the server, win over its environment
  const secrets = task.secrets?.find(s => s.containerName === container.name)
  for (const secret of secrets?.environment ?? []) env.set(secret.name, secret.value)
  inject('AWS_EXECUTION_ENV', context.executionEnv)
  inject('AWS_REGION', context.region)
  inject('AWS_DEFAULT_REGION', context.region)
  const extra = context.taskEnvironment?.(task, container.name) ?? {}
  for (const [name, value] of Object.entries(extra)) inject(name, value)
  return [...env].map(([name, value]) => `${name}=${value}`)
}

function healthcheck(container: ContainerDefinition): DockerHealthcheck | undefined {
  const check = container.healthCheck
  if (check === undefined) return undefined
  const command: unknown = check.command
  if (!Array.isArray(command) || command.length === 0) {
    throw new InvalidTaskError(`container ${container.name}: healthCheck has no command`)
  }
  return {
    Test: command.map(String),
    Interval: (check.interval ?? 30) * SECOND_NS,
    Timeout: (check.timeout ?? 5) * SECOND_NS,
    Retries: check.retries ?? 3,
    StartPeriod: (check.startPeriod ?? 0) * SECOND_NS,
  }
}

function links(container: ContainerDefinition, names: ReadonlyMap<string, string>): string[] {
  return (container.links ?? []).map(link => {
    const [name = '', alias = name] = link.split(':')
    const dockerName = names.get(name)
    if (dockerName === undefined) {
      throw new InvalidTaskError(
        `container ${container.name}: link ${link} names no container of the task`,
      )
    }
    return `${dockerName}:${alias}`
  })
}

function linuxOptions(
  container: ContainerDefinition,
  linux: LinuxParameters,
): Partial<DockerHostConfig> {
  const options: { -readonly [K in keyof DockerHostConfig]?: DockerHostConfig[K] } = {}
  if (linux.capabilities?.add) options.CapAdd = [...linux.capabilities.add]
  if (linux.capabilities?.drop) options.CapDrop = [...linux.capabilities.drop]
  if (linux.initProcessEnabled !== undefined) options.Init = linux.initProcessEnabled
  if (linux.sharedMemorySize !== undefined) options.ShmSize = linux.sharedMemorySize * MIB
  if (linux.devices) {
    options.Devices = linux.devices.map(d => ({
      PathOnHost: d.hostPath,
      PathInContainer: d.containerPath ?? d.hostPath,
      CgroupPermissions: d.permissions?.map(p => p[0]).join('') || 'rwm',
    }))
  }
  if (linux.tmpfs) {
    options.Tmpfs = Object.fromEntries(
      linux.tmpfs.map(t => [
        t.containerPath,
        [`size=${t.size}m`, ...(t.mountOptions ?? [])].join(','),
      ]),
    )
  }
  if (linux.maxSwap !== undefined) {
    if (container.memory === undefined) {
      throw new InvalidTaskError(
        `container ${container.name}: maxSwap needs a container memory limit`,
      )
    }
    options.MemorySwap = (Math.max(container.memory, MIN_MEMORY_MIB) + linux.maxSwap) * MIB
  }
  if (linux.swappiness !== undefined) options.MemorySwappiness = linux.swappiness
  return options
}

function hostConfig(
  task: EngineTask,
  container: ContainerDefinition,
  context: ConfigContext,
  ports: DockerPorts,
): DockerHostConfig {
  const networkMode = task.definition.networkMode ?? 'bridge'
  if (container.links?.length && networkMode !== 'bridge') {
    throw new InvalidTaskError(`container ${container.name}: links need networkMode bridge`)
  }
  const volumes = dockerVolumes(task, container, context.dockerNames)
  const log = container.logConfiguration
  const { pidMode, ipcMode } = task.definition
  return {
    NetworkMode: networkMode,
    PortBindings: ports.PortBindings,
    Links: links(container, context.dockerNames),
    Binds: volumes.Binds,
    Mounts: volumes.Mounts,
    VolumesFrom: volumes.VolumesFrom,
    Privileged: container.privileged === true,
    ReadonlyRootfs: container.readonlyRootFilesystem === true,
    CpuShares: cpuShares(container.cpu),
    Ulimits: (container.ulimits ?? []).map(u => ({
      Name: u.name,
      Soft: u.softLimit,
      Hard: u.hardLimit,
    })),
    ...(log ? { LogConfig: dockerLogConfig(log) } : {}),
    ...(container.memory !== undefined
      ? { Memory: Math.max(container.memory, MIN_MEMORY_MIB) * MIB }
      : {}),
    ...taskLimits(task.definition, container),
    ...(container.memoryReservation !== undefined
      ? { MemoryReservation: container.memoryReservation * MIB }
      : {}),
    ...(container.dnsServers ? { Dns: [...container.dnsServers] } : {}),
    ...(container.dnsSearchDomains ? { DnsSearch: [...container.dnsSearchDomains] } : {}),
    ...(container.extraHosts
      ? { ExtraHosts: container.extraHosts.map(h => `${h.hostname}:${h.ipAddress}`) }
      : {}),
    ...(container.dockerSecurityOptions
      ? { SecurityOpt: [...container.dockerSecurityOptions] }
      : {}),
    ...(container.systemControls
      ? {
          Sysctls: Object.fromEntries(
            container.systemControls.map(s => [s.namespace ?? '', s.value ?? '']),
          ),
        }
      : {}),
    ...(container.linuxParameters ? linuxOptions(container, container.linuxParameters) : {}),
    ...(pidMode === 'host' ? { PidMode: pidMode } : {}),
    ...(ipcMode === 'host' || ipcMode === 'none' ? { IpcMode: ipcMode } : {}),
  }
}

/**
 * The create body for container `containerName` of `task`. Throws `InvalidTaskError` for a task
 * that cannot be expressed (no image, a link to no container, a bad port) and
 * `TaskUnsupportedError` for a volume kind this host cannot provide; unsupported task-level
 * options are checked before, by `unsupported.ts`.
 */
export function containerConfig(
  task: EngineTask,
  containerName: string,
  context: ConfigContext,
): ContainerCreateConfig {
  const container = task.definition.containerDefinitions.find(c => c.name === containerName)
  const name = context.dockerNames.get(containerName)
  if (!container || name === undefined) {
    throw new InvalidTaskError(`task ${task.arn} has no container ${containerName}`)
  }
  if (typeof container.image !== 'string' || container.image === '') {
    throw new InvalidTaskError(`container ${containerName}: no image`)
  }
  const ports = dockerPorts(
    container.portMappings ?? [],
    task.definition.networkMode ?? 'bridge',
    containerName,
  )
  const check = healthcheck(container)
  return {
    name,
    Image: container.image,
    Labels: containerLabels(task, containerName, container.dockerLabels, context.instanceArn),
    Env: environment(task, container, context),
    ExposedPorts: ports.ExposedPorts,
    StopTimeout: stopTimeoutOf(container, context.defaultStopTimeout),
    ...(container.command ? { Cmd: [...container.command] } : {}),
    ...(container.entryPoint ? { Entrypoint: [...container.entryPoint] } : {}),
    ...(container.workingDirectory !== undefined ? { WorkingDir: container.workingDirectory } : {}),
    ...(container.user !== undefined ? { User: container.user } : {}),
    ...(container.hostname !== undefined ? { Hostname: container.hostname } : {}),
    ...(check ? { Healthcheck: check } : {}),
    ...(container.disableNetworking === true ? { NetworkDisabled: true } : {}),
    ...(container.interactive === true ? { OpenStdin: true } : {}),
    ...(container.pseudoTerminal === true ? { Tty: true } : {}),
    HostConfig: hostConfig(task, container, context, ports),
  }
}
