/**
 * The ECS cluster query language: `parseQuery` turns an expression (ListContainerInstances
 * `filter`, `memberOf` placement constraints) into an {@link Expression}; `evaluate` decides it
 * against one container instance. Both are pure: no I/O, no exceptions for user input.
 */
export type {
  Comparison,
  Expression,
  FieldSubject,
  Operator,
  QueryResult,
  QueryTarget,
  Subject,
} from './ast.js'
export { MAX_EXPRESSION_LENGTH } from './ast.js'
export { evaluate } from './evaluate.js'
export { parseQuery } from './parser.js'
