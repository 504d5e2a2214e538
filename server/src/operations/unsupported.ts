/** The handler of every operation this server does not implement yet. */
import { errors } from '../errors.js'
import type { OperationHandler } from './context.js'

/** Makes a handler answering UnsupportedFeatureException that names `operation`. */
export function unsupported(operation: string): OperationHandler {
  return () => Promise.reject(errors.unsupported(operation))
}
