import type { RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import { clientError, type TaskDefinitionCheck } from './check.js'

/** Family and container names: "Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores". */
export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/
/** Containers per task definition (an ECS quota that cannot be raised). */
export const MAX_CONTAINERS = 10

const OK: TaskDefinitionCheck<void> = { ok: true, value: undefined }

/** Family, container count, container names and images, essential containers. */
export function checkContainers(input: RegisterTaskDefinitionRequest): TaskDefinitionCheck<void> {
  if (!NAME_PATTERN.test(input.family)) {
    return clientError(
      `Family '${input.family}' is invalid: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`,
    )
  }
  const containers = input.containerDefinitions
  if (containers.length === 0) return clientError('Container list cannot be empty.')
  if (containers.length > MAX_CONTAINERS) {
    return clientError('Too many containers.')
  }
  const seen = new Set<string>()
  for (const container of containers) {
    const name = container.name ?? ''
    if (name === '') return clientError('Container.name should not be null or empty.')
    if (!NAME_PATTERN.test(name)) {
      return clientError(
        `Container name '${name}' is invalid: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`,
      )
    }
    if (seen.has(name))
      return clientError(`Container names must be unique: '${name}' is used more than once.`)
    seen.add(name)
    if ((container.image ?? '') === '')
      return clientError('Container.image should not be null or empty.')
    for (const field of ['cpu', 'memory', 'memoryReservation'] as const) {
      const value = container[field]
      if (value !== undefined && value < 0) {
        return clientError(
          `Invalid setting for container '${name}'. '${field}' cannot be negative.`,
        )
      }
    }
  }
  if (!containers.some(container => container.essential !== false)) {
    return clientError('A task definition must have at least one essential container.')
  }
  // the execution role is what ECS's agent reads secrets and registry logins with
  if (input.executionRoleArn === undefined || input.executionRoleArn === '') {
    if (containers.some(c => (c.secrets ?? []).length > 0))
      return clientError(
        "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
      )
    if (containers.some(c => c.repositoryCredentials !== undefined))
      return clientError(
        "When you are specifying repository credentials, you must also specify a value for 'executionRoleArn'.",
      )
  }
  return OK
}

/** links, dependsOn, volumesFrom and mountPoints name things that exist in this definition. */
export function checkReferences(input: RegisterTaskDefinitionRequest): TaskDefinitionCheck<void> {
  const byName = new Map(input.containerDefinitions.map(c => [c.name ?? '', c]))
  const volumes = new Set<string>()
  for (const volume of input.volumes ?? []) {
    if (volume.name === undefined) continue
    if (volumes.has(volume.name))
      return clientError(`Volume names must be unique: '${volume.name}' is used more than once.`)
    volumes.add(volume.name)
  }
  const networkMode = input.networkMode ?? 'bridge'
  for (const container of input.containerDefinitions) {
    const name = container.name ?? ''
    const links = container.links ?? []
    if (links.length > 0 && networkMode !== 'bridge') {
      return clientError(`Links are not supported when networkMode=${networkMode}.`)
    }
    for (const link of links) {
      const target = link.split(':')[0] ?? ''
      if (!byName.has(target) || target === name) {
        return clientError(
          `Invalid link '${link}' in container '${name}': '${target}' is not another container in this task definition.`,
        )
      }
    }
    for (const dependency of container.dependsOn ?? []) {
      const other = byName.get(dependency.containerName)
      if (other === undefined || dependency.containerName === name) {
        return clientError(
          `Invalid setting for container '${name}'. dependsOn names '${dependency.containerName}', which is not another container in this task definition.`,
        )
      }
      if (
        (dependency.condition === 'SUCCESS' || dependency.condition === 'COMPLETE') &&
        other.essential !== false
      ) {
        return clientError(
          'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container',
        )
      }
    }
    for (const from of container.volumesFrom ?? []) {
      const source = from.sourceContainer ?? ''
      if (!byName.has(source) || source === name) {
        return clientError(
          `Invalid setting for container '${name}'. volumesFrom names '${source}', which is not another container in this task definition.`,
        )
      }
    }
    for (const mount of container.mountPoints ?? []) {
      if (!volumes.has(mount.sourceVolume ?? ''))
        return clientError(`Unknown volume '${mount.sourceVolume ?? ''}'.`)
    }
  }
  return checkDependencyCycles(input)
}

/** The agent starts containers in dependsOn order, so a cycle could never start. */
function checkDependencyCycles(input: RegisterTaskDefinitionRequest): TaskDefinitionCheck<void> {
  const edges = new Map(
    input.containerDefinitions.map(c => [
      c.name ?? '',
      (c.dependsOn ?? []).map(d => d.containerName),
    ]),
  )
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (state.get(name) === 'done') return undefined
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name]
    state.set(name, 'visiting')
    for (const next of edges.get(name) ?? []) {
      const cycle = visit(next, [...path, name])
      if (cycle) return cycle
    }
    state.set(name, 'done')
    return undefined
  }
  for (const name of edges.keys()) {
    const cycle = visit(name, [])
    if (cycle) return clientError(`Container dependencies form a cycle: ${cycle.join(' -> ')}.`)
  }
  return OK
}
