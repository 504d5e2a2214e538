import type {
  NetworkMode,
  PortMapping,
  RegisterTaskDefinitionRequest,
} from '@quayside/openapi/types'
import { clientError, invalidParameter, type TaskDefinitionCheck } from './check.js'

const OK: TaskDefinitionCheck<void> = { ok: true, value: undefined }
const RANGE = /^(\d{1,5})-(\d{1,5})$/

/** Parses a `containerPortRange` ("8000-8010"); `undefined` unless 1 <= start < end <= 65535. */
export function parsePortRange(text: string): [number, number] | undefined {
  const match = RANGE.exec(text)
  if (!match) return undefined
  const [start, end] = [Number(match[1]), Number(match[2])]
  return start >= 1 && start < end && end <= 65535 ? [start, end] : undefined
}

/**
 * The host port a mapping reserves on the instance, or `undefined` when it reserves none:
 * bridge reserves a static `hostPort` (0 or omitted is dynamic, picked by the agent); host
 * reserves the container port itself; awsvpc and none reserve nothing on the host.
 */
export function staticHostPort(mapping: PortMapping, networkMode: NetworkMode): number | undefined {
  if (mapping.containerPortRange !== undefined) return undefined
  if (networkMode === 'bridge')
    return mapping.hostPort !== undefined && mapping.hostPort > 0 ? mapping.hostPort : undefined
  return networkMode === 'host' ? mapping.containerPort : undefined
}

function checkMapping(
  mapping: PortMapping,
  container: string,
  networkMode: NetworkMode,
): TaskDefinitionCheck<void> {
  const where = `Invalid port mapping in container '${container}'`
  const { containerPort, hostPort, containerPortRange } = mapping
  if (containerPort !== undefined && containerPortRange !== undefined) {
    return clientError(`${where}: specify either containerPort or containerPortRange, not both.`)
  }
  if (containerPortRange !== undefined) {
    if (parsePortRange(containerPortRange) === undefined) {
      return clientError(
        `${where}: containerPortRange '${containerPortRange}' must be two ports 'start-end' with 1 <= start < end <= 65535.`,
      )
    }
    if (hostPort !== undefined)
      return clientError(`${where}: hostPort cannot be set with containerPortRange.`)
    if (networkMode === 'host')
      return clientError(
        `${where}: containerPortRange is supported only when networkMode is bridge or awsvpc.`,
      )
    return OK
  }
  if (containerPort === undefined)
    return clientError(`${where}: containerPort or containerPortRange is required.`)
  if (containerPort < 1 || containerPort > 65535)
    return clientError(`${where}: containerPort ${containerPort} must be between 1 and 65535.`)
  if (hostPort !== undefined && (hostPort < 0 || hostPort > 65535)) {
    return clientError(`${where}: hostPort ${hostPort} must be between 0 and 65535.`)
  }
  if (
    (networkMode === 'host' || networkMode === 'awsvpc') &&
    hostPort !== undefined &&
    hostPort !== containerPort
  ) {
    return clientError(
      `When networkMode=${networkMode}, the host ports and container ports in port mappings must match.`,
    )
  }
  return OK
}

/**
 * Port mapping rules by network mode (see normalize.ts for the full rule table):
 * none allows no mappings; host and awsvpc need hostPort omitted or equal to containerPort;
 * a mapping has exactly one of containerPort / containerPortRange; one container maps a
 * containerPort once (ECS refuses a second mapping even for another protocol); and a host port
 * is reserved once per task and protocol, since two claims on it could never be placed.
 */
export function checkPorts(input: RegisterTaskDefinitionRequest): TaskDefinitionCheck<void> {
  const networkMode = input.networkMode ?? 'bridge'
  const hostPorts = new Set<string>()
  for (const container of input.containerDefinitions) {
    const name = container.name ?? ''
    const mappings = container.portMappings ?? []
    if (mappings.length > 0 && networkMode === 'none') {
      return clientError(
        `Port mappings are not supported when networkMode=none (container '${name}').`,
      )
    }
    const containerPorts = new Set<number>()
    for (const mapping of mappings) {
      const checked = checkMapping(mapping, name, networkMode)
      if (!checked.ok) return checked
      if (mapping.containerPort !== undefined) {
        if (containerPorts.has(mapping.containerPort)) {
          return invalidParameter(
            `Container port ${mapping.containerPort} is used in more than one port mapping for container ${name}`,
          )
        }
        containerPorts.add(mapping.containerPort)
      }
      const hostPort = staticHostPort(mapping, networkMode)
      if (hostPort !== undefined) {
        const key = `${hostPort}/${mapping.protocol ?? 'tcp'}`
        if (hostPorts.has(key))
          return clientError(`Host port ${key} is mapped more than once in this task definition.`)
        hostPorts.add(key)
      }
    }
  }
  return OK
}
