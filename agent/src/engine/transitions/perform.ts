/**
 * Runs the Docker side of one container transition and says what was learnt, never rejecting: a
 * failure becomes "known STOPPED, with the step's named error as reason" (a failed pull is a
 * `CannotPullContainerError`, a failed start a `CannotStartContainerError`, ...).
 */
import { stopTimeoutOf } from '../../docker/container-config.js'
import { toAgentError, type AgentErrorClass } from '../../docker/docker-errors.js'
import { findFreeRange, type HostPortOptions } from '../../docker/host-ports.js'
import { bindPortRanges, type PortRange } from '../../docker/port-bindings.js'
import type {
  ContainerCreateConfig,
  ContainerDetails,
  ContainerRuntime,
  RegistryAuth,
} from '../../docker/runtime.js'
import {
  AgentError,
  CannotCreateContainerError,
  CannotPullContainerError,
  CannotStartContainerError,
  CannotStopContainerError,
} from '../../errors.js'
import type { ContainerDefinition } from '../../task-definition.js'
import type { EngineConfig } from '../config.js'
import type { PulledImages } from '../pulled-images.js'
import type { ContainerStatus } from '../status.js'
import type { ContainerPatch, ContainerState } from '../task-state.js'
import { createTransition } from './create.js'
import { pullTransition } from './pull.js'
import { startTransition } from './start.js'
import { stopTransition } from './stop.js'

/** A transition that needs a Docker call. */
export type Step = Exclude<ContainerStatus, 'NONE'>

/** What a transition produced: a patch, or an inspect result for the manager to read. */
export type Outcome =
  | { readonly type: 'patch'; readonly patch: ContainerPatch }
  | { readonly type: 'observed'; readonly details: ContainerDetails | undefined }

const STEP_ERRORS: Record<Step, AgentErrorClass> = {
  PULLED: CannotPullContainerError,
  CREATED: CannotCreateContainerError,
  RUNNING: CannotStartContainerError,
  STOPPED: CannotStopContainerError,
}

export interface StepContext {
  readonly runtime: ContainerRuntime
  readonly config: EngineConfig
  /** The container's create body, built when the task was accepted (none if that failed). */
  readonly create: ContainerCreateConfig | undefined
  readonly definition: ContainerDefinition
  /** `containerPortRange` mappings to bind to free contiguous host ranges at create time. */
  readonly portRanges?: readonly PortRange[] | undefined
  /** Where host port ranges are looked for (tests narrow it). */
  readonly hostPorts?: HostPortOptions | undefined
  /** Images this agent pulled successfully, shared by the engine's tasks (pull behaviour `once`). */
  readonly pulledImages?: PulledImages | undefined
  /** The registry login of `repositoryCredentials`, as the server resolved it. */
  readonly registryAuth?: RegistryAuth | undefined
}

/** The create body with every port range bound to a free contiguous host range. */
async function withHostRanges(
  create: ContainerCreateConfig,
  context: StepContext,
): Promise<ContainerCreateConfig> {
  const ranges = context.portRanges ?? []
  if (ranges.length === 0) return create
  const taken = new Set<number>()
  const starts: number[] = []
  for (const range of ranges) {
    const size = range.end - range.start + 1
    const start = await findFreeRange(size, range.protocol, context.hostPorts, taken)
    for (let port = start; port < start + size; port++) taken.add(port)
    starts.push(start)
  }
  const PortBindings = bindPortRanges(create.HostConfig.PortBindings ?? {}, ranges, starts)
  return { ...create, HostConfig: { ...create.HostConfig, PortBindings } }
}

function createOf(container: ContainerState, context: StepContext): ContainerCreateConfig {
  if (context.create === undefined) {
    throw new AgentError(`container ${container.name} has no valid create configuration`)
  }
  return context.create
}

function runtimeIdOf(container: ContainerState): string {
  if (container.runtimeId === undefined) {
    throw new AgentError(`container ${container.name} has no Docker container yet`)
  }
  return container.runtimeId
}

async function attempt(
  step: Step,
  container: ContainerState,
  context: StepContext,
): Promise<Outcome> {
  const { runtime, config } = context
  switch (step) {
    case 'PULLED':
      await pullTransition(
        runtime,
        createOf(container, context).Image,
        config.pullBehavior,
        context.pulledImages,
        context.registryAuth,
      )
      return { type: 'patch', patch: { known: 'PULLED' } }
    case 'CREATED': {
      const create = await withHostRanges(createOf(container, context), context)
      const runtimeId = await createTransition(runtime, create)
      return { type: 'patch', patch: { known: 'CREATED', runtimeId } }
    }
    case 'RUNNING':
      return { type: 'observed', details: await startTransition(runtime, runtimeIdOf(container)) }
    case 'STOPPED': {
      const details = await stopTransition(runtime, runtimeIdOf(container), {
        timeoutSeconds: stopTimeoutOf(context.definition, config.stopTimeoutSeconds),
        attempts: config.stopAttempts,
        retryDelayMs: config.stopRetryDelayMs,
      })
      return { type: 'observed', details }
    }
  }
}

/** Moves `container` to `step` through the runtime; see the module comment. */
export async function performStep(
  step: Step,
  container: ContainerState,
  context: StepContext,
): Promise<Outcome> {
  try {
    return await attempt(step, container, context)
  } catch (error) {
    const reason = toAgentError(error, STEP_ERRORS[step]).reason
    return { type: 'patch', patch: { known: 'STOPPED', reason } }
  }
}
