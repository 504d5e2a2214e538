/** The handler of every operation of the spec that is absent from the built set (./index.ts). */
import { errors } from '../errors.js'
import type { OperationHandler } from './context.js'

/** Makes a handler answering UnsupportedFeatureException that names `operation`. */
export function unsupported(operation: string): OperationHandler {
  return () => Promise.reject(errors.unsupported(operation))
}
