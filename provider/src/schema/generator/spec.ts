/**
 * Read access to the OpenAPI document's component schemas (the ECS shapes), as the generator
 * needs it: dereference `$ref`s and walk member paths.
 */
import { badSpec } from '../../errors.js'

/** The parts of an OpenAPI schema object the generator reads. */
export interface SpecSchema {
  readonly $ref?: string
  readonly type?: string
  readonly description?: string
  readonly enum?: readonly string[]
  readonly items?: SpecSchema
  readonly additionalProperties?: SpecSchema
  readonly properties?: Readonly<Record<string, SpecSchema>>
  readonly required?: readonly string[]
  readonly minLength?: number
  readonly maxLength?: number
  readonly minimum?: number
  readonly maximum?: number
  readonly maxItems?: number
}

/** A member found by {@link Spec.member}. */
export interface SpecMember {
  /** The member's schema with `$ref` followed. */
  readonly schema: SpecSchema
  /** The member's own description (the spec writes one per member, generated from constraints). */
  readonly description: string
  /** The member is required by its parent shape. */
  readonly required: boolean
}

/** The component schemas of the spec, with lookups that fail loudly naming what is missing. */
export class Spec {
  readonly #schemas: Readonly<Record<string, SpecSchema>>

  constructor(document: unknown) {
    const components = (
      document as { components?: { schemas?: Record<string, SpecSchema> } } | null
    )?.components?.schemas
    if (typeof components !== 'object') throw badSpec('no components.schemas')
    this.#schemas = components
  }

  /** The named shape. */
  shape(name: string): SpecSchema {
    const shape = this.#schemas[name]
    if (!shape) throw badSpec(`no shape "${name}"`)
    return shape
  }

  /** Follows a `$ref` (one level is all the spec uses). */
  deref(schema: SpecSchema): SpecSchema {
    if (schema.$ref === undefined) return schema
    return this.shape(schema.$ref.replace('#/components/schemas/', ''))
  }

  /** The member at a dotted path, searched in each of `roots` in turn; undefined when none has it. */
  member(roots: readonly SpecSchema[], path: string): SpecMember | undefined {
    for (const root of roots) {
      let parent: SpecSchema = root
      let found: SpecMember | undefined
      for (const segment of path.split('.')) {
        const raw = parent.properties?.[segment]
        if (!raw) {
          found = undefined
          break
        }
        found = {
          schema: this.deref(raw),
          description: raw.description ?? '',
          required: parent.required?.includes(segment) ?? false,
        }
        parent = found.schema
      }
      if (found) return found
    }
    return undefined
  }
}

/** `enableECSManagedTags` -> `enable_ecs_managed_tags`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
}
