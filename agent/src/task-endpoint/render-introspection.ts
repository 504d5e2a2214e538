/**
 * The agent introspection API's answers as ECS's agent gives them on 127.0.0.1:51678:
 * `/v1/metadata` and `/v1/tasks` (every task, or the one `?taskarn=` / `?dockerid=` names). Pure.
 */
import type { TaskState } from '../engine/task-state.js'
import type { EngineTask } from '../task-definition.js'

/** `/v1/metadata`. */
export interface MetadataJson {
  readonly Cluster: string
  readonly ContainerInstanceArn: string
  readonly Version: string
}

/** One task of `/v1/tasks`. */
export interface IntrospectionTaskJson {
  readonly Arn: string
  readonly DesiredStatus: string
  readonly KnownStatus: string
  readonly Family: string
  readonly Version: string
  readonly Containers: readonly {
    readonly DockerId?: string
    readonly DockerName: string
    readonly Name: string
  }[]
}

/** `/v1/metadata`: the cluster, the instance, and the agent's version in ECS's wording. */
export function renderMetadata(
  cluster: string,
  containerInstanceArn: string,
  version: string,
): MetadataJson {
  return {
    Cluster: cluster,
    ContainerInstanceArn: containerInstanceArn,
    Version: `Amazon ECS Agent - v${version} (quayside)`,
  }
}

/** A managed task as `/v1/tasks` lists it. */
export function renderIntrospectionTask(task: EngineTask, state: TaskState): IntrospectionTaskJson {
  return {
    Arn: task.arn,
    DesiredStatus: state.desired,
    KnownStatus: state.known,
    Family: task.definition.family,
    Version: String(task.definition.revision),
    Containers: state.containers.map(c => ({
      ...(c.runtimeId !== undefined ? { DockerId: c.runtimeId } : {}),
      DockerName: c.dockerName,
      Name: c.name,
    })),
  }
}

/** A task and its state, as the engine holds them. */
export interface ManagedTask {
  readonly task: EngineTask
  readonly state: TaskState
}

/**
 * The answer to `/v1/tasks` with `query`: `{Tasks: [...]}` without a filter, the one task a
 * `taskarn` or `dockerid` (a full id or a prefix of at least 12 characters, as `docker` accepts)
 * names, or a status and message for a bad or unmatched filter.
 */
export function answerTasks(
  tasks: readonly ManagedTask[],
  query: URLSearchParams,
): { status: number; body: unknown } {
  const arn = query.get('taskarn')
  const dockerId = query.get('dockerid')
  if (arn !== null && dockerId !== null)
    return { status: 400, body: 'Request contains both taskarn and dockerid; specify one' }
  if (arn === null && dockerId === null)
    return {
      status: 200,
      body: { Tasks: tasks.map(t => renderIntrospectionTask(t.task, t.state)) },
    }
  const found =
    arn !== null
      ? tasks.find(t => t.task.arn === arn)
      : dockerId !== null && dockerId.length >= 12
        ? tasks.find(t => t.state.containers.some(c => c.runtimeId?.startsWith(dockerId) === true))
        : undefined
  if (!found)
    return { status: 404, body: `No task found for ${arn !== null ? 'taskarn' : 'dockerid'}` }
  return { status: 200, body: renderIntrospectionTask(found.task, found.state) }
}
