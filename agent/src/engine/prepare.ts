/**
 * Checking a task once, when it is accepted, and building every container's create body and step
 * context up front: a bad task (a dependency cycle, an option quayside cannot honour, an invalid
 * mapping) fails before anything is pulled. Pure apart from the contexts it hands out.
 */
import { containerConfig } from '../docker/container-config.js'
import { toAgentError } from '../docker/docker-errors.js'
import { portRanges, type PortRange } from '../docker/port-bindings.js'
import { assertSupported } from '../docker/unsupported.js'
import { InvalidTaskError } from '../errors.js'
import type { EngineTask } from '../task-definition.js'
import { dependencyCycle } from './dependencies.js'
import type { TaskState } from './task-state.js'
import type { StepContext } from './transitions/perform.js'

/** What every container's step context shares. */
export type SharedStepContext = Omit<StepContext, 'create' | 'definition' | 'portRanges'>

export interface PreparedTask {
  /** One context per container name (without a create body when the task failed). */
  readonly steps: Map<string, StepContext>
  /** The reason the task cannot run (`<ErrorName>: ...`), if it cannot. */
  readonly failure: string | undefined
}

/** Prepares `task` (whose containers are in `state`) with Docker names `names`. */
export function prepareTask(
  task: EngineTask,
  state: TaskState,
  names: ReadonlyMap<string, string>,
  shared: SharedStepContext,
): PreparedTask {
  const { config } = shared
  const context = {
    dockerNames: names,
    defaultStopTimeout: config.stopTimeoutSeconds,
    region: config.region,
    executionEnv: config.executionEnv,
    instanceArn: config.instanceArn,
    taskEnvironment: config.taskEnvironment,
  }
  const network = task.definition.networkMode ?? 'bridge'
  // secrets that could not be read fail the task before anything is pulled, as ECS's agent does
  let failure: string | undefined = task.startFailure
  try {
    const cycle = dependencyCycle(state.containers)
    if (cycle) throw new InvalidTaskError(`container dependency cycle: ${cycle.join(' -> ')}`)
    assertSupported(task)
  } catch (error) {
    failure = toAgentError(error, InvalidTaskError).reason
  }
  const steps = new Map<string, StepContext>()
  for (const definition of task.definition.containerDefinitions) {
    let create
    let ranges: PortRange[] = []
    try {
      if (failure === undefined) {
        create = containerConfig(task, definition.name, context)
        ranges = portRanges(definition.portMappings ?? [], network, definition.name)
      }
    } catch (error) {
      failure ??= toAgentError(error, InvalidTaskError).reason
    }
    const registryAuth = task.secrets?.find(s => s.containerName === definition.name)?.registryAuth
    steps.set(definition.name, {
      ...shared,
      create,
      definition,
      portRanges: ranges,
      ...(registryAuth === undefined ? {} : { registryAuth }),
    })
  }
  return { steps, failure }
}
