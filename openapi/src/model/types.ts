/**
 * The parts of a botocore service model (`service-2.json`, protocol `json`) that the converter
 * reads. Member names follow botocore exactly; anything the converter does not use is left out of
 * the types but kept in the pinned file.
 */

/** A reference from a member, list element or map key/value to a named shape. */
export interface ShapeRef {
  readonly shape: string
  readonly deprecated?: boolean
  readonly deprecatedSince?: string
  readonly idempotencyToken?: boolean
  readonly box?: boolean
}

interface ShapeBase {
  readonly deprecated?: boolean
  readonly deprecatedSince?: string
  readonly sensitive?: boolean
}

export interface StructureShape extends ShapeBase {
  readonly type: 'structure'
  readonly members: Readonly<Record<string, ShapeRef>>
  readonly required?: readonly string[]
  /** The shape is an error (`__type` on the wire). */
  readonly exception?: boolean
  /** The error is the service's fault (HTTP 500) rather than the caller's. */
  readonly fault?: boolean
  /** A free-form JSON document: any JSON value, members are not modelled. */
  readonly document?: boolean
}

export interface ListShape extends ShapeBase {
  readonly type: 'list'
  readonly member: ShapeRef
  readonly min?: number
  readonly max?: number
}

export interface MapShape extends ShapeBase {
  readonly type: 'map'
  readonly key: ShapeRef
  readonly value: ShapeRef
  readonly min?: number
  readonly max?: number
}

export interface StringShape extends ShapeBase {
  readonly type: 'string'
  readonly enum?: readonly string[]
  readonly min?: number
  readonly max?: number
  readonly pattern?: string
}

export interface NumberShape extends ShapeBase {
  readonly type: 'integer' | 'long' | 'double' | 'float'
  readonly min?: number
  readonly max?: number
  readonly box?: boolean
}

export interface BooleanShape extends ShapeBase {
  readonly type: 'boolean'
  readonly box?: boolean
}

/** Bytes: base64 text on the wire in awsJson 1.1. */
export interface BlobShape extends ShapeBase {
  readonly type: 'blob'
  readonly min?: number
  readonly max?: number
}

export interface TimestampShape extends ShapeBase {
  readonly type: 'timestamp'
  readonly timestampFormat?: string
}

/** Every shape kind the models of the described APIs use. */
export type Shape =
  | StructureShape
  | ListShape
  | MapShape
  | StringShape
  | NumberShape
  | BooleanShape
  | BlobShape
  | TimestampShape

export interface OperationModel {
  readonly name: string
  readonly http: { readonly method: string; readonly requestUri: string }
  readonly input?: ShapeRef
  readonly output?: ShapeRef
  readonly errors?: readonly ShapeRef[]
  readonly idempotent?: boolean
  readonly readonly?: boolean
}

export interface ServiceMetadata {
  readonly apiVersion: string
  readonly targetPrefix: string
  /** SigV4's service name; models that leave it out sign with their `endpointPrefix`. */
  readonly signingName?: string
  readonly jsonVersion: string
  readonly protocol: string
  readonly endpointPrefix: string
  readonly serviceId: string
  readonly [key: string]: unknown
}

export interface ServiceModel {
  readonly version?: string
  readonly metadata: ServiceMetadata
  readonly operations: Readonly<Record<string, OperationModel>>
  readonly shapes: Readonly<Record<string, Shape>>
}

/** One entry of `paginators-1.json`, spelled as botocore spells it. */
export interface Paginator {
  readonly input_token: string
  readonly output_token: string
  readonly limit_key: string
  /** One key, or several when a page carries more than one list (FilterLogEvents). */
  readonly result_key: string | readonly string[]
}

export interface PaginatorsModel {
  readonly pagination: Readonly<Record<string, Paginator>>
}

export interface WaitersModel {
  readonly version: number
  readonly waiters: Readonly<Record<string, unknown>>
}
