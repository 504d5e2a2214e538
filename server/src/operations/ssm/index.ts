/**
 * The SSM Parameter Store registry: every operation of openapi/generated/ssm.openapi.json, typed
 * by `@quayside/openapi/ssm-types` (so an operation of the spec without a handler does not
 * compile). Routed as `ssm:<Operation>` (../../apis.ts).
 */
import type { OperationHandlers } from '@quayside/openapi/ssm-types'
import type { OperationContext } from '../context.js'
import { deleteParameter } from './delete-parameter.js'
import { describeParameters } from './describe-parameters.js'
import { getParameter } from './get-parameter.js'
import { getParameters } from './get-parameters.js'
import { getParametersByPath } from './get-parameters-by-path.js'
import { putParameter } from './put-parameter.js'

export const ssmOperations: OperationHandlers<OperationContext> = {
  DeleteParameter: deleteParameter,
  DescribeParameters: describeParameters,
  GetParameter: getParameter,
  GetParameters: getParameters,
  GetParametersByPath: getParametersByPath,
  PutParameter: putParameter,
}
