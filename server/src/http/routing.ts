/**
 * Which operation a request names: `POST /` with `X-Amz-Target: <prefix>.<Op>` (what real clients
 * send), or `POST /<Op>` as the OpenAPI document describes it. Pure; no I/O.
 */
import { errors } from '../errors.js'

export const TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113'

/** Resolves the operation or throws UnknownOperationException. */
export function resolveOperation(
  path: string,
  target: string | undefined,
  known: ReadonlySet<string>,
): string {
  const fromPath = path === '/' || path === '' ? undefined : decodeURIComponent(path.slice(1))
  let fromTarget: string | undefined
  if (target !== undefined && target !== '') {
    const dot = target.lastIndexOf('.')
    if (dot < 0 || target.slice(0, dot) !== TARGET_PREFIX) {
      throw errors.unknownOperation(`Unknown target: ${target}`)
    }
    fromTarget = target.slice(dot + 1)
  }
  if (fromPath !== undefined && fromTarget !== undefined && fromPath !== fromTarget) {
    throw errors.unknownOperation(
      `The path /${fromPath} and the X-Amz-Target ${target ?? ''} name different operations.`,
    )
  }
  const name = fromPath ?? fromTarget
  if (name === undefined) throw errors.unknownOperation('Missing X-Amz-Target header.')
  if (!known.has(name)) throw errors.unknownOperation(`Unknown operation: ${name}`)
  return name
}
