/**
 * ECS's task definition size quota (64 KiB, not adjustable; ECS-NOTES section 9): the request's
 * definition, as JSON, may hold at most 65,536 bytes. ECS refuses a larger one with a
 * ClientException naming both lengths. Tags are not part of the definition (they are stored
 * beside it) and do not count.
 */
import type { RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import { clientError, type TaskDefinitionCheck } from './check.js'

/** The largest task definition ECS accepts, in bytes of JSON. */
export const MAX_TASK_DEFINITION_BYTES = 65_536

/** Refuses a definition whose JSON (tags aside) is over {@link MAX_TASK_DEFINITION_BYTES}. */
export function checkSize(input: RegisterTaskDefinitionRequest): TaskDefinitionCheck<number> {
  const definition: Partial<RegisterTaskDefinitionRequest> = { ...input }
  delete definition.tags
  const bytes = Buffer.byteLength(JSON.stringify(definition), 'utf8')
  if (bytes > MAX_TASK_DEFINITION_BYTES)
    return clientError(
      `Actual length: '${String(bytes)}'. Max allowed length is '${String(MAX_TASK_DEFINITION_BYTES)}' bytes.`,
    )
  return { ok: true, value: bytes }
}
