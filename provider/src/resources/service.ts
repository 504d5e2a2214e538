/** quayside_service: CreateService / DescribeServices / UpdateService / DeleteService. */
import { badImportId } from '../errors.js'
import type { ServiceModel } from '../generated/schemas.js'
import type { TfObject } from '../values/types.js'
import type { ResourceType } from './types.js'
import { timeoutErrors, timeoutOf } from './timeouts.js'
import { resourceSchema, text } from './types.js'

const TYPE = 'quayside_service'

/**
 * What ECS answers for a service setting nobody wrote: attribute, API member path, value. Such a
 * value is left out of a read when the state does not have the attribute either, or every plan
 * of a configuration without it would show drift (or, for the forceNew deployment_controller, a
 * replacement).
 */
export const SERVICE_DEFAULTS: readonly (readonly [string, readonly string[], unknown])[] = [
  ['deployment_controller', ['deploymentController'], { type: 'ECS' }],
  [
    'deployment_circuit_breaker',
    ['deploymentConfiguration', 'deploymentCircuitBreaker'],
    { enable: false, rollback: false },
  ],
  ['enable_ecs_managed_tags', ['enableECSManagedTags'], false],
  ['enable_execute_command', ['enableExecuteCommand'], false],
  ['propagate_tags', ['propagateTags'], 'NONE'],
  ['health_check_grace_period_seconds', ['healthCheckGracePeriodSeconds'], 0],
]

/** `model` without the ECS defaults of the attributes `state` leaves unset (see SERVICE_DEFAULTS). */
export function withoutUnsetDefaults(model: ServiceModel, state: TfObject): ServiceModel {
  const out = structuredClone(model) as Record<string, unknown>
  for (const [attribute, path, value] of SERVICE_DEFAULTS) {
    if ((state[attribute] ?? null) !== null) continue
    const parent = path
      .slice(0, -1)
      .reduce<unknown>(
        (at, key) =>
          typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined,
        out,
      )
    const last = path[path.length - 1] ?? ''
    if (typeof parent !== 'object' || parent === null) continue
    const holder = parent as Record<string, unknown>
    if (JSON.stringify(holder[last]) === JSON.stringify(value)) Reflect.deleteProperty(holder, last)
  }
  return out
}

/**
 * Keyed by cluster + name; imported as `<cluster>/<service>` or by service ARN. With
 * `wait_for_steady_state`, create and update wait for ServicesStable (`timeouts.create` /
 * `timeouts.update`); destroy always waits for the drain (`timeouts.delete`).
 */
export const service: ResourceType = {
  typeName: TYPE,
  schema: resourceSchema(TYPE),
  create: (backends, model) => backends.service.create(model),
  read: async (backends, state) => {
    const model = await backends.service.read(
      text(state, 'cluster') || 'default',
      text(state, 'name'),
    )
    return model && withoutUnsetDefaults(model, state)
  },
  update: (backends, prior, model) =>
    backends.service.update(text(prior, 'cluster') || 'default', text(prior, 'name'), model),
  delete: (backends, state) =>
    backends.service.delete(
      text(state, 'cluster') || 'default',
      text(state, 'name'),
      timeoutOf(state, 'delete'),
    ),
  settle: async (backends, state, change) => {
    if (state['wait_for_steady_state'] !== true) return
    await backends.service.waitStable(
      text(state, 'cluster') || 'default',
      text(state, 'name'),
      timeoutOf(state, change),
    )
  },
  validate: timeoutErrors,
  importState: id => {
    const parts = (id.startsWith('arn:') ? id.slice(id.indexOf('/') + 1) : id).split('/')
    const [cluster, name] = parts
    if (parts.length !== 2 || !cluster || !name) {
      throw badImportId(TYPE, id, '<cluster>/<service> or a service ARN')
    }
    return { cluster, name }
  },
  derive: state => ({ id: state['arn'] ?? null }),
}
