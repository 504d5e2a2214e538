/**
 * A correction to @cdktf/provider-generator's output: it types a `single` nested block whose
 * attributes are all required as a required member of the construct's config, but Terraform lets
 * a configuration leave any `single` block out (the provider then sends nothing and ECS keeps
 * its default). Left as generated, every `Service` would have to spell out a
 * `deploymentCircuitBreaker`. The fix makes those members optional, nothing else: the generated
 * classes already handle an absent block (they omit it from the synthesized JSON).
 */
import type { GeneratedFile } from './postprocess.js'

/** The slice of the `terraform providers schema -json` format this reads. */
interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, { readonly required?: boolean }>>
  readonly block_types?: Readonly<
    Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>
  >
}
interface SchemaDocument {
  readonly provider_schemas: Readonly<
    Record<
      string,
      {
        readonly provider: { readonly block: SchemaBlock }
        readonly resource_schemas?: Readonly<Record<string, { readonly block: SchemaBlock }>>
        readonly data_source_schemas?: Readonly<Record<string, { readonly block: SchemaBlock }>>
      }
    >
  >
}

/** Terraform's snake_case name as the generator spells config members. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

/** Names of the `single` blocks, anywhere in the schema, that the generator makes required. */
export function requiredSingleBlocks(schema: SchemaDocument): Set<string> {
  const found = new Set<string>()
  const walk = (block: SchemaBlock) => {
    for (const [name, nested] of Object.entries(block.block_types ?? {})) {
      const attributes = Object.values(nested.block.attributes ?? {})
      if (
        nested.nesting_mode === 'single' &&
        attributes.length > 0 &&
        attributes.every(a => a.required)
      )
        found.add(name)
      walk(nested.block)
    }
  }
  for (const provider of Object.values(schema.provider_schemas)) {
    walk(provider.provider.block)
    for (const r of Object.values(provider.resource_schemas ?? {})) walk(r.block)
    for (const d of Object.values(provider.data_source_schemas ?? {})) walk(d.block)
  }
  return found
}

/** `file` with the config members of `blocks` optional (TypeScript files only). */
export function optionalSingleBlocks(
  file: GeneratedFile,
  blocks: ReadonlySet<string>,
): GeneratedFile {
  if (!file.path.endsWith('.ts')) return file
  let text = file.text
  for (const name of blocks) {
    const member = camelCase(name)
    text = text
      .replace(new RegExp(`^(  readonly ${member}): (\\w+);$`, 'gm'), '$1?: $2;')
      .replace(
        `// ${name} - computed: false, optional: false, required: true`,
        `// ${name} - computed: false, optional: true, required: false`,
      )
  }
  return text === file.text ? file : { path: file.path, text }
}
