/**
 * Which operation a request names: `POST /` with `X-Amz-Target: <prefix>.<Op>` (what real clients
 * send), or `POST /<Op>` as the OpenAPI documents describe it. One endpoint serves several APIs:
 * the target's prefix names the API (ECS, SSM, Secrets Manager, CloudWatch Logs), or, for the
 * path form without a target, the SigV4 service the request is signed for. An ECS operation's
 * key is its name (`RunTask`), another API's is its IAM action (`ssm:GetParameter`). Pure.
 */
import type { ApiId } from '@quayside/openapi'
import { errors } from '../errors.js'

export const TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113'

/** How a request reaches each API: its X-Amz-Target prefix and its SigV4 signing name. */
export const API_ROUTES: Readonly<
  Record<ApiId, { readonly targetPrefix: string; readonly signingName: string }>
> = {
  ecs: { targetPrefix: TARGET_PREFIX, signingName: 'ecs' },
  ssm: { targetPrefix: 'AmazonSSM', signingName: 'ssm' },
  secretsmanager: { targetPrefix: 'secretsmanager', signingName: 'secretsmanager' },
  logs: { targetPrefix: 'Logs_20140328', signingName: 'logs' },
}

const API_IDS = Object.keys(API_ROUTES) as ApiId[]

/** Every signing name served, ECS's first. */
export const SIGNING_NAMES: readonly string[] = API_IDS.map(id => API_ROUTES[id].signingName)

/** The key of `operation` of `api`: `RunTask`, `ssm:GetParameter`. */
export function operationKey(api: ApiId, operation: string): string {
  return api === 'ecs' ? operation : `${api}:${operation}`
}

/** The API and the operation name of a key made by {@link operationKey}. */
export function splitOperationKey(key: string): { api: ApiId; operation: string } {
  const colon = key.indexOf(':')
  if (colon < 0) return { api: 'ecs', operation: key }
  return { api: key.slice(0, colon) as ApiId, operation: key.slice(colon + 1) }
}

/** The API a target names by its prefix (`AmazonSSM.GetParameter` -> ssm), if any. */
export function apiOfTarget(target: string | undefined): ApiId | undefined {
  const dot = target?.lastIndexOf('.') ?? -1
  const prefix = target?.slice(0, dot)
  return API_IDS.find(id => API_ROUTES[id].targetPrefix === prefix)
}

/** The API signed for (`ssm` -> ssm); ECS for any other name. */
function apiOfService(service: string | undefined): ApiId {
  return API_IDS.find(id => API_ROUTES[id].signingName === service) ?? 'ecs'
}

/**
 * Resolves the operation's key or throws UnknownOperationException. `service` is the SigV4
 * service name the request was signed for; it picks the API only when no target is sent.
 */
export function resolveOperation(
  path: string,
  target: string | undefined,
  known: ReadonlySet<string>,
  service?: string,
): string {
  const fromPath = path === '/' || path === '' ? undefined : decodeURIComponent(path.slice(1))
  let fromTarget: string | undefined
  let api = apiOfService(service)
  if (target !== undefined && target !== '') {
    const named = apiOfTarget(target)
    if (named === undefined) throw errors.unknownOperation(`Unknown target: ${target}`)
    api = named
    fromTarget = target.slice(target.lastIndexOf('.') + 1)
  }
  if (fromPath !== undefined && fromTarget !== undefined && fromPath !== fromTarget) {
    throw errors.unknownOperation(
      `The path /${fromPath} and the X-Amz-Target ${target ?? ''} name different operations.`,
    )
  }
  const name = fromPath ?? fromTarget
  if (name === undefined) throw errors.unknownOperation('Missing X-Amz-Target header.')
  const key = operationKey(api, name)
  if (!known.has(key)) throw errors.unknownOperation(`Unknown operation: ${name}`)
  return key
}
