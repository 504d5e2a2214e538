/**
 * What every operation handler receives besides its (already validated) input: the store, the
 * account and region the request acts in, and the caller's principal. Handlers are typed by the
 * spec: `Handler<'RunTask'>` takes a `RunTaskRequest` and resolves to a `RunTaskResponse`.
 */
import type { OperationHandlers, OperationName } from '@quayside/openapi/types'
import type { ServerRuntime } from '../runtime.js'
import type { Scope, Store } from '../store/index.js'

/** Per-request context built by the HTTP layer after SigV4 verification. */
export interface OperationContext {
  readonly store: Store
  /** Account (from the access key) and region (from the SigV4 credential scope). */
  readonly scope: Scope
  /** The caller's IAM principal ARN (`arn:aws:iam::<account>:root`). */
  readonly principalArn: string
  /** The request id also sent as `x-amzn-RequestId`. */
  readonly requestId: string
  /** Server-wide state: task events, retention, the agents' endpoint. */
  readonly runtime: ServerRuntime
  /** The request's `Host` header: the address the caller reached this server at. */
  readonly host?: string | undefined
}

/**
 * The handler of operation `Op`: its request (validated against the spec's schema before the call)
 * in, its response out, or a thrown ServiceError. Declare handlers as functions with the request
 * and response types written out (`Promise<RunTaskResponse>`): an explicit return type is what
 * makes TypeScript refuse a member the spec's response does not have.
 */
export type Handler<Op extends OperationName> = OperationHandlers<OperationContext>[Op]

/** The operations this server builds, each with its handler; every other one is absent. */
export type BuiltOperations = Partial<OperationHandlers<OperationContext>>

/** An operation's JSON input as the HTTP pipeline holds it, before the handler's type is known. */
export type OperationInput = Readonly<Record<string, unknown>>

/**
 * A handler as the HTTP pipeline calls it, by operation name (see ./index.ts, which builds these
 * from {@link BuiltOperations}): input in, output object out, or a thrown ServiceError.
 */
export type OperationHandler = (input: OperationInput, context: OperationContext) => Promise<object>

/** Current time as ECS timestamps are sent: epoch seconds with milliseconds. */
export const epochSeconds = (date: Date = new Date()): number => date.getTime() / 1000
