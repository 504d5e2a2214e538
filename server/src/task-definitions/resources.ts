import { staticHostPort } from './ports.js'
import type { NormalizedTaskDefinition } from './normalize.js'

/** What one task of a definition reserves on a container instance. */
export interface TaskResources {
  /** CPU units. */
  cpu: number
  /** MiB. */
  memory: number
  /** Static host ports, ascending, once each. */
  tcpPorts: number[]
  udpPorts: number[]
}

/**
 * The resources a task reserves, as ECS and its agent account for them:
 * CPU = task cpu if > 0, else the sum of container cpu; MEMORY = task memory if > 0, else the
 * sum per container of memoryReservation, else memory; ports = the static host ports (bridge:
 * hostPort > 0; host: containerPort) split by protocol. awsvpc and none reserve no host ports,
 * and dynamic ports (bridge hostPort 0 or omitted) are the agent's business.
 */
export function taskResources(def: NormalizedTaskDefinition): TaskResources {
  const taskCpu = Number(def.cpu ?? 0)
  const taskMemory = Number(def.memory ?? 0)
  let cpu = 0
  let memory = 0
  const ports = { tcp: new Set<number>(), udp: new Set<number>() }
  const networkMode = def.networkMode ?? 'bridge'
  for (const container of def.containerDefinitions) {
    cpu += container.cpu ?? 0
    memory += container.memoryReservation ?? container.memory ?? 0
    for (const mapping of container.portMappings ?? []) {
      const port = staticHostPort(mapping, networkMode)
      if (port !== undefined) ports[mapping.protocol ?? 'tcp'].add(port)
    }
  }
  const sorted = (set: Set<number>): number[] => [...set].sort((a, b) => a - b)
  return {
    cpu: taskCpu > 0 ? taskCpu : cpu,
    memory: taskMemory > 0 ? taskMemory : memory,
    tcpPorts: sorted(ports.tcp),
    udpPorts: sorted(ports.udp),
  }
}
