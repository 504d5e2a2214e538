/**
 * @quayside/server: the quayside control plane, an Amazon ECS compatible API server.
 * `serverCommand` backs `quayside server`; `startServer` runs one in-process.
 */
export { serverCommand, SERVER_HELP } from './command.js'
export { startServer, type RunningServer, type ServerOptions } from './main.js'
export { operations, UNSUPPORTED_OPERATIONS } from './operations/index.js'
export { ServiceError, EcsServerError, isServiceError } from './errors.js'
export type { Store } from './store/index.js'
export { parseCredentials, type Credential, type CredentialSet } from './auth/credentials.js'
export { compilePolicy, evaluate, type PolicyDocument } from './auth/policy.js'
export {
  BUILTIN_POLICIES,
  isBuiltinPolicy,
  type BuiltinPolicyName,
} from './auth/builtin-policies.js'
export { DEFAULT_THROTTLE_RATES, type ThrottleRates } from './auth/throttle.js'
