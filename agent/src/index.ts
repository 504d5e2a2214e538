/**
 * @quayside/agent: runs ECS tasks as containers on the local Docker Engine.
 *
 * - `TaskEngine` / `TaskManager` (engine/): known and desired status per task and container,
 *   driven by Docker events, reporting through a `StateReporter`.
 * - `ContainerRuntime` (docker/runtime.ts), implemented over dockerode by `DockerodeRuntime`.
 * - `containerConfig`: a task's container definition as a Docker create body.
 * - The error catalogue (`errors.ts`), whose names are the reasons ECS reports.
 */
export * from './errors.js'
export * from './task-definition.js'
export * from './docker/runtime.js'
export { DockerodeRuntime, DEFAULT_TIMEOUTS, dockerodeOptions } from './docker/dockerode-runtime.js'
export type { DockerodeRuntimeOptions, RuntimeTimeouts } from './docker/dockerode-runtime.js'
export { containerConfig, cpuShares, stopTimeoutOf } from './docker/container-config.js'
export type { ConfigContext } from './docker/container-config.js'
export { networkBindings } from './docker/port-bindings.js'
export type { NetworkBinding } from './docker/port-bindings.js'
export {
  CLUSTER_LABEL,
  CONTAINER_NAME_LABEL,
  FAMILY_LABEL,
  REVISION_LABEL,
  TASK_ARN_LABEL,
  dockerContainerName,
} from './docker/identity.js'
export { unsupportedOptions } from './docker/unsupported.js'
export * from './engine/status.js'
export type { ContainerState, TaskState, StopCode } from './engine/task-state.js'
export { containerNextState } from './engine/next-state.js'
export type { ContainerTransition } from './engine/next-state.js'
export { DEFAULT_ENGINE_CONFIG, engineConfig } from './engine/config.js'
export type { EngineConfig, PullBehavior } from './engine/config.js'
export { SILENT_REPORTER } from './engine/state-reporter.js'
export type {
  ContainerStateChange,
  StateReporter,
  TaskStateChange,
} from './engine/state-reporter.js'
export { TaskManager } from './engine/task-manager.js'
export type { TaskManagerOptions } from './engine/task-manager.js'
export { TaskEngine } from './engine/task-engine.js'
export type { RestoreResult, TaskEngineOptions } from './engine/task-engine.js'
export { discoverTasks } from './engine/reconcile.js'
export type { DiscoveredTask } from './engine/reconcile.js'
export {
  AGENT_VERSION,
  RESERVED_PORTS,
  hostAttributes,
  hostResources,
  registerInstance,
  registrationRequest,
} from './registration.js'
export type { Registration, RegistrationOptions } from './registration.js'
export { startAgent } from './agent.js'
export type { AgentOptions, RunningAgent } from './agent.js'
export { ChannelClient, channelUrl } from './channel/client.js'
export type { ChannelOptions, Payload } from './channel/client.js'
export { ApiReporter, taskStateChangeInput } from './channel/reporter.js'
export { resolveAgentCredentials, resolveAgentRegion } from './credentials.js'
export type { AgentCredentials } from './credentials.js'
export { AGENT_HELP, agentCommand, parseAgentFlags } from './command.js'
