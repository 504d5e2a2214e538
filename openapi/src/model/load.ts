/**
 * Reads the pinned model (openapi/model/) and the hand-written overlays (openapi/overlays/). The
 * only I/O of the generator; everything it returns is checked just enough that the converter
 * meets ECS_OAS_BAD_MODEL instead of a TypeError.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { badModel } from '../errors.js'
import type { DocumentInputs } from '../convert/document.js'
import type { PaginatorsModel, ServiceModel, WaitersModel } from './types.js'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw badModel(file, `cannot read it as JSON (${(error as Error).message})`)
  }
}

/** Reads `file` and checks that each of `keys` holds an object. */
function readObject(file: string, keys: readonly string[]): Record<string, unknown> {
  const value = readJson(file)
  if (!isRecord(value)) throw badModel(file, 'not a JSON object')
  for (const key of keys) {
    if (!isRecord(value[key])) throw badModel(file, `"${key}" is missing or not an object`)
  }
  return value
}

/** Reads overlays/summaries.json: operation name -> one-line summary. */
export function readSummaries(file: string): Record<string, string> {
  const value = readObject(file, [])
  for (const [name, summary] of Object.entries(value)) {
    if (typeof summary !== 'string')
      throw badModel(file, `the summary of "${name}" is not a string`)
  }
  return value as Record<string, string>
}

/** The sha256 of a file's bytes, in hex. */
export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** Reads every generator input from the model and overlay folders. */
export function loadInputs(modelDir: string, overlaysDir: string): DocumentInputs {
  const servicePath = join(modelDir, 'service-2.json')
  const service = readObject(servicePath, ['metadata', 'operations', 'shapes'])
  const pinPath = join(modelDir, 'pin.json')
  const pin = readObject(pinPath, [])
  if (typeof pin['botocore'] !== 'string') throw badModel(pinPath, '"botocore" is not a string')
  return {
    service: service as unknown as ServiceModel,
    paginators: readObject(join(modelDir, 'paginators-1.json'), [
      'pagination',
    ]) as unknown as PaginatorsModel,
    // An API without waiters ships no waiters-2.json (botocore's ssm has one, logs has none).
    waiters: existsSync(join(modelDir, 'waiters-2.json'))
      ? (readObject(join(modelDir, 'waiters-2.json'), ['waiters']) as unknown as WaitersModel)
      : { version: 2, waiters: {} },
    summaries: readSummaries(join(overlaysDir, 'summaries.json')),
    modelSha256: sha256Of(servicePath),
    botocoreVersion: pin['botocore'],
  }
}
