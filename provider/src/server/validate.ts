/**
 * ValidateProviderConfig, ValidateResourceConfig, ValidateDataResourceConfig: the spec's limits
 * (allowed values, lengths, ranges, item counts) checked on every known value of a configuration,
 * each failure a diagnostic on the attribute's path.
 */
import type { Attribute, Block, Check } from '../schema/types.js'
import { schemas } from '../generated/schemas.js'
import type { ConfigRequest, DiagnosticMsg, DiagnosticsResponse } from '../protocol/messages.js'
import { UNKNOWN, isObject } from '../values/types.js'
import type { TfValue } from '../values/types.js'
import { dataSourceType, decodeWith, resourceType } from './context.js'
import type { Path } from './diagnostics.js'
import { diagnosticFromError, errorDiagnostic } from './diagnostics.js'

function checkScalar(check: Check, value: TfValue, path: Path, out: DiagnosticMsg[]): void {
  if (typeof value === 'string') {
    if (check.enum && !check.enum.includes(value)) {
      out.push(
        errorDiagnostic(
          'Invalid value',
          `"${value}" is not one of: ${check.enum.join(', ')}.`,
          path,
        ),
      )
    }
    if (check.minLength !== undefined && value.length < check.minLength) {
      out.push(
        errorDiagnostic(
          'Value too short',
          `At least ${check.minLength} characters are required.`,
          path,
        ),
      )
    }
    if (check.maxLength !== undefined && value.length > check.maxLength) {
      out.push(
        errorDiagnostic(
          'Value too long',
          `At most ${check.maxLength} characters are allowed.`,
          path,
        ),
      )
    }
    if (check.json) checkJson(check.json, value, path, out)
  }
  if (typeof value === 'number') {
    if (check.minimum !== undefined && value < check.minimum) {
      out.push(errorDiagnostic('Value too small', `The minimum is ${check.minimum}.`, path))
    }
    if (check.maximum !== undefined && value > check.maximum) {
      out.push(errorDiagnostic('Value too large', `The maximum is ${check.maximum}.`, path))
    }
  }
}

function checkJson(kind: 'array' | 'object', text: string, path: Path, out: DiagnosticMsg[]): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    out.push(errorDiagnostic('Invalid JSON', (error as Error).message, path))
    return
  }
  const isArray = Array.isArray(parsed)
  if ((kind === 'array') !== isArray || parsed === null || typeof parsed !== 'object') {
    out.push(errorDiagnostic('Invalid JSON', `Expected a JSON ${kind}.`, path))
  }
}

function checkAttribute(
  attribute: Attribute,
  value: TfValue,
  path: Path,
  out: DiagnosticMsg[],
): void {
  const check = attribute.check
  if (!check || value === null || value === UNKNOWN) return
  if (Array.isArray(value)) {
    if (check.maxItems !== undefined && value.length > check.maxItems) {
      out.push(errorDiagnostic('Too many items', `At most ${check.maxItems} are allowed.`, path))
    }
    value.forEach((item, i) => {
      checkScalar(check, item, [...path, i], out)
    })
  } else if (isObject(value)) {
    if (check.maxItems !== undefined && Object.keys(value).length > check.maxItems) {
      out.push(errorDiagnostic('Too many items', `At most ${check.maxItems} are allowed.`, path))
    }
  } else checkScalar(check, value, path, out)
}

/** Diagnostics for every known value of `value` that breaks a limit of `block`. */
export function validateObject(block: Block, value: TfValue, path: Path = []): DiagnosticMsg[] {
  const out: DiagnosticMsg[] = []
  if (!isObject(value)) return out
  for (const attribute of block.attributes) {
    checkAttribute(attribute, value[attribute.name] ?? null, [...path, attribute.name], out)
  }
  for (const nested of block.blocks) {
    const item = value[nested.name] ?? null
    const where = [...path, nested.name]
    if (isObject(item)) out.push(...validateObject(nested.block, item, where))
    if (Array.isArray(item)) {
      if (nested.maxItems !== undefined && nested.maxItems > 0 && item.length > nested.maxItems) {
        out.push(
          errorDiagnostic('Too many blocks', `At most ${nested.maxItems} are allowed.`, where),
        )
      }
      item.forEach((entry, i) => out.push(...validateObject(nested.block, entry, [...where, i])))
    }
  }
  return out
}

/** ValidateProviderConfig: the endpoint, when known, must be an http(s) URL. */
export function validateProviderConfig(request: ConfigRequest): DiagnosticsResponse {
  try {
    const config = decodeWith(schemas.provider, request.config)
    const endpoint = isObject(config) ? config['endpoint'] : null
    if (typeof endpoint === 'string' && !/^https?:\/\/[^/]+/.test(endpoint)) {
      return {
        diagnostics: [
          errorDiagnostic('Invalid endpoint', `"${endpoint}" is not an http:// or https:// URL.`, [
            'endpoint',
          ]),
        ],
      }
    }
    return { diagnostics: [] }
  } catch (error) {
    return { diagnostics: [diagnosticFromError(error, 'Invalid provider configuration')] }
  }
}

/** ValidateResourceConfig. */
export function validateResourceConfig(request: ConfigRequest): DiagnosticsResponse {
  try {
    const type = resourceType(request.type_name ?? '')
    const config = decodeWith(type.schema, request.config)
    const own = isObject(config) && type.validate ? type.validate(config) : []
    return {
      diagnostics: [
        ...validateObject(type.schema.block, config),
        ...own.map(error => diagnosticFromError(error, 'Invalid value')),
      ],
    }
  } catch (error) {
    return { diagnostics: [diagnosticFromError(error, 'Invalid resource configuration')] }
  }
}

/** ValidateDataResourceConfig. */
export function validateDataResourceConfig(request: ConfigRequest): DiagnosticsResponse {
  try {
    const type = dataSourceType(request.type_name ?? '')
    return {
      diagnostics: validateObject(type.schema.block, decodeWith(type.schema, request.config)),
    }
  } catch (error) {
    return { diagnostics: [diagnosticFromError(error, 'Invalid data source configuration')] }
  }
}
