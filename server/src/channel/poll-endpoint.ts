/**
 * Which URL DiscoverPollEndpoint names, as pure functions of what the answering replica knows.
 *
 * A replica's own URL is the one agents can reach it at: `--advertise-url` when given; else the
 * URL the agent itself used to reach it (its `Host` header, with the listener's scheme); else the
 * listener's URL. A wildcard bind address (0.0.0.0, ::) is never named: no host can dial it.
 *
 * With several replicas on one store (./replica-registry.ts), the answer may name another live
 * replica: one that has an advertised URL, beat recently and holds at least
 * {@link REBALANCE_MARGIN} fewer agents than the answering one. Otherwise the answering replica
 * names itself: it is live, since it is answering.
 */

/** What a replica records of itself in the store (kind `replica`). */
export interface ReplicaRecord {
  /** The replica's id (random per process). */
  readonly id: string
  /** Its `--advertise-url`; replicas without one are never named by others. */
  readonly url?: string | undefined
  /** Agent channels it held at its last beat. */
  readonly agents: number
  /** When it last beat (epoch ms). */
  readonly beatAt: number
}

/** A replica names another only when that one holds at least this many fewer agents. */
export const REBALANCE_MARGIN = 2

/**
 * True for an address that means "every interface" rather than one a host can dial. Takes a
 * hostname as `URL` normalises it (`0` and `0.0.0.0` read `0.0.0.0`, every spelling of the IPv6
 * unspecified address reads `[::]`), or as a bind address (`::`).
 */
export function isWildcardHost(hostname: string): boolean {
  return hostname === '0.0.0.0' || hostname === '[::]' || hostname === '::'
}

/**
 * Why `url` cannot be an `--advertise-url` (a message naming the flag), or undefined when it can:
 * an http(s) URL without credentials, query or fragment, whose host is not a wildcard. Pure.
 */
export function checkAdvertiseUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  if (!URL.canParse(url)) return `--advertise-url ${url} is not a URL`
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `--advertise-url ${url} is not an http(s) URL`
  if (
    parsed.username !== '' ||
    parsed.password !== '' ||
    parsed.search !== '' ||
    parsed.hash !== ''
  )
    return `--advertise-url ${url} must not carry credentials, a query or a fragment`
  if (isWildcardHost(parsed.hostname))
    return `--advertise-url ${url} names a wildcard address, which no host can dial`
  return undefined
}

/** `url` with a trailing slash, as ECS writes endpoints. */
export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}

/** Replaces a wildcard hostname with loopback (the only address a wildcard bind is sure to serve). */
function dialable(url: URL): URL {
  if (isWildcardHost(url.hostname))
    url.hostname = url.hostname.includes(':') ? '[::1]' : '127.0.0.1'
  return url
}

/**
 * The answering replica's own poll endpoint (with a trailing slash).
 *
 * @param advertiseUrl - `--advertise-url`, already checked to be an http(s) URL
 * @param listenerUrl - the bound listener (`http://0.0.0.0:4100` when bound to all interfaces)
 * @param host - the request's `Host` header, as the client sent it
 */
export function ownEndpoint(options: {
  readonly advertiseUrl?: string | undefined
  readonly listenerUrl: string
  readonly host?: string | undefined
}): string {
  if (options.advertiseUrl !== undefined) return withSlash(options.advertiseUrl)
  const listener = new URL(options.listenerUrl)
  const host = options.host?.trim()
  // a Host header is host[:port] only; anything else (a path, credentials) is not used
  if (host !== undefined && /^[A-Za-z0-9.\-_:[\]]+$/.test(host)) {
    const candidate = `${listener.protocol}//${host}/`
    if (URL.canParse(candidate)) return dialable(new URL(candidate)).href
  }
  return dialable(listener).href
}

/**
 * The endpoint to name: another live replica when it is clearly less loaded and advertises a
 * URL, else `self.url`. `replicas` are the live records (the answering one's among them or not);
 * `freshMs` bounds how old another replica's beat may be (a replica that died stops beating, so it
 * drops out of the choice after this long even while its record is still in the store).
 */
export function chooseEndpoint(options: {
  readonly self: { readonly id: string; readonly url: string; readonly agents: number }
  readonly replicas: readonly ReplicaRecord[]
  readonly now: number
  readonly freshMs: number
}): string {
  const { self, now, freshMs } = options
  let best: { url: string; agents: number } = self
  for (const replica of options.replicas) {
    if (replica.id === self.id || replica.url === undefined) continue
    if (now - replica.beatAt > freshMs) continue
    if (replica.agents <= self.agents - REBALANCE_MARGIN && replica.agents < best.agents)
      best = { url: replica.url, agents: replica.agents }
  }
  return withSlash(best.url)
}
