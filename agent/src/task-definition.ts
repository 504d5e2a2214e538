/**
 * What the agent is asked to run: a task (its ARN, cluster and desired status) and the task
 * definition it was started from, in ECS's own field names (`containerDefinitions`,
 * `portMappings`, `dependsOn`, ...), so the control plane can hand over a registered definition as
 * it stored it. Only the fields the agent reads are typed; anything else is ignored, except the
 * options listed in `docker/unsupported.ts`, which fail the task with a reason.
 *
 * Every member is optional with `| undefined` because these objects arrive as JSON: the agent
 * validates what it needs instead of trusting the types.
 */

export type NetworkMode = 'bridge' | 'host' | 'awsvpc' | 'none'
export type TransportProtocol = 'tcp' | 'udp'
export type DependencyCondition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY'

export interface KeyValuePair {
  readonly name?: string | undefined
  readonly value?: string | undefined
}

export interface PortMapping {
  readonly containerPort?: number | undefined
  /** Omitted or 0 in bridge mode: a dynamic host port chosen by Docker. */
  readonly hostPort?: number | undefined
  readonly protocol?: TransportProtocol | undefined
  readonly containerPortRange?: string | undefined
  readonly name?: string | undefined
  readonly appProtocol?: string | undefined
}

export interface MountPoint {
  readonly sourceVolume?: string | undefined
  readonly containerPath?: string | undefined
  readonly readOnly?: boolean | undefined
}

export interface VolumeFrom {
  readonly sourceContainer?: string | undefined
  readonly readOnly?: boolean | undefined
}

export interface Ulimit {
  readonly name: string
  readonly softLimit: number
  readonly hardLimit: number
}

export interface LogConfiguration {
  readonly logDriver: string
  readonly options?: Readonly<Record<string, string>> | undefined
  readonly secretOptions?: readonly unknown[] | undefined
}

/** Durations are in seconds, as ECS takes them. */
export interface HealthCheck {
  readonly command: readonly string[]
  readonly interval?: number | undefined
  readonly timeout?: number | undefined
  readonly retries?: number | undefined
  readonly startPeriod?: number | undefined
}

export interface ContainerDependency {
  readonly containerName: string
  readonly condition: DependencyCondition
}

export interface HostEntry {
  readonly hostname: string
  readonly ipAddress: string
}

export interface SystemControl {
  readonly namespace?: string | undefined
  readonly value?: string | undefined
}

export interface LinuxParameters {
  readonly capabilities?: { readonly add?: readonly string[]; readonly drop?: readonly string[] }
  readonly devices?:
    | readonly {
        readonly hostPath: string
        readonly containerPath?: string | undefined
        readonly permissions?: readonly ('read' | 'write' | 'mknod')[] | undefined
      }[]
    | undefined
  readonly initProcessEnabled?: boolean | undefined
  /** MiB. */
  readonly sharedMemorySize?: number | undefined
  readonly tmpfs?:
    | readonly {
        readonly containerPath: string
        readonly size: number
        readonly mountOptions?: readonly string[] | undefined
      }[]
    | undefined
  /** MiB of swap on top of `memory`; 0 disables swap. */
  readonly maxSwap?: number | undefined
  readonly swappiness?: number | undefined
}

/** ECS's `restartPolicy`; `restartAttemptPeriod` in seconds (ECS default 300). */
export interface ContainerRestartPolicy {
  readonly enabled?: boolean | undefined
  readonly ignoredExitCodes?: readonly number[] | undefined
  readonly restartAttemptPeriod?: number | undefined
}

export interface ContainerDefinition {
  readonly name: string
  readonly image?: string | undefined
  readonly command?: readonly string[] | undefined
  readonly entryPoint?: readonly string[] | undefined
  readonly environment?: readonly KeyValuePair[] | undefined
  /** Defaults to true: an essential container that stops stops the task. */
  readonly essential?: boolean | undefined
  /** CPU units (1024 = one vCPU), a relative weight under contention. */
  readonly cpu?: number | undefined
  /** Hard limit, MiB. */
  readonly memory?: number | undefined
  /** Soft limit, MiB. */
  readonly memoryReservation?: number | undefined
  readonly portMappings?: readonly PortMapping[] | undefined
  /** `name` or `name:alias`, bridge mode only. */
  readonly links?: readonly string[] | undefined
  readonly mountPoints?: readonly MountPoint[] | undefined
  readonly volumesFrom?: readonly VolumeFrom[] | undefined
  readonly workingDirectory?: string | undefined
  readonly user?: string | undefined
  readonly hostname?: string | undefined
  readonly privileged?: boolean | undefined
  readonly readonlyRootFilesystem?: boolean | undefined
  readonly disableNetworking?: boolean | undefined
  readonly interactive?: boolean | undefined
  readonly pseudoTerminal?: boolean | undefined
  readonly dnsServers?: readonly string[] | undefined
  readonly dnsSearchDomains?: readonly string[] | undefined
  readonly extraHosts?: readonly HostEntry[] | undefined
  readonly dockerSecurityOptions?: readonly string[] | undefined
  readonly systemControls?: readonly SystemControl[] | undefined
  readonly ulimits?: readonly Ulimit[] | undefined
  readonly dockerLabels?: Readonly<Record<string, string>> | undefined
  readonly logConfiguration?: LogConfiguration | undefined
  readonly healthCheck?: HealthCheck | undefined
  readonly linuxParameters?: LinuxParameters | undefined
  readonly dependsOn?: readonly ContainerDependency[] | undefined
  /** Seconds between the stop signal and SIGKILL. */
  readonly stopTimeout?: number | undefined
  readonly startTimeout?: number | undefined
  /** Restart the container in place when it exits (`engine/restart-policy.ts`). */
  readonly restartPolicy?: ContainerRestartPolicy | undefined
  // Options quayside cannot honour; present only so the agent can refuse them by name.
  readonly secrets?: readonly unknown[] | undefined
  readonly environmentFiles?: readonly unknown[] | undefined
  readonly repositoryCredentials?: unknown
  readonly firelensConfiguration?: unknown
  readonly resourceRequirements?: readonly unknown[] | undefined
  readonly credentialSpecs?: readonly unknown[] | undefined
}

export interface DockerVolumeConfiguration {
  /** `task` (default): one volume per task, `shared`: one volume by this name per host. */
  readonly scope?: 'task' | 'shared' | undefined
  readonly autoprovision?: boolean | undefined
  readonly driver?: string | undefined
  readonly driverOpts?: Readonly<Record<string, string>> | undefined
  readonly labels?: Readonly<Record<string, string>> | undefined
}

export interface Volume {
  readonly name?: string | undefined
  readonly host?: { readonly sourcePath?: string | undefined } | undefined
  readonly dockerVolumeConfiguration?: DockerVolumeConfiguration | undefined
  readonly efsVolumeConfiguration?: unknown
  readonly fsxWindowsFileServerVolumeConfiguration?: unknown
  readonly configuredAtLaunch?: boolean | undefined
}

export interface TaskDefinition {
  readonly family: string
  readonly revision: number
  readonly containerDefinitions: readonly ContainerDefinition[]
  readonly volumes?: readonly Volume[] | undefined
  /** Defaults to `bridge`. */
  readonly networkMode?: NetworkMode | undefined
  /** Task-level CPU units (`"256"` or `"0.25 vCPU"`), applied per container (`docker/task-limits.ts`). */
  readonly cpu?: string | number | undefined
  /** Task-level hard memory limit, MiB (`"512"` or `"0.5 GB"`). */
  readonly memory?: string | number | undefined
  readonly pidMode?: 'host' | 'task' | undefined
  readonly ipcMode?: 'host' | 'task' | 'none' | undefined
  readonly taskRoleArn?: string | undefined
  readonly executionRoleArn?: string | undefined
  readonly proxyConfiguration?: unknown
  readonly inferenceAccelerators?: readonly unknown[] | undefined
}

/** A task as the engine receives it: which definition to run, where, and what the backend wants. */
export interface EngineTask {
  /** `arn:aws:ecs:<region>:<account>:task/<cluster>/<id>`. */
  readonly arn: string
  /** The cluster name or ARN, written into the `com.amazonaws.ecs.cluster` label. */
  readonly cluster: string
  readonly definition: TaskDefinition
  /** What the control plane wants; STOPPED is StopTask. */
  readonly desiredStatus: 'RUNNING' | 'STOPPED'
}

/** The task id: the last segment of the task ARN. */
export function taskIdOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1)
}
