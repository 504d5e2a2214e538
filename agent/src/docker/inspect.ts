/**
 * Docker Engine API answers (`GET /containers/{id}/json`, `GET /containers/json`) into the
 * runtime's narrow shapes. Pure and defensive: the Engine omits or nulls fields depending on
 * version and container state, so every field is read as possibly missing.
 */
import type { ContainerDetails, ContainerSummary, DockerHealth, DockerPortMap } from './runtime.js'

/** The parts of an inspect answer the agent reads. */
export interface RawInspect {
  readonly Id?: string
  readonly Name?: string
  readonly Image?: string
  readonly Created?: string
  readonly Config?: { readonly Image?: string; readonly Labels?: Record<string, string> | null }
  readonly State?: {
    readonly Status?: string
    readonly Running?: boolean
    readonly ExitCode?: number
    readonly OOMKilled?: boolean
    readonly Error?: string
    readonly StartedAt?: string
    readonly FinishedAt?: string
    readonly Health?: { readonly Status?: string } | null
  }
  readonly HostConfig?: { readonly NetworkMode?: string }
  readonly NetworkSettings?: {
    readonly Ports?: DockerPortMap | null
    readonly Networks?: Record<string, { readonly IPAddress?: string } | null> | null
  }
}

/** The parts of a container list row the agent reads. */
export interface RawSummary {
  readonly Id?: string
  readonly Names?: readonly string[]
  readonly Labels?: Record<string, string> | null
  readonly State?: string
}

/** Docker writes `0001-01-01T00:00:00Z` for "never"; that and garbage become undefined. */
function instant(value: string | undefined): Date | undefined {
  if (value === undefined || value.startsWith('0001-')) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function health(status: string | undefined): DockerHealth | undefined {
  return status === 'starting' || status === 'healthy' || status === 'unhealthy'
    ? status
    : undefined
}

const withoutSlash = (name: string): string => (name.startsWith('/') ? name.slice(1) : name)

export function containerDetails(raw: RawInspect): ContainerDetails {
  const state = raw.State ?? {}
  return {
    id: raw.Id ?? '',
    name: withoutSlash(raw.Name ?? ''),
    image: raw.Config?.Image ?? '',
    imageId: raw.Image ?? '',
    labels: raw.Config?.Labels ?? {},
    state: {
      status: state.Status ?? 'unknown',
      running: state.Running === true,
      exitCode: state.ExitCode ?? 0,
      oomKilled: state.OOMKilled === true,
      error: state.Error ?? '',
      startedAt: instant(state.StartedAt),
      finishedAt: instant(state.FinishedAt),
      health: health(state.Health?.Status),
    },
    networkMode: raw.HostConfig?.NetworkMode ?? 'default',
    ports: raw.NetworkSettings?.Ports ?? {},
    createdAt: instant(raw.Created),
    ipv4Addresses: Object.values(raw.NetworkSettings?.Networks ?? {}).flatMap(n =>
      n?.IPAddress ? [n.IPAddress] : [],
    ),
  }
}

export function containerSummary(raw: RawSummary): ContainerSummary {
  return {
    id: raw.Id ?? '',
    name: withoutSlash(raw.Names?.[0] ?? ''),
    labels: raw.Labels ?? {},
    state: raw.State ?? 'unknown',
  }
}
