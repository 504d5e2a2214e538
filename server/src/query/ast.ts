/**
 * The shapes of the ECS cluster query language: parse results, the expression tree the parser
 * builds, and the view of a container instance an expression is evaluated against.
 *
 * The language is the one ECS documents under "Cluster query language": used by
 * ListContainerInstances `filter` and by `memberOf` placement constraints.
 */

/** Outcome of a parse: the value, or a user-facing message (never an exception). */
export type QueryResult<T> = { ok: true; value: T } | { ok: false; message: string }

/** The fields of a container instance a query can name, spelled as ECS spells them. */
export type FieldSubject =
  | 'agentConnected'
  | 'agentVersion'
  | 'ec2InstanceId'
  | 'registeredAt'
  | 'runningTasksCount'
  | 'task:group'

/** What a comparison tests: a field, or `attribute:<name>` (name at least one character). */
export type Subject = FieldSubject | `attribute:${string}`

/**
 * Comparison operators, by their word spelling. The parser also accepts the symbol spellings
 * (`==`, `!=`, `>`, `>=`, `<`, `<=`, `!exists`, `!in`, `=~`, `!~`) and maps them here.
 */
export type Operator =
  | 'equals'
  | 'not_equals'
  | 'greater_than'
  | 'greater_than_equal'
  | 'less_than'
  | 'less_than_equal'
  | 'exists'
  | 'not_exists'
  | 'in'
  | 'not_in'
  | 'matches'
  | 'not_matches'

/**
 * One `subject operator [argument]` test.
 *
 * `values` holds the argument: empty for `exists`/`not_exists`, the list items for
 * `in`/`not_in`, exactly one value otherwise. For `matches`/`not_matches` the single value is the
 * pattern as written (Java syntax) and `pattern`/`flags` hold its anchored JavaScript translation,
 * already known to compile.
 */
export interface Comparison {
  readonly type: 'comparison'
  readonly subject: Subject
  readonly operator: Operator
  readonly values: readonly string[]
  readonly pattern?: string
  readonly flags?: string
}

/** The expression tree. `and`/`or` are binary and left-associative, as parsed. */
export type Expression =
  | { readonly type: 'and'; readonly left: Expression; readonly right: Expression }
  | { readonly type: 'or'; readonly left: Expression; readonly right: Expression }
  | { readonly type: 'not'; readonly operand: Expression }
  | Comparison

/**
 * The container instance as a query sees it. Built by the caller from its store record; the
 * query module never reads a store itself.
 */
export interface QueryTarget {
  agentConnected: boolean
  agentVersion?: string | undefined
  ec2InstanceId?: string | undefined
  registeredAt?: Date | undefined
  runningTasksCount: number
  /** Attribute name -> value; `undefined` means the attribute is set without a value. */
  attributes: ReadonlyMap<string, string | undefined>
  /** The groups of the tasks on the instance (one entry per task, duplicates allowed). */
  taskGroups: readonly string[]
}

/** Longest expression accepted: the `memberOf` limit of ECS. */
export const MAX_EXPRESSION_LENGTH = 2000
