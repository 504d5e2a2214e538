/**
 * Port mappings both ways: a container definition's `portMappings` into Docker's `ExposedPorts` /
 * `PortBindings`, and what Docker actually bound back into ECS `networkBindings`.
 *
 * Dynamic host ports (bridge mode, `hostPort` omitted or 0) are left to Docker: the binding is
 * sent with an empty `HostPort` and Docker allocates a free port from its ephemeral range (the
 * kernel's `ip_local_port_range` on Linux) atomically with the bind. The ECS agent instead
 * test-binds ports from `ECS_DYNAMIC_HOST_PORT_RANGE` itself; letting Docker choose gives the same
 * result without a window where another process can take the port between the probe and the
 * bind. The chosen port is read back from `docker inspect` after start and reported in
 * `networkBindings`, exactly as ECS reports its own choice.
 */
import { InvalidTaskError, TaskUnsupportedError } from '../errors.js'
import type { NetworkMode, PortMapping, TransportProtocol } from '../task-definition.js'
import type { DockerPortBinding, DockerPortMap } from './runtime.js'

/** One entry of ECS `networkBindings`, wire names. */
export interface NetworkBinding {
  readonly bindIP: string
  readonly containerPort: number
  readonly hostPort: number
  readonly protocol: TransportProtocol
}

export interface DockerPorts {
  readonly ExposedPorts: Record<string, Record<string, never>>
  readonly PortBindings: Record<string, DockerPortBinding[]>
}

function protocolOf(mapping: PortMapping, container: string): TransportProtocol {
  // Typed as tcp | udp, but it arrives as JSON.
  const protocol: unknown = mapping.protocol ?? 'tcp'
  if (protocol === 'tcp' || protocol === 'udp') return protocol
  throw new InvalidTaskError(
    `container ${container}: port protocol ${String(protocol)} is not tcp or udp`,
  )
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535
}

/**
 * Docker's port options for `mappings` of `container` in `networkMode` (awsvpc is refused before
 * this is called). Host mode exposes the ports without bindings: the container shares the host's
 * network stack, so `hostPort` must be omitted or equal to `containerPort`.
 */
export function dockerPorts(
  mappings: readonly PortMapping[],
  networkMode: NetworkMode,
  container: string,
): DockerPorts {
  const ExposedPorts: Record<string, Record<string, never>> = {}
  const PortBindings: Record<string, DockerPortBinding[]> = {}
  if (mappings.length > 0 && networkMode === 'none') {
    throw new InvalidTaskError(
      `container ${container}: portMappings are not allowed with networkMode none`,
    )
  }
  for (const mapping of mappings) {
    if (mapping.containerPortRange !== undefined) {
      throw new TaskUnsupportedError(
        `container ${container}: containerPortRange is not supported; map each port`,
      )
    }
    const { containerPort } = mapping
    const hostPort = mapping.hostPort ?? 0
    if (!isPort(containerPort) || containerPort === 0 || !isPort(hostPort)) {
      throw new InvalidTaskError(
        `container ${container}: port mapping ${String(containerPort)}:${String(mapping.hostPort)} is not a valid port`,
      )
    }
    const key = `${containerPort}/${protocolOf(mapping, container)}`
    ExposedPorts[key] = {}
    if (networkMode === 'host') {
      if (hostPort !== 0 && hostPort !== containerPort) {
        throw new InvalidTaskError(
          `container ${container}: in host mode hostPort ${hostPort} must equal containerPort ${containerPort}`,
        )
      }
      continue
    }
    const bindings = (PortBindings[key] ??= [])
    bindings.push({ HostIp: '', HostPort: hostPort === 0 ? '' : String(hostPort) })
  }
  return { ExposedPorts, PortBindings }
}

export interface BindingOptions {
  /** Drop bindings on IPv6 addresses, as ECS does by default (`ECS_EXCLUDE_IPV6_PORTBINDING`). */
  readonly excludeIpv6: boolean
}

/**
 * ECS `networkBindings` for a started container. Bridge mode reads Docker's `NetworkSettings.Ports`
 * (the only place a dynamic port is known); host mode has no Docker bindings, so each mapping is
 * reported on its container port, as ECS does.
 */
export function networkBindings(
  inspected: { readonly networkMode: string; readonly ports: DockerPortMap },
  mappings: readonly PortMapping[],
  options: BindingOptions,
): NetworkBinding[] {
  if (inspected.networkMode === 'host') {
    return mappings.flatMap(m =>
      isPort(m.containerPort)
        ? [
            {
              bindIP: '0.0.0.0',
              containerPort: m.containerPort,
              hostPort: m.containerPort,
              protocol: m.protocol === 'udp' ? ('udp' as const) : ('tcp' as const),
            },
          ]
        : [],
    )
  }
  const result: NetworkBinding[] = []
  for (const [key, bindings] of Object.entries(inspected.ports)) {
    const [port, proto] = key.split('/')
    const containerPort = Number(port)
    if (!bindings || !Number.isInteger(containerPort)) continue
    const protocol: TransportProtocol = proto === 'udp' ? 'udp' : 'tcp'
    for (const binding of bindings) {
      const bindIP = binding.HostIp === '' ? '0.0.0.0' : binding.HostIp
      if (options.excludeIpv6 && bindIP.includes(':')) continue
      result.push({ bindIP, containerPort, hostPort: Number(binding.HostPort), protocol })
    }
  }
  return result.sort(
    (a, b) =>
      a.containerPort - b.containerPort ||
      a.hostPort - b.hostPort ||
      a.protocol.localeCompare(b.protocol) ||
      a.bindIP.localeCompare(b.bindIP),
  )
}
