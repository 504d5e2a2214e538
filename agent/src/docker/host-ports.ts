/**
 * Finding a contiguous range of free host ports for a `containerPortRange` mapping, the way the
 * ECS agent does: walk the dynamic port range (49153-65535 by default, as ECS on Linux), test-bind
 * every port of a candidate range on all addresses, and take the first range where each bind
 * succeeds. The test sockets are closed before Docker binds the ports, so another process could
 * take one in between; Docker's start then fails with CannotStartContainerError, as on ECS.
 */
import { createSocket } from 'node:dgram'
import { createServer } from 'node:net'
import { CannotCreateContainerError } from '../errors.js'
import type { TransportProtocol } from '../task-definition.js'

export interface HostPortOptions {
  /** First and last port to consider (default 49153-65535). */
  readonly from?: number | undefined
  readonly to?: number | undefined
}

/** Resolves true when `port` can be bound on every address for `protocol` right now. */
export function portFree(port: number, protocol: TransportProtocol): Promise<boolean> {
  return new Promise(resolve => {
    if (protocol === 'udp') {
      const socket = createSocket('udp4')
      socket.once('error', () => {
        socket.close()
        resolve(false)
      })
      socket.bind(port, '0.0.0.0', () => {
        socket.close(() => {
          resolve(true)
        })
      })
      return
    }
    const server = createServer()
    server.once('error', () => {
      resolve(false)
    })
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => {
      server.close(() => {
        resolve(true)
      })
    })
  })
}

/**
 * The first port of a free contiguous range of `size` ports, skipping `taken` ports (ranges
 * already chosen for the same container). Rejects with CannotCreateContainerError when none is
 * free.
 */
export async function findFreeRange(
  size: number,
  protocol: TransportProtocol,
  options: HostPortOptions = {},
  taken: ReadonlySet<number> = new Set(),
): Promise<number> {
  const from = options.from ?? 49153
  const to = options.to ?? 65535
  let start = from
  while (start + size - 1 <= to) {
    let blocked: number | undefined
    for (let port = start; port < start + size; port++) {
      if (taken.has(port) || !(await portFree(port, protocol))) {
        blocked = port
        break
      }
    }
    if (blocked === undefined) return start
    start = blocked + 1
  }
  throw new CannotCreateContainerError(
    `no ${String(size)} contiguous free ${protocol} host ports between ${String(from)} and ${String(to)}`,
  )
}
