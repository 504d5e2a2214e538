/**
 * Diagnostics: how every failure reaches Terraform. Handlers never throw to gRPC; they answer with
 * diagnostics whose attribute path points at the value at fault, so terraform underlines it.
 */
import { BackendError, isProviderError } from '../errors.js'
import type { AttributePathMsg, DiagnosticMsg } from '../protocol/messages.js'

/** Attribute names and list indexes, outermost first. */
export type Path = readonly (string | number)[]

/** The protocol form of a path: names are attribute steps, numbers element indexes. */
export function attributePath(path: Path): AttributePathMsg {
  return {
    steps: path.map(step =>
      typeof step === 'number' ? { element_key_int: step } : { attribute_name: step },
    ),
  }
}

/** An error diagnostic, about `path` when given. */
export function errorDiagnostic(summary: string, detail: string, path?: Path): DiagnosticMsg {
  return {
    severity: 'ERROR',
    summary,
    detail,
    ...(path && path.length > 0 ? { attribute: attributePath(path) } : {}),
  }
}

/** The diagnostic for anything a handler caught. */
export function diagnosticFromError(
  error: unknown,
  summary: string,
  path: Path = [],
): DiagnosticMsg {
  if (error instanceof BackendError) {
    return errorDiagnostic(`${summary}: ${error.ecsName}`, error.message, path)
  }
  if (isProviderError(error)) {
    return errorDiagnostic(summary, error.message, [...path, ...error.path])
  }
  const message = error instanceof Error ? error.message : String(error)
  return errorDiagnostic(summary, `Unexpected error in the provider: ${message}`, path)
}
