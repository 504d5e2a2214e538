/**
 * The generator as a function: model and overlay folders in, the text of ecs.openapi.json out.
 * scripts/generate.ts writes it; the tests compare it with the committed file.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildDocument, serializeDocument } from './convert/document.js'
import { loadInputs } from './model/load.js'

/** openapi/ itself: one level above src/ (and above dist/, which mirrors it). */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the generator reads from; both default to the folders in this package. */
export interface GenerateOptions {
  readonly modelDir?: string
  readonly overlaysDir?: string
}

/** Generates the spec text (2-space JSON, trailing newline) without writing anything. */
export function generateSpec(options: GenerateOptions = {}): string {
  const inputs = loadInputs(
    options.modelDir ?? join(packageDir, 'model'),
    options.overlaysDir ?? join(packageDir, 'overlays'),
  )
  return serializeDocument(buildDocument(inputs))
}
