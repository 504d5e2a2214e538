/**
 * A task and its containers as ECS's task metadata endpoint v4 renders them
 * (`${ECS_CONTAINER_METADATA_URI_V4}`, `/task`, `/taskWithTags`): ECS's field names and shapes,
 * from the engine's state, the task definition, and what Docker says of each container (read for
 * the request). Pure.
 */
import type { ContainerDetails } from '../docker/runtime.js'
import type { ContainerState, TaskState } from '../engine/task-state.js'
import type { ContainerDefinition, EngineTask } from '../task-definition.js'

/** What the renderers need beside the task. */
export interface RenderContext {
  /** Docker's inspect answer of each container, by container name (absent: not created). */
  readonly docker: ReadonlyMap<string, ContainerDetails>
  /** The instance's zone, when the agent knows it (EC2). */
  readonly availabilityZone?: string | undefined
}

/** `Ports[]` of a container. */
export interface PortJson {
  readonly ContainerPort?: number | undefined
  readonly Protocol?: string | undefined
  readonly HostPort?: number | undefined
  readonly HostIp?: string | undefined
}

/** A container as v4 renders it. */
export interface ContainerJson {
  readonly DockerId?: string
  readonly Name: string
  readonly DockerName: string
  readonly Image: string
  readonly ImageID?: string
  readonly Labels: Readonly<Record<string, string>>
  readonly DesiredStatus: string
  readonly KnownStatus: string
  readonly ExitCode?: number
  readonly Limits: { readonly CPU: number; readonly Memory: number }
  readonly CreatedAt?: string
  readonly StartedAt?: string
  readonly FinishedAt?: string
  readonly Type: 'NORMAL'
  readonly Networks: readonly {
    readonly NetworkMode: string
    readonly IPv4Addresses: readonly string[]
  }[]
  readonly Ports?: readonly PortJson[]
  readonly Health?: { readonly status: string }
  readonly RestartCount?: number
  readonly LogDriver?: string
  readonly LogOptions?: Readonly<Record<string, string>>
}

/** A task as v4 renders it; `TaskTags` and `ContainerInstanceTags` only for `/taskWithTags`. */
export interface TaskJson {
  readonly Cluster: string
  readonly TaskARN: string
  readonly Family: string
  readonly Revision: string
  readonly ServiceName?: string
  readonly DesiredStatus: string
  readonly KnownStatus: string
  readonly Limits?: { readonly CPU?: number; readonly Memory?: number }
  readonly PullStartedAt?: string
  readonly PullStoppedAt?: string
  readonly ExecutionStoppedAt?: string
  readonly AvailabilityZone?: string
  readonly LaunchType: 'EC2'
  readonly Containers: readonly ContainerJson[]
  readonly TaskTags?: Readonly<Record<string, string>>
  readonly ContainerInstanceTags?: Readonly<Record<string, string>>
}

/** The cluster ARN of a task ARN (`arn:aws:ecs:<r>:<a>:task/<cluster>/<id>`); else the cluster as given. */
export function clusterArnOf(task: EngineTask): string {
  const m = /^(arn:[^:]+:ecs:[^:]*:[^:]*):task\/([^/]+)\/[^/]+$/.exec(task.arn)
  if (task.cluster.startsWith('arn:') || !m) return task.cluster
  return `${m[1] ?? ''}:cluster/${m[2] ?? ''}`
}

const iso = (date: Date | undefined) => (date ? { value: date.toISOString() } : undefined)

/** Task-level cpu (units → vCPU) and memory (MiB), when the definition sets them. */
function taskLimits(task: EngineTask): TaskJson['Limits'] {
  const cpu = Number(task.definition.cpu)
  const memory = Number(task.definition.memory)
  const limits = {
    ...(Number.isFinite(cpu) && cpu > 0 ? { CPU: cpu / 1024 } : {}),
    ...(Number.isFinite(memory) && memory > 0 ? { Memory: memory } : {}),
  }
  return Object.keys(limits).length > 0 ? limits : undefined
}

/** Container `name` of `task` as v4 renders it. */
export function renderContainer(
  task: EngineTask,
  state: ContainerState,
  context: RenderContext,
): ContainerJson {
  const definition: ContainerDefinition | undefined = task.definition.containerDefinitions.find(
    c => c.name === state.name,
  )
  const docker = context.docker.get(state.name)
  const mode = docker?.networkMode ?? task.definition.networkMode ?? 'bridge'
  const created = iso(docker?.createdAt)
  const started = iso(state.startedAt ?? docker?.state.startedAt)
  const finished = iso(state.known === 'STOPPED' ? state.finishedAt : undefined)
  const log = definition?.logConfiguration
  const id = state.runtimeId ?? docker?.id
  const imageId = state.imageId ?? docker?.imageId
  return {
    ...(id !== undefined ? { DockerId: id } : {}),
    Name: state.name,
    DockerName: state.dockerName,
    Image: definition?.image ?? docker?.image ?? '',
    ...(imageId ? { ImageID: imageId } : {}),
    Labels: docker?.labels ?? {},
    DesiredStatus: state.desired,
    KnownStatus: state.known,
    ...(state.known === 'STOPPED' && state.exitCode !== undefined
      ? { ExitCode: state.exitCode }
      : {}),
    Limits: { CPU: definition?.cpu ?? 0, Memory: definition?.memory ?? 0 },
    ...(created ? { CreatedAt: created.value } : {}),
    ...(started ? { StartedAt: started.value } : {}),
    ...(finished ? { FinishedAt: finished.value } : {}),
    Type: 'NORMAL',
    Networks: [{ NetworkMode: mode, IPv4Addresses: docker?.ipv4Addresses ?? [] }],
    ...(state.networkBindings.length > 0
      ? {
          Ports: state.networkBindings.map(b => ({
            ContainerPort: b.containerPort,
            Protocol: b.protocol,
            HostPort: b.hostPort,
            HostIp: b.bindIP,
          })),
        }
      : {}),
    ...(state.hasHealthCheck ? { Health: { status: state.health } } : {}),
    ...(state.restartPolicy ? { RestartCount: state.restartCount } : {}),
    ...(log ? { LogDriver: log.logDriver, LogOptions: { ...log.options } } : {}),
  }
}

/** The task as v4 renders it (`/task`; with `withTags`, `/taskWithTags`). */
export function renderTask(
  task: EngineTask,
  state: TaskState,
  context: RenderContext,
  withTags = false,
): TaskJson {
  const limits = taskLimits(task)
  const pullStarted = iso(state.pullStartedAt)
  const pullStopped = iso(state.pullStoppedAt)
  const executionStopped = iso(state.executionStoppedAt)
  return {
    Cluster: clusterArnOf(task),
    TaskARN: task.arn,
    Family: task.definition.family,
    Revision: String(task.definition.revision),
    DesiredStatus: state.desired,
    KnownStatus: state.known,
    ...(limits ? { Limits: limits } : {}),
    ...(pullStarted ? { PullStartedAt: pullStarted.value } : {}),
    ...(pullStopped ? { PullStoppedAt: pullStopped.value } : {}),
    ...(executionStopped ? { ExecutionStoppedAt: executionStopped.value } : {}),
    ...(context.availabilityZone !== undefined
      ? { AvailabilityZone: context.availabilityZone }
      : {}),
    LaunchType: 'EC2',
    Containers: state.containers.map(c => renderContainer(task, c, context)),
    ...(withTags
      ? {
          TaskTags: Object.fromEntries(
            (task.tags ?? []).flatMap(t => (t.key === undefined ? [] : [[t.key, t.value ?? '']])),
          ),
          ContainerInstanceTags: {},
        }
      : {}),
  }
}
