/**
 * Typed reads of validated input. The schema already checked types, so these helpers only narrow
 * for TypeScript; a mismatch (which validation rules out) reads as absent.
 */
import type { OperationInput } from './context.js'

export const str = (input: OperationInput, name: string): string | undefined => {
  const value = input[name]
  return typeof value === 'string' ? value : undefined
}

export const num = (input: OperationInput, name: string): number | undefined => {
  const value = input[name]
  return typeof value === 'number' ? value : undefined
}

export const bool = (input: OperationInput, name: string): boolean | undefined => {
  const value = input[name]
  return typeof value === 'boolean' ? value : undefined
}

export const strings = (input: OperationInput, name: string): string[] | undefined => {
  const value = input[name]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined
}

// The caller names the shape the spec's schema has already checked; T is that assertion.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export const objects = <T = Record<string, unknown>>(
  input: OperationInput,
  name: string,
): T[] | undefined => {
  const value = input[name]
  return Array.isArray(value)
    ? (value.filter(v => typeof v === 'object' && v !== null && !Array.isArray(v)) as T[])
    : undefined
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export const object = <T = Record<string, unknown>>(
  input: OperationInput,
  name: string,
): T | undefined => {
  const value = input[name]
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as T)
    : undefined
}

/** Copies `source` without its undefined members, for exactOptionalPropertyTypes-friendly output. */
export function defined<T extends object>(source: T): T {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined)) as T
}
