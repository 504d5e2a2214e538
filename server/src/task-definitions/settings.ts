import type { ContainerDefinition, RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import { clientError, type TaskDefinitionCheck } from './check.js'

/** Documented bounds of a container's healthCheck members, in seconds (retries: a count). */
const HEALTH_CHECK_BOUNDS = {
  interval: [5, 300],
  timeout: [2, 60],
  retries: [1, 10],
  startPeriod: [0, 300],
} as const
/** restartPolicy: at most 50 ignored exit codes; restartAttemptPeriod 60..1800 seconds. */
const MAX_IGNORED_EXIT_CODES = 50
const RESTART_ATTEMPT_PERIOD = [60, 1800] as const

function checkContainer(container: ContainerDefinition): string | undefined {
  const health = container.healthCheck
  if (health !== undefined) {
    if (health.command.length === 0) return 'healthCheck command cannot be empty.'
    for (const [member, [low, high]] of Object.entries(HEALTH_CHECK_BOUNDS)) {
      const value = health[member as keyof typeof HEALTH_CHECK_BOUNDS]
      if (value !== undefined && (value < low || value > high)) {
        return `healthCheck ${member} ${value} must be between ${low} and ${high}.`
      }
    }
  }
  const restart = container.restartPolicy
  if (restart !== undefined) {
    if ((restart.ignoredExitCodes ?? []).length > MAX_IGNORED_EXIT_CODES) {
      return `restartPolicy ignoredExitCodes can hold at most ${MAX_IGNORED_EXIT_CODES} exit codes.`
    }
    const period = restart.restartAttemptPeriod
    const [low, high] = RESTART_ATTEMPT_PERIOD
    if (period !== undefined && (period < low || period > high)) {
      return `restartPolicy restartAttemptPeriod ${period} must be between ${low} and ${high}.`
    }
  }
  return undefined
}

/**
 * Ranges the model does not carry but ECS documents: healthCheck interval 5..300, timeout
 * 2..60, retries 1..10, startPeriod 0..300 and a non-empty command; restartPolicy with at most
 * 50 ignoredExitCodes and restartAttemptPeriod 60..1800. Also: proxyConfiguration names a
 * container of this definition.
 */
export function checkSettings(input: RegisterTaskDefinitionRequest): TaskDefinitionCheck<void> {
  for (const container of input.containerDefinitions) {
    const problem = checkContainer(container)
    if (problem !== undefined) {
      return clientError(`Invalid setting for container '${container.name ?? ''}'. ${problem}`)
    }
  }
  const proxy = input.proxyConfiguration
  if (
    proxy !== undefined &&
    !input.containerDefinitions.some(c => c.name === proxy.containerName)
  ) {
    return clientError(
      `Invalid proxyConfiguration: containerName '${proxy.containerName}' is not a container in this task definition.`,
    )
  }
  return { ok: true, value: undefined }
}
