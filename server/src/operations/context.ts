/**
 * What every operation handler receives besides its (already validated) input: the store, the
 * account and region the request acts in, and the caller's principal.
 */
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
}

/** The validated JSON input of an operation; handlers read it through the helpers in ./input.ts. */
export type OperationInput = Readonly<Record<string, unknown>>

/** An ECS operation: input in, output object out, or a thrown ServiceError. */
export type OperationHandler = (input: OperationInput, context: OperationContext) => Promise<object>

/** Current time as ECS timestamps are sent: epoch seconds with milliseconds. */
export const epochSeconds = (date: Date = new Date()): number => date.getTime() / 1000
