/**
 * The generator as a function: an API's model and overlay folders in, the text of its spec
 * (ecs.openapi.json, ssm.openapi.json, ...) out. scripts/generate.ts writes it; the tests compare
 * it with the committed file.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ECS_API, type ApiDefinition } from './apis.js'
import { buildDocument, serializeDocument } from './convert/document.js'
import { loadInputs } from './model/load.js'

/** openapi/ itself: one level above src/ (and above dist/, which mirrors it). */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Which API (default ECS) and where the generator reads from (default the API's folders). */
export interface GenerateOptions {
  readonly api?: ApiDefinition
  readonly modelDir?: string
  readonly overlaysDir?: string
}

/** Generates the spec text (2-space JSON, trailing newline) without writing anything. */
export function generateSpec(options: GenerateOptions = {}): string {
  const api = options.api ?? ECS_API
  const inputs = loadInputs(
    options.modelDir ?? join(packageDir, api.modelDir),
    options.overlaysDir ?? join(packageDir, api.overlaysDir),
  )
  return serializeDocument(buildDocument({ ...inputs, api }))
}
