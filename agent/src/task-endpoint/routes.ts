/**
 * The paths the task endpoint answers, as ECS's agent serves them behind 169.254.170.2:
 * `/v4/<id>` (and `/v3/<id>`) for the container whose environment holds the id, with `/task`,
 * `/taskWithTags`, `/stats` and `/task/stats` after it; `/v2/credentials/<id>` for a task's role
 * credentials. Pure.
 */

/** What a path asks for. */
export type Route =
  | {
      readonly kind: 'container' | 'task' | 'taskWithTags' | 'stats' | 'taskStats'
      readonly version: 3 | 4
      readonly id: string
    }
  | { readonly kind: 'credentials'; readonly id: string }

const SUFFIXES: Readonly<Record<string, Exclude<Route['kind'], 'credentials'>>> = {
  '': 'container',
  '/task': 'task',
  '/taskWithTags': 'taskWithTags',
  '/stats': 'stats',
  '/task/stats': 'taskStats',
}

/** The route of `path` (without the query), or undefined for any other path. */
export function parseRoute(path: string): Route | undefined {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
  const credentials = /^\/v2\/credentials\/([\w-]+)$/.exec(trimmed)
  if (credentials?.[1] !== undefined) return { kind: 'credentials', id: credentials[1] }
  const metadata = /^\/v([34])\/([\w-]+)(\/.*)?$/.exec(trimmed)
  if (!metadata?.[2]) return undefined
  const kind = SUFFIXES[metadata[3] ?? '']
  if (kind === undefined) return undefined
  return { kind, version: metadata[1] === '3' ? 3 : 4, id: metadata[2] }
}
