/**
 * Container definitions as ECS answers them and as users write them. RegisterTaskDefinition fills
 * in values nobody wrote (`cpu: 0`, `essential: true`, `environment: []`, `protocol: "tcp"`, ...),
 * so comparing the user's JSON with the API's text would plan a replacement on every run. As the
 * Terraform AWS provider does, both sides are reduced to a form without those defaults before they
 * are compared; what is left differs only when the definitions really differ.
 */

type Json = unknown

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `value` without nulls and empty arrays or objects, keys sorted (the shape jsonencode prints). */
export function compact(value: Json): Json {
  if (Array.isArray(value)) {
    const items = value.map(compact).filter(item => item !== undefined)
    return items.length === 0 ? undefined : items
  }
  if (isRecord(value)) {
    const out: Record<string, Json> = {}
    for (const key of Object.keys(value).sort()) {
      const item = compact(value[key])
      if (item !== undefined) out[key] = item
    }
    return Object.keys(out).length === 0 ? undefined : out
  }
  return value ?? undefined
}

/**
 * The definitions as ECS answered them minus what the server adds on its own and no user writes:
 * empty collections and `cpu: 0`. Keys come out sorted, so an imported state reads like jsonencode.
 */
export function withoutServerFills(definitions: Json): Json {
  if (!Array.isArray(definitions)) return definitions
  return definitions.map(definition => {
    const reduced = compact(definition)
    if (!isRecord(reduced)) return reduced
    if (reduced['cpu'] === 0) Reflect.deleteProperty(reduced, 'cpu')
    return reduced
  })
}

function reducePortMapping(mapping: Json, awsvpc: boolean): Json {
  if (!isRecord(mapping)) return mapping
  const out = { ...mapping }
  if (out['protocol'] === 'tcp') Reflect.deleteProperty(out, 'protocol')
  if (out['hostPort'] === 0) Reflect.deleteProperty(out, 'hostPort')
  // in awsvpc mode the host port is the container port whether written or not
  if (awsvpc && out['hostPort'] === out['containerPort']) Reflect.deleteProperty(out, 'hostPort')
  return out
}

function byName(a: Json, b: Json): number {
  const left = isRecord(a) && typeof a['name'] === 'string' ? a['name'] : ''
  const right = isRecord(b) && typeof b['name'] === 'string' ? b['name'] : ''
  return left.localeCompare(right)
}

/**
 * The comparison form of a container definitions array: server fills removed, `essential`
 * defaulted to true, tcp and host port 0 dropped from port mappings, environment and secrets
 * sorted by name (their order means nothing to ECS).
 */
export function reduceContainerDefinitions(definitions: Json, networkMode?: string): Json {
  const awsvpc = networkMode === 'awsvpc'
  const reduced = withoutServerFills(definitions)
  if (!Array.isArray(reduced)) return reduced
  return (reduced as Json[]).map(definition => {
    if (!isRecord(definition)) return definition
    const out: Record<string, Json> = { essential: true, ...definition }
    const mappings = out['portMappings']
    if (Array.isArray(mappings)) {
      out['portMappings'] = (mappings as Json[]).map(m => reducePortMapping(m, awsvpc))
    }
    for (const key of ['environment', 'secrets']) {
      const list = out[key]
      if (Array.isArray(list)) out[key] = [...(list as Json[])].sort(byName)
    }
    return compact(out)
  })
}

/** True when two container definitions arrays (parsed JSON) define the same containers. */
export function sameContainerDefinitions(a: Json, b: Json, networkMode?: string): boolean {
  return (
    JSON.stringify(reduceContainerDefinitions(a, networkMode)) ===
    JSON.stringify(reduceContainerDefinitions(b, networkMode))
  )
}
