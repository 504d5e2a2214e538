/**
 * Opaque `nextToken`s. A token carries the last key a page returned and a hash of the filters the
 * page was listed with, so a token replayed with other filters is refused (ECS-NOTES section 8)
 * instead of silently skipping or repeating items.
 */
import { createHash } from 'node:crypto'
import { errors, type ServiceError } from './errors.js'

interface TokenBody {
  readonly f: string
  readonly k: string
}

function filterHash(operation: string, filters: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${JSON.stringify(filters)}`)
    .digest('base64url')
    .slice(0, 16)
}

/** Makes the token for a page that ended at `lastKey`. */
export function encodeToken(operation: string, filters: unknown, lastKey: string): string {
  const body: TokenBody = { f: filterHash(operation, filters), k: lastKey }
  return Buffer.from(JSON.stringify(body)).toString('base64url')
}

/**
 * The key to continue after, or undefined for the first page; refuses foreign or altered tokens
 * with `invalid` (ECS's InvalidParameterException unless another API passes its own).
 */
export function decodeToken(
  operation: string,
  filters: unknown,
  token: string | undefined,
  invalid: (message: string) => ServiceError = errors.invalidParameter,
): string | undefined {
  if (token === undefined || token === '') return undefined
  let body: Partial<TokenBody> | undefined
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>
  } catch {
    // Not base64 JSON: handled below like any token that is not ours.
  }
  if (typeof body?.k !== 'string' || typeof body.f !== 'string') {
    throw invalid('Invalid nextToken.')
  }
  if (body.f !== filterHash(operation, filters)) {
    throw invalid('The nextToken was issued for a request with different parameters.')
  }
  return body.k
}

/** Checks `maxResults` against ECS's range for the operation and applies its default. */
export function pageSize(maxResults: number | undefined, max: number, fallback = max): number {
  if (maxResults === undefined) return fallback
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > max) {
    throw errors.invalidParameter(`maxResults must be between 1 and ${max}.`)
  }
  return maxResults
}
