import { checkCompatibilities } from './compatibilities.js'
import { checkContainers, checkReferences } from './containers.js'
import { checkPlacementConstraints } from './placement.js'
import { checkPorts } from './ports.js'
import { requiresAttributes } from './requires-attributes.js'
import { checkSettings } from './settings.js'
import { checkSize } from './size.js'
import { checkSizing } from './sizing.js'
import type {
  Attribute,
  Compatibility,
  ContainerDefinition,
  NetworkMode,
  RegisterTaskDefinitionRequest,
  Volume,
} from '@quayside/openapi/types'
import type { TaskDefinitionCheck } from './check.js'

/**
 * A registered task definition before the store gives it identity: the request with its
 * documented conversions (table below) plus the computed `requiresAttributes` and
 * `compatibilities`. The store adds `taskDefinitionArn`, `revision`, `status`, `registeredAt` and
 * `registeredBy` (the spec's `TaskDefinition`); `tags` is carried through for the handler to store
 * and answer beside the definition, as RegisterTaskDefinition's response does.
 */
export type NormalizedTaskDefinition = RegisterTaskDefinitionRequest & {
  requiresAttributes: Attribute[]
  compatibilities: Compatibility[]
}

/*
 * RegisterTaskDefinition's semantic rules, checked in this order; the first failure answers.
 * Types, enums and lengths were already checked against the JSON schema. Exception: C =
 * ClientException, IP = InvalidParameterException. Text: "ECS" = the message real ECS answers
 * with (seen in public reports), "ours" = ECS's documented rule in our words.
 *
 * | rule (file)                                                                | exc | text |
 * |----------------------------------------------------------------------------|-----|------|
 * | the definition's JSON, tags aside, is at most 65,536 bytes (size)          | C   | ECS  |
 * | family matches [A-Za-z0-9_-]{1,255} (containers)                           | C   | ours |
 * | at least one container                                                     | C   | ECS  |
 * | at most 10 containers (an ECS quota that cannot be raised)                 | C   | ECS  |
 * | container name present                                                     | C   | ECS  |
 * | container name matches the family pattern, unique in the definition       | C   | ours |
 * | container image present                                                    | C   | ECS  |
 * | container cpu, memory, memoryReservation not negative                      | C   | ours |
 * | at least one essential container (essential defaults to true)              | C   | ours |
 * | networkMode none: no port mappings (ports)                                 | C   | ours |
 * | host/awsvpc: hostPort omitted or equal to containerPort                    | C   | ECS  |
 * | containerPort xor containerPortRange; range 'a-b' in 1..65535, bridge or   | C   | ours |
 * |   awsvpc only, no hostPort; containerPort 1..65535, hostPort 0..65535      |     |      |
 * | a container maps a containerPort once, whatever the protocol               | IP  | ECS  |
 * | a static host port is claimed once per task and protocol                   | C   | ours |
 * | volume names unique (containers)                                           | C   | ours |
 * | links only in bridge mode                                                  | C   | ECS  |
 * | links, dependsOn, volumesFrom name another container of the definition     | C   | ours |
 * | a SUCCESS/COMPLETE dependency is not an essential container                | C   | ECS  |
 * | dependsOn has no cycle                                                     | C   | ours |
 * | mountPoints.sourceVolume names a volume                                    | C   | ECS  |
 * | healthCheck interval 5..300, timeout 2..60, retries 1..10, startPeriod     | C   | ours |
 * |   0..300, command not empty (settings)                                     |     |      |
 * | restartPolicy: <= 50 ignoredExitCodes, restartAttemptPeriod 60..1800       | C   | ours |
 * | proxyConfiguration.containerName names a container                         | C   | ours |
 * | task cpu/memory in an accepted form (units); cpu 128..196608; memory > 0   | C   | ours |
 * |   (sizing)                                                                 |     |      |
 * | no task memory: every container has a non-zero memory or memoryReservation | C   | ECS  |
 * | container memory >= memoryReservation (ECS accepts equal) and <= task      | C   | ours |
 * |   memory                                                                   |     |      |
 * | containers' cpu sum <= task cpu; reserved memory sum <= task memory        | C   | ECS  |
 * | placement constraints: <= 10, type memberOf, expression parses (placement) | IP  | ours |
 * | every requiresCompatibilities value is among the computed compatibilities  | C   | ECS* |
 * |   (compatibilities; *the task-level cpu and pidMode texts are ECS's, the   |     |      |
 * |   rest ours)                                                               |     |      |
 *
 * Conversions and defaults (everything else the input carries comes back unchanged, unknown
 * members included): task cpu/memory become integer strings; the task gets
 * `networkMode: 'bridge'`, `volumes: []` and `placementConstraints: []` when omitted; each
 * container gets `essential: true`, `cpu: 0` and `portMappings`, `environment`, `mountPoints`,
 * `volumesFrom` as `[]` when omitted; each port mapping gets `protocol: 'tcp'` when omitted and,
 * in host and awsvpc modes, `hostPort` = `containerPort`; an EFS volume gets `rootDirectory: '/'`
 * when omitted. These are the defaults ECS shows in
 * DescribeTaskDefinition (moto, which mirrors it, fills the same ones). Computed:
 * `requiresAttributes` and `compatibilities`.
 */

function withDefaults(
  container: ContainerDefinition,
  networkMode: NetworkMode,
): ContainerDefinition {
  const portMappings = (container.portMappings ?? []).map(mapping => {
    const filled = { ...mapping, protocol: mapping.protocol ?? 'tcp' }
    const hostMatchesContainer = networkMode === 'host' || networkMode === 'awsvpc'
    if (
      hostMatchesContainer &&
      filled.hostPort === undefined &&
      filled.containerPort !== undefined
    ) {
      filled.hostPort = filled.containerPort
    }
    return filled
  })
  return {
    ...container,
    cpu: container.cpu ?? 0,
    essential: container.essential ?? true,
    portMappings,
    environment: container.environment ?? [],
    mountPoints: container.mountPoints ?? [],
    volumesFrom: container.volumesFrom ?? [],
  }
}

/** ECS mounts an EFS file system's root when no `rootDirectory` is given, and says so. */
function withVolumeDefaults(volume: Volume): Volume {
  const efs = volume.efsVolumeConfiguration
  if (efs === undefined || efs.rootDirectory !== undefined) return volume
  return { ...volume, efsVolumeConfiguration: { ...efs, rootDirectory: '/' } }
}

/**
 * Checks a RegisterTaskDefinition request against ECS's semantic rules (table above) and returns
 * the definition to store: a copy of the input with the documented conversions and defaults,
 * plus `requiresAttributes` and `compatibilities`. Pure; never throws for user input.
 */
export function normalizeTaskDefinition(
  input: RegisterTaskDefinitionRequest,
): TaskDefinitionCheck<NormalizedTaskDefinition> {
  const size = checkSize(input)
  if (!size.ok) return size
  for (const check of [checkContainers, checkPorts, checkReferences, checkSettings]) {
    const result = check(input)
    if (!result.ok) return result
  }
  const sizing = checkSizing(input)
  if (!sizing.ok) return sizing
  const placement = checkPlacementConstraints(input)
  if (!placement.ok) return placement
  const compatibilities = checkCompatibilities(input, sizing.value)
  if (!compatibilities.ok) return compatibilities

  const copy = structuredClone(input)
  const networkMode = input.networkMode ?? 'bridge'
  const normalized: NormalizedTaskDefinition = {
    ...copy,
    networkMode,
    containerDefinitions: copy.containerDefinitions.map(c => withDefaults(c, networkMode)),
    volumes: (copy.volumes ?? []).map(withVolumeDefaults),
    placementConstraints: copy.placementConstraints ?? [],
    requiresAttributes: requiresAttributes(input),
    compatibilities: compatibilities.value,
  }
  if (sizing.value.cpu !== undefined) normalized.cpu = String(sizing.value.cpu)
  if (sizing.value.memory !== undefined) normalized.memory = String(sizing.value.memory)
  return { ok: true, value: normalized }
}
