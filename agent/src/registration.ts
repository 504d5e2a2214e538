/**
 * Registering this host as a container instance, as the ECS agent does: what the host offers
 * (`totalResources`), what it can do (`attributes`), which versions run it (`versionInfo`), and a
 * stable identity kept in the state dir so a restarted agent re-registers as the same instance.
 * The builders are pure; {@link registerInstance} does the I/O.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ECS } from '@quayside/sdk'
import type { Attribute, RegisterContainerInstanceRequest, Resource } from '@quayside/openapi/types'
import { isEcsServiceError } from '@quayside/sdk'
import type { RuntimeInfo, RuntimeVersion } from './docker/runtime.js'
import type { InstanceIdentity } from './imds.js'
import { writeDurably } from './engine/durable-file.js'

/** The agent's own version, sent as `versionInfo.agentVersion`. */
export const AGENT_VERSION = '0.1.0'

/** TCP ports the ECS agent reserves on every instance (ssh, Docker, the agent's own). */
export const RESERVED_PORTS: readonly number[] = [22, 2375, 2376, 51678, 51679]

/** Docker remote API versions the ECS agent advertises as capabilities. */
const REMOTE_API_VERSIONS = ['1.17', '1.18', '1.19', '1.20', '1.21', '1.22', '1.23', '1.24', '1.25']

/** Capabilities the engine really implements, whatever the Docker version. */
const ENGINE_CAPABILITIES = [
  'com.amazonaws.ecs.capability.logging-driver.json-file',
  'com.amazonaws.ecs.capability.logging-driver.none',
  // served by the agent itself (./logs/log-shipper.ts); any execution role is accepted
  'com.amazonaws.ecs.capability.logging-driver.awslogs',
  'ecs.capability.execution-role-awslogs',
  'com.amazonaws.ecs.capability.docker-plugin.local',
  // role credentials on the task endpoint (./task-endpoint/), in bridge and host mode
  'com.amazonaws.ecs.capability.task-iam-role',
  'com.amazonaws.ecs.capability.task-iam-role-network-host',
  'ecs.capability.container-health-check',
  'ecs.capability.container-ordering',
  'ecs.capability.full-sync',
  'ecs.capability.container-restart-policy',
  'ecs.capability.network.container-port-range',
  'ecs.capability.task-cpu-mem-limit',
  // container secrets and registry logins, resolved by the server (./channel/task-secrets.ts)
  'ecs.capability.secrets.ssm.environment-variables',
  'ecs.capability.secrets.asm.environment-variables',
  'ecs.capability.private-registry-authentication.secretsmanager',
]

/** CPU = cores x 1024, MEMORY = total MiB minus `reservedMemoryMiB`, and the reserved ports. */
export function hostResources(info: RuntimeInfo, reservedMemoryMiB = 0): Resource[] {
  const memoryMiB = Math.floor(info.memoryBytes / (1024 * 1024)) - reservedMemoryMiB
  return [
    { name: 'CPU', type: 'INTEGER', integerValue: info.cpus * 1024 },
    { name: 'MEMORY', type: 'INTEGER', integerValue: Math.max(0, memoryMiB) },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: RESERVED_PORTS.map(String) },
    { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
  ]
}

/** Docker's architecture names as ECS spells them (`x86_64`, `arm64`). */
export function cpuArchitecture(dockerArchitecture: string): string {
  if (dockerArchitecture === 'aarch64') return 'arm64'
  if (dockerArchitecture === 'amd64') return 'x86_64'
  return dockerArchitecture
}

/** Compares two dotted API versions numerically. */
function versionAtMost(version: string, limit: string): boolean {
  const a = version.split('.').map(Number)
  const b = limit.split('.').map(Number)
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d < 0
  }
  return true
}

/** Parses `k=v` (or a bare `k`) into an attribute; undefined for an empty name. */
export function parseAttribute(text: string): Attribute | undefined {
  const at = text.indexOf('=')
  const name = (at < 0 ? text : text.slice(0, at)).trim()
  if (name === '') return undefined
  return at < 0 ? { name } : { name, value: text.slice(at + 1) }
}

/**
 * The attributes to register: OS type, CPU architecture, the remote API versions the runtime
 * speaks (those up to its API version), what the engine implements, then custom ones (which win
 * on a name clash).
 */
export function hostAttributes(
  info: RuntimeInfo,
  version: RuntimeVersion,
  custom: readonly Attribute[] = [],
  identity: { instanceType?: string; availabilityZone?: string } = {},
): Attribute[] {
  const byName = new Map<string, Attribute>()
  const add = (a: Attribute) => byName.set(a.name, a)
  add({ name: 'ecs.os-type', value: info.os })
  add({ name: 'ecs.cpu-architecture', value: cpuArchitecture(info.architecture) })
  if (identity.instanceType !== undefined)
    add({ name: 'ecs.instance-type', value: identity.instanceType })
  if (identity.availabilityZone !== undefined)
    add({ name: 'ecs.availability-zone', value: identity.availabilityZone })
  for (const v of REMOTE_API_VERSIONS)
    if (versionAtMost(v, version.apiVersion))
      add({ name: `com.amazonaws.ecs.capability.docker-remote-api.${v}` })
  for (const name of ENGINE_CAPABILITIES) add({ name })
  for (const a of custom) add(a)
  return [...byName.values()]
}

/** Where the instance ARN is kept across restarts. */
export function identityFile(stateDir: string): string {
  return join(stateDir, 'instance.json')
}

/** The saved instance ARN for `cluster`, or undefined (none saved, another cluster, unreadable). */
export async function loadIdentity(stateDir: string, cluster: string): Promise<string | undefined> {
  let text: string
  try {
    text = await readFile(identityFile(stateDir), 'utf8')
  } catch {
    return undefined
  }
  try {
    const saved = JSON.parse(text) as { cluster?: unknown; containerInstanceArn?: unknown }
    return saved.cluster === cluster && typeof saved.containerInstanceArn === 'string'
      ? saved.containerInstanceArn
      : undefined
  } catch {
    return undefined
  }
}

/** Saves the identity durably and atomically, so a crash never leaves half a file. */
export function saveIdentity(
  stateDir: string,
  cluster: string,
  containerInstanceArn: string,
): Promise<void> {
  return writeDurably(
    identityFile(stateDir),
    JSON.stringify({ cluster, containerInstanceArn }) + '\n',
  )
}

export interface RegistrationOptions {
  readonly cluster: string
  readonly stateDir: string
  readonly reservedMemoryMiB?: number | undefined
  readonly attributes?: readonly Attribute[] | undefined
  /** The EC2 identity (IMDSv2) when on EC2: sent signed, and as instance-type/zone attributes. */
  readonly identity?: InstanceIdentity | undefined
}

export interface Registration {
  readonly containerInstanceArn: string
  readonly cpu: number
  readonly memory: number
}

/** The RegisterContainerInstance request for this host. */
export function registrationRequest(
  info: RuntimeInfo,
  version: RuntimeVersion,
  options: RegistrationOptions,
  containerInstanceArn: string | undefined,
): RegisterContainerInstanceRequest {
  return {
    cluster: options.cluster,
    totalResources: hostResources(info, options.reservedMemoryMiB),
    attributes: hostAttributes(info, version, options.attributes, options.identity),
    versionInfo: {
      agentVersion: AGENT_VERSION,
      agentHash: 'quayside',
      dockerVersion: `DockerVersion: ${version.version}`,
    },
    ...(containerInstanceArn !== undefined ? { containerInstanceArn } : {}),
    ...(options.identity
      ? {
          instanceIdentityDocument: options.identity.document,
          instanceIdentityDocumentSignature: options.identity.signature,
        }
      : {}),
  }
}

/**
 * Registers (or re-registers, with the saved ARN) and saves the identity. Creates the cluster
 * when it does not exist, as the ECS agent does for `default`.
 */
export async function registerInstance(
  ecs: ECS,
  runtime: { info(): Promise<RuntimeInfo>; version(): Promise<RuntimeVersion> },
  options: RegistrationOptions,
): Promise<Registration> {
  const [info, version] = await Promise.all([runtime.info(), runtime.version()])
  let saved = await loadIdentity(options.stateDir, options.cluster)
  const register = async () => {
    const request = registrationRequest(info, version, options, saved)
    try {
      return await ecs.registerContainerInstance(request)
    } catch (error) {
      if (!isEcsServiceError(error)) throw error
      if (error.name === 'ClusterNotFoundException') {
        await ecs.createCluster({ clusterName: options.cluster })
        return ecs.registerContainerInstance(request)
      }
      // the server no longer knows the saved instance (deregistered, fresh store): start anew
      if (error.name !== 'InvalidParameterException' || saved === undefined) throw error
      saved = undefined
      return ecs.registerContainerInstance(registrationRequest(info, version, options, saved))
    }
  }
  const answer = await register()
  const arn = answer.containerInstance?.containerInstanceArn
  if (arn === undefined) throw new Error('RegisterContainerInstance answered without an ARN')
  await saveIdentity(options.stateDir, options.cluster, arn)
  const resources = hostResources(info, options.reservedMemoryMiB)
  return {
    containerInstanceArn: arn,
    cpu: resources[0]?.integerValue ?? 0,
    memory: resources[1]?.integerValue ?? 0,
  }
}
