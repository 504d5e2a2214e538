/**
 * Client tokens, the pure half: which operations take one and how long it may be, the
 * fingerprint of a call's parameters (canonical JSON, hashed), the store key of a token and the
 * verdict on a call that brings a token already seen. The store half is ./token-records.ts.
 *
 * As in ECS (API Reference, "Ensuring idempotency"): a token is case-sensitive and belongs to one
 * operation in one cluster of one account and region; a call that repeats a recorded token with
 * the same parameters gets the original result and creates nothing, and one that repeats it with
 * other parameters is refused. A RunTask token lives 24 hours; CreateService tokens are given the
 * same lifetime (ECS documents none; past it the service's name still refuses a second one).
 */
import { createHash } from 'node:crypto'
import type { Failure } from '@quayside/openapi/types'
import { errors } from '../errors.js'

/** The operations that honour `clientToken` on this server. */
export type TokenOperation = 'RunTask' | 'CreateService'

/** Per operation: the longest token ECS allows and how long a recorded token holds. */
export const TOKEN_RULES: Readonly<
  Record<TokenOperation, { readonly maxLength: number; readonly ttlMs: number }>
> = {
  RunTask: { maxLength: 64, ttlMs: 24 * 60 * 60 * 1000 },
  CreateService: { maxLength: 36, ttlMs: 24 * 60 * 60 * 1000 },
}

/** A call's claim on a token: the operation, the token and the fingerprint of its parameters. */
export interface TokenClaim {
  readonly operation: TokenOperation
  readonly token: string
  readonly fingerprint: string
}

/** A failure of the original call, answered again on a replay (RunTask's `failures`). */
export type RecordedFailure = Readonly<Required<Failure>>

/** What the store keeps of a token: written in the transaction that created the resources. */
export interface TokenRecord {
  readonly operation: TokenOperation
  readonly fingerprint: string
  /** Epoch milliseconds. */
  readonly createdAt: number
  /** Epoch milliseconds; from then on the token is free again. */
  readonly expiresAt: number
  /** What the call created: task ARNs (RunTask, possibly none), the service ARN (CreateService). */
  readonly resourceIds: readonly string[]
  /** RunTask: the failures the original call answered. */
  readonly failures?: readonly RecordedFailure[]
}

/** What to do with a call bearing a token. */
export type TokenVerdict =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'replay'; readonly record: TokenRecord }
  | { readonly kind: 'conflict'; readonly record: TokenRecord }

/** Members that are not "the parameters": the token itself, and the cluster (part of the key). */
const NOT_PARAMETERS = new Set(['clientToken', 'cluster'])

/**
 * JSON with every object's keys sorted and null or undefined members left out (awsJson reads a
 * null member as absent), arrays kept in order: two inputs that mean the same give the same text.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(v => canonicalJson(v ?? null)).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
    return `{${members.join(',')}}`
  }
  if (value === undefined) return 'null'
  return JSON.stringify(value)
}

/** The SHA-256 (hex) of a call's parameters in canonical form, token and cluster left out. */
export function fingerprint(input: object): string {
  const parameters = Object.fromEntries(
    Object.entries(input as Record<string, unknown>).filter(([key]) => !NOT_PARAMETERS.has(key)),
  )
  return createHash('sha256').update(canonicalJson(parameters)).digest('hex')
}

/**
 * The claim of a call on its `clientToken`, or undefined when it brings none. A token that ECS
 * would refuse (too long, a character outside 33-126) is an InvalidParameterException.
 */
export function readClaim(operation: TokenOperation, input: object): TokenClaim | undefined {
  const token = (input as { clientToken?: unknown }).clientToken
  if (token === undefined || token === null) return undefined
  const { maxLength } = TOKEN_RULES[operation]
  if (typeof token !== 'string' || !validToken(token, maxLength))
    throw errors.invalidParameter(
      `clientToken must be 1 to ${maxLength} ASCII characters in the range 33-126.`,
    )
  return { operation, token, fingerprint: fingerprint(input) }
}

function validToken(token: string, maxLength: number): boolean {
  if (token.length === 0 || token.length > maxLength) return false
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i)
    if (code < 33 || code > 126) return false
  }
  return true
}

/** The records of one operation in one cluster share this parent key. */
export const tokenParent = (operation: TokenOperation, cluster: string): string =>
  `${operation}/${cluster}`

/** The store id of a claim's record in `cluster`. */
export const tokenId = (claim: TokenClaim, cluster: string): string =>
  `${tokenParent(claim.operation, cluster)}/${claim.token}`

/** True once a record no longer binds its token. */
export const isExpired = (record: TokenRecord, nowMs: number): boolean => record.expiresAt <= nowMs

/** The verdict on `claim` given the record already held for its token, if any. */
export function judge(
  claim: TokenClaim,
  record: TokenRecord | undefined,
  nowMs: number,
): TokenVerdict {
  if (record === undefined || isExpired(record, nowMs)) return { kind: 'fresh' }
  if (record.fingerprint === claim.fingerprint) return { kind: 'replay', record }
  return { kind: 'conflict', record }
}

/** The record of a call that has just created `resourceIds`. */
export function newRecord(
  claim: TokenClaim,
  nowMs: number,
  resourceIds: readonly string[],
  failures?: readonly RecordedFailure[],
): TokenRecord {
  return {
    operation: claim.operation,
    fingerprint: claim.fingerprint,
    createdAt: nowMs,
    expiresAt: nowMs + TOKEN_RULES[claim.operation].ttlMs,
    resourceIds,
    ...(failures === undefined ? {} : { failures }),
  }
}
