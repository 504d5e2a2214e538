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
 *
 * `containerPortRange` (`"8000-8009"`, bridge or host mode, without `containerPort`/`hostPort`)
 * exposes every port of the range. In bridge mode it is bound to a *contiguous* host range of the
 * same size, as ECS does: Docker cannot pick a contiguous range, so the create step finds a free
 * one (`host-ports.ts`) and {@link bindPortRanges} writes it into the create body. The bindings are
 * reported port by port.
 */
import { InvalidTaskError } from '../errors.js'
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
      const range = rangeOf(mapping, container)
      for (let port = range.start; port <= range.end; port++) {
        const key = `${port}/${range.protocol}`
        ExposedPorts[key] = {}
        // the host port is written at create time (bindPortRanges)
        if (networkMode !== 'host') (PortBindings[key] ??= []).push({ HostIp: '', HostPort: '' })
      }
      continue
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

/** A `containerPortRange`, parsed. */
export interface PortRange {
  readonly start: number
  readonly end: number
  readonly protocol: TransportProtocol
}

/** The mapping's `containerPortRange` as numbers; InvalidTaskError when malformed. */
function rangeOf(mapping: PortMapping, container: string): PortRange {
  const text = String(mapping.containerPortRange)
  const match = /^(\d+)-(\d+)$/.exec(text)
  const start = Number(match?.[1])
  const end = Number(match?.[2])
  if (!match || !isPort(start) || !isPort(end) || start === 0 || start >= end) {
    throw new InvalidTaskError(
      `container ${container}: containerPortRange ${text} is not a range of ports like 8000-8009`,
    )
  }
  if (mapping.containerPort !== undefined || mapping.hostPort !== undefined) {
    throw new InvalidTaskError(
      `container ${container}: a containerPortRange mapping takes no containerPort or hostPort`,
    )
  }
  return { start, end, protocol: protocolOf(mapping, container) }
}

/** The ranges that need a contiguous host range at create time (bridge mode only). */
export function portRanges(
  mappings: readonly PortMapping[],
  networkMode: NetworkMode,
  container: string,
): PortRange[] {
  if (networkMode === 'host') return []
  return mappings.filter(m => m.containerPortRange !== undefined).map(m => rangeOf(m, container))
}

/**
 * `bindings` with each range's ports bound to consecutive host ports from the matching entry of
 * `hostStarts` (the first host port of each range, in `ranges` order). Pure.
 */
export function bindPortRanges(
  bindings: Readonly<Record<string, readonly DockerPortBinding[]>>,
  ranges: readonly PortRange[],
  hostStarts: readonly number[],
): Record<string, DockerPortBinding[]> {
  const result: Record<string, DockerPortBinding[]> = {}
  for (const [key, list] of Object.entries(bindings)) result[key] = [...list]
  ranges.forEach((range, i) => {
    const first = hostStarts[i] ?? 0
    for (let port = range.start; port <= range.end; port++) {
      const hostPort = String(first + port - range.start)
      result[`${port}/${range.protocol}`] = [{ HostIp: '', HostPort: hostPort }]
    }
  })
  return result
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
    return mappings.flatMap(m => {
      const protocol = m.protocol === 'udp' ? ('udp' as const) : ('tcp' as const)
      const [start, end] = (m.containerPortRange ?? '').split('-').map(Number)
      const ports =
        isPort(start) && isPort(end)
          ? Array.from({ length: Math.max(0, end - start + 1) }, (_, i) => start + i)
          : [m.containerPort].filter(isPort)
      return ports.map(port => ({
        bindIP: '0.0.0.0',
        containerPort: port,
        hostPort: port,
        protocol,
      }))
    })
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
