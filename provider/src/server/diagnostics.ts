/**
 * Diagnostics: how every failure reaches Terraform. Handlers never throw to gRPC; they answer with
 * diagnostics whose attribute path points at the value at fault, so terraform underlines it.
 */
import { BackendError, isProviderError } from '../errors.js'
import type { AttributePathMsg, DiagnosticMsg } from '../protocol/messages.js'
import type { Block } from '../schema/types.js'

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

/** Exceptions that are about one attribute whatever their message says. */
const EXCEPTION_ATTRIBUTES: Readonly<Record<string, string>> = {
  ClusterNotFoundException: 'cluster',
  TargetNotFoundException: 'container_instance',
  ServiceNotFoundException: 'name',
}

/** How ECS messages name some members other than by name ("Container.name should not be..."). */
const MEMBER_ALIASES: Readonly<Record<string, string>> = {
  containerDefinitions: '\\bcontainer\\b',
}

/**
 * The attribute a backend refusal is about, so terraform underlines it: the one an exception is
 * always about, else the first whose API member the message names (`family`, `desiredCount`,
 * `containerDefinitions`...). Empty when nothing in `block` fits.
 */
export function errorPath(block: Block, error: unknown): Path {
  if (!(error instanceof BackendError)) return []
  const byName = EXCEPTION_ATTRIBUTES[error.ecsName]
  if (byName !== undefined && block.attributes.some(a => a.name === byName)) return [byName]
  const message = error.message.slice(error.ecsName.length)
  const named = [...block.attributes, ...block.blocks].find(item => {
    const member = item.api?.path[0]
    if (member === undefined) return false
    // `clusterName` is named as such or in prose, as "Cluster name"
    const words = member.replace(/([a-z])([A-Z])/g, '$1\\s*$2')
    const also = MEMBER_ALIASES[member]
    return new RegExp(`\\b${words}\\b${also ? `|${also}` : ''}`, 'i').test(message)
  })
  return named ? [named.name] : []
}
