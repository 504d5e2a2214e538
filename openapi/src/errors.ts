/**
 * The error catalogue of @quayside/openapi. The generator only ever throws these: each names the
 * model input at fault, so a bad model bump or a stale overlay fails `npm run generate` with a
 * message that says what to fix.
 */

const BRAND = Symbol.for('quayside.openapi.error')

/** Stable codes, one per thing that can be wrong with the generator's inputs. */
export type OpenApiErrorCode =
  | 'ECS_OAS_BAD_MODEL'
  | 'ECS_OAS_UNKNOWN_SHAPE'
  | 'ECS_OAS_UNSUPPORTED_SHAPE'
  | 'ECS_OAS_MISSING_SUMMARY'
  | 'ECS_OAS_UNKNOWN_SUMMARY'

/** Base (and only) error class of the package; `code` says which input is wrong. */
export class OpenApiError extends Error {
  override readonly name = 'OpenApiError' as const
  readonly code: OpenApiErrorCode

  constructor(code: OpenApiErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }

  /** Brand that survives duplicate copies of the package (checked by {@link isOpenApiError}). */
  get [BRAND](): true {
    return true
  }
}

/** True for any {@link OpenApiError}, even one built by another copy of this package. */
export function isOpenApiError(value: unknown): value is OpenApiError {
  return typeof value === 'object' && value !== null && BRAND in value
}

/** The model file is not a botocore service model (missing or mistyped top-level parts). */
export function badModel(file: string, problem: string): OpenApiError {
  return new OpenApiError('ECS_OAS_BAD_MODEL', `${file}: ${problem}`)
}

/** A member, element, input, output or error names a shape the model does not define. */
export function unknownShape(name: string, where: string): OpenApiError {
  return new OpenApiError(
    'ECS_OAS_UNKNOWN_SHAPE',
    `shape "${name}" (used by ${where}) is not in the model`,
  )
}

/** The model uses a shape kind the converter has no mapping for. */
export function unsupportedShape(name: string, type: string): OpenApiError {
  return new OpenApiError(
    'ECS_OAS_UNSUPPORTED_SHAPE',
    `shape "${name}" has unsupported type "${type}"`,
  )
}

/** An operation of the model has no line in overlays/summaries.json. */
export function missingSummary(operations: readonly string[]): OpenApiError {
  return new OpenApiError(
    'ECS_OAS_MISSING_SUMMARY',
    `overlays/summaries.json has no summary for: ${operations.join(', ')}`,
  )
}

/** overlays/summaries.json names an operation the model does not have. */
export function unknownSummary(operations: readonly string[]): OpenApiError {
  return new OpenApiError(
    'ECS_OAS_UNKNOWN_SUMMARY',
    `overlays/summaries.json names operations the model lacks: ${operations.join(', ')}`,
  )
}
