/**
 * Options a task definition may use that quayside cannot honour on a plain Docker host. Running
 * the task without them would be silently wrong (no files in the environment, logs going
 * nowhere, no task network interface), so the task fails before anything is pulled, with one
 * `TaskUnsupportedError` naming every such option.
 *
 * Honoured elsewhere: container `secrets` and `repositoryCredentials`, which the server resolves
 * (../channel/task-secrets.ts). Accepted and ignored on purpose: `executionRoleArn` (it only
 * serves ECR pulls and awslogs, which a host without AWS does not do), port mapping `name`/`appProtocol` (Service Connect metadata).
 */
import { TaskUnsupportedError } from '../errors.js'
import type { ContainerDefinition, EngineTask } from '../task-definition.js'

/**
 * Log drivers the agent can configure: those Docker has built in without outside services, and
 * awslogs, which the agent serves itself (../logs/log-shipper.ts).
 */
export const SUPPORTED_LOG_DRIVERS: readonly string[] = ['json-file', 'none', 'awslogs']

const nonEmpty = (list: readonly unknown[] | undefined): boolean =>
  list !== undefined && list.length > 0

function containerProblems(container: ContainerDefinition): string[] {
  const problems: string[] = []
  const add = (what: string) => problems.push(`container ${container.name}: ${what}`)
  if (nonEmpty(container.environmentFiles)) add('environmentFiles (S3) are not available')
  if (container.firelensConfiguration !== undefined) add('FireLens log routing is not supported')
  if (nonEmpty(container.resourceRequirements)) {
    add('resourceRequirements (GPU, inference accelerators) are not supported')
  }
  if (nonEmpty(container.credentialSpecs)) add('credentialSpecs are not supported')
  const log = container.logConfiguration
  if (log !== undefined) {
    if (!SUPPORTED_LOG_DRIVERS.includes(log.logDriver)) {
      add(`log driver ${log.logDriver} is not supported (use json-file, none or awslogs)`)
    }
    if (nonEmpty(log.secretOptions)) add('log configuration secretOptions are not available')
  }
  return problems
}

/** Every unsupported option `task` uses, as human-readable phrases; empty when it can run. */
export function unsupportedOptions(task: EngineTask): string[] {
  const definition = task.definition
  const problems: string[] = []
  if (definition.networkMode === 'awsvpc') {
    problems.push('networkMode awsvpc needs task network interfaces, which this host cannot attach')
  }
  if (definition.pidMode === 'task') problems.push('pidMode task is not supported')
  if (definition.ipcMode === 'task') problems.push('ipcMode task is not supported')
  if (definition.proxyConfiguration !== undefined)
    problems.push('proxyConfiguration (App Mesh) is not supported')
  if (nonEmpty(definition.inferenceAccelerators))
    problems.push('inference accelerators are not supported')
  for (const container of definition.containerDefinitions)
    problems.push(...containerProblems(container))
  return problems
}

/** Throws a `TaskUnsupportedError` listing every unsupported option of `task`, if any. */
export function assertSupported(task: EngineTask): void {
  const problems = unsupportedOptions(task)
  if (problems.length > 0) throw new TaskUnsupportedError(problems.join('; '))
}
