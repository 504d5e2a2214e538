/**
 * Maps ECS's `placementConstraints` and `placementStrategy` (request and task definition) onto
 * the stack's stages, with ECS's limits: at most 10 constraints in all, at most 5 strategies,
 * `distinctInstance` without an expression, `memberOf` with a valid cluster query expression.
 */
import type { PlacementConstraint, PlacementStrategy } from '@quayside/openapi/types'
import { errors } from '../errors.js'
import { parseQuery } from '../query/index.js'
import type { Constraint, Strategy } from './types.js'

/** Parses constraints (task definition ones first); throws InvalidParameterException. */
export function parseConstraints(wire: readonly PlacementConstraint[]): Constraint[] {
  if (wire.length > 10)
    throw errors.invalidParameter('A task can have at most 10 placement constraints.')
  return wire.map(c => {
    if (c.type === 'distinctInstance') {
      if (c.expression !== undefined && c.expression !== '')
        throw errors.invalidParameter(
          'The distinctInstance placement constraint does not take an expression.',
        )
      return { type: 'distinctInstance' }
    }
    if (c.type !== 'memberOf')
      throw errors.invalidParameter(`Unknown placement constraint type: ${String(c.type)}`)
    const text = c.expression ?? ''
    if (text.trim() === '')
      throw errors.invalidParameter('The memberOf placement constraint requires an expression.')
    const parsed = parseQuery(text)
    if (!parsed.ok) throw errors.invalidParameter(`Invalid memberOf expression: ${parsed.message}`)
    return { type: 'memberOf', expression: parsed.value, text }
  })
}

/** Parses strategies; throws InvalidParameterException. */
export function parseStrategies(wire: readonly PlacementStrategy[]): Strategy[] {
  if (wire.length > 5)
    throw errors.invalidParameter('A task can have at most 5 placement strategies.')
  return wire.map(s => {
    if (s.type === 'random') return { type: 'random' }
    if (s.type === 'binpack') {
      if (s.field !== 'cpu' && s.field !== 'memory')
        throw errors.invalidParameter('The binpack placement strategy field must be cpu or memory.')
      return { type: 'binpack', field: s.field }
    }
    if (s.type === 'spread') {
      const field = s.field ?? ''
      if (field !== 'instanceId' && field !== 'host' && !field.startsWith('attribute:'))
        throw errors.invalidParameter(
          'The spread placement strategy field must be instanceId, host or attribute:<name>.',
        )
      return { type: 'spread', field }
    }
    throw errors.invalidParameter(`Unknown placement strategy type: ${String(s.type)}`)
  })
}
