/** Reads a request body up to a size limit. */
import type { IncomingMessage } from 'node:http'
import { errors } from '../errors.js'

/** Default limit: ECS's largest inputs (task definitions) are far below 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024

/** Resolves the body, or rejects with a ValidationException when it passes `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0)
    const tooLarge = () =>
      errors.validation(`The request body is larger than the limit of ${limit} bytes.`)
    if (declared > limit) {
      reject(tooLarge())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    request.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > limit) {
        failed = true
        reject(tooLarge())
        return
      }
      chunks.push(chunk)
    })
    let ended = false
    request.on('end', () => {
      ended = true
      if (!failed) resolve(Buffer.concat(chunks))
    })
    // A client that goes away mid-body never sends 'end'; without this the request would hang.
    request.on('close', () => {
      if (!ended && !failed) {
        failed = true
        reject(errors.serialization('The request body was cut off.'))
      }
    })
    request.on('error', error => {
      if (!failed) reject(error)
      failed = true
    })
  })
}

/** Parses a JSON body; an empty body is `{}`. Anything but an object is a SerializationException. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {}
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw errors.serialization(`The request body is not valid JSON: ${(error as Error).message}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw errors.serialization('The request body must be a JSON object.')
  }
  return value as Record<string, unknown>
}
