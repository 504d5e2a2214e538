import type { Comparison, Expression, Operator, QueryTarget } from './ast.js'
import {
  compareTimes,
  compareVersions,
  parseCount,
  parseQueryTime,
  parseVersion,
} from './values.js'

/*
 * Semantics (ECS documents the operators, not every corner; these are our decisions):
 * - A negative operator is exactly the negation of its positive one: `!=` is `not ==`, `!in` is
 *   `not in`, `!~` is `not =~`, `!exists` is `not exists`. So `attribute:x != v` holds when x is
 *   missing, and evaluate(not E) === !evaluate(E) for every E.
 * - Missing subjects (an absent attribute, an attribute set without a value, no agentVersion,
 *   ec2InstanceId or registeredAt) satisfy no positive comparison; `exists` tests presence only.
 * - `task:group` looks at every task on the instance: a positive operator holds when any group
 *   satisfies it (`task:group == X`: some task is in X; `!=`: none is); `exists`: any task at all.
 * - Ordering: agentVersion numerically by dotted parts, runningTasksCount as numbers,
 *   registeredAt by time at the argument's precision (see compareTimes), attributes as numbers
 *   when both sides are numbers, otherwise by code unit order.
 * - agentConnected compares with `true`/`false` case-insensitively; everything else is exact.
 */

type Positive = Exclude<Operator, 'not_equals' | 'not_exists' | 'not_in' | 'not_matches'>

const NEGATED: Readonly<Partial<Record<Operator, Positive>>> = {
  not_equals: 'equals',
  not_exists: 'exists',
  not_in: 'in',
  not_matches: 'matches',
}

// Compiled once per parsed comparison; tied to the tree's lifetime so user filters cannot pile up.
const patterns = new WeakMap<Comparison, RegExp>()

function compile(comparison: Comparison): RegExp {
  let regex = patterns.get(comparison)
  if (regex === undefined) {
    // A hand-built tree without a pattern matches nothing.
    regex = new RegExp(comparison.pattern ?? '(?!)', comparison.flags ?? '')
    patterns.set(comparison, regex)
  }
  return regex
}

/**
 * Decides whether a container instance satisfies a parsed expression. Pure and total: it never
 * throws, and an argument it cannot read (only possible in a hand-built tree) matches nothing.
 */
export function evaluate(expression: Expression, target: QueryTarget): boolean {
  switch (expression.type) {
    case 'and':
      return evaluate(expression.left, target) && evaluate(expression.right, target)
    case 'or':
      return evaluate(expression.left, target) || evaluate(expression.right, target)
    case 'not':
      return !evaluate(expression.operand, target)
    case 'comparison': {
      const positive = NEGATED[expression.operator]
      return positive === undefined
        ? holds(expression, expression.operator as Positive, target)
        : !holds(expression, positive, target)
    }
  }
}

/** The subject's values on the target: none when missing, one per task for `task:group`. */
function candidates(comparison: Comparison, target: QueryTarget): readonly string[] {
  const subject = comparison.subject
  switch (subject) {
    case 'agentConnected':
      return [String(target.agentConnected)]
    case 'runningTasksCount':
      return [String(target.runningTasksCount)]
    case 'task:group':
      return target.taskGroups
    case 'agentVersion':
    case 'ec2InstanceId':
      return target[subject] === undefined ? [] : [target[subject]]
    case 'registeredAt': {
      const time = target.registeredAt?.getTime()
      return time === undefined || Number.isNaN(time) ? [] : [String(time)]
    }
    default: {
      const value = target.attributes.get(subject.slice('attribute:'.length))
      return value === undefined ? [] : [value]
    }
  }
}

function exists(comparison: Comparison, target: QueryTarget): boolean {
  if (comparison.subject === 'task:group') return target.taskGroups.length > 0
  if (comparison.subject.startsWith('attribute:')) {
    return target.attributes.has(comparison.subject.slice('attribute:'.length))
  }
  return candidates(comparison, target).length > 0
}

function holds(comparison: Comparison, operator: Positive, target: QueryTarget): boolean {
  if (operator === 'exists') return exists(comparison, target)
  const values = candidates(comparison, target)
  if (operator === 'matches') {
    const regex = compile(comparison)
    return values.some(value => regex.test(value))
  }
  const argument = comparison.values
  return values.some(value => {
    const order = (arg: string): number | undefined => compare(comparison.subject, value, arg)
    switch (operator) {
      case 'in':
        return argument.some(arg => order(arg) === 0)
      case 'equals':
        return order(argument[0] ?? '') === 0
      case 'greater_than':
        return (order(argument[0] ?? '') ?? 0) > 0
      case 'greater_than_equal':
        return (order(argument[0] ?? '') ?? -1) >= 0
      case 'less_than':
        return (order(argument[0] ?? '') ?? 0) < 0
      case 'less_than_equal':
        return (order(argument[0] ?? '') ?? 1) <= 0
    }
  })
}

/** Orders a target value against an argument; `undefined` when they cannot be compared. */
function compare(subject: string, value: string, argument: string): number | undefined {
  switch (subject) {
    case 'agentVersion': {
      const [a, b] = [parseVersion(value), parseVersion(argument)]
      return a && b ? compareVersions(a, b) : undefined
    }
    case 'registeredAt': {
      const time = parseQueryTime(argument)
      return time ? compareTimes(Number(value), time) : undefined
    }
    case 'runningTasksCount': {
      const count = parseCount(argument)
      return count === undefined ? undefined : Math.sign(Number(value) - count)
    }
    case 'agentConnected':
      return value === argument.toLowerCase() ? 0 : undefined
    default: {
      const numeric = /^-?\d+(\.\d+)?$/
      if (numeric.test(value) && numeric.test(argument))
        return Math.sign(Number(value) - Number(argument))
      return value === argument ? 0 : value < argument ? -1 : 1
    }
  }
}
