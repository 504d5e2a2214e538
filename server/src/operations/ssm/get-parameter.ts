/** SSM GetParameter: one parameter by name, `name:version`, `name:label` or ARN. */
import type { GetParameterRequest, GetParameterResult } from '@quayside/openapi/ssm-types'
import { ssmErrors } from '../../errors.js'
import { toParameter } from '../../ssm/parameter-record.js'
import { answeredValue, findParameter } from '../../ssm/parameters.js'
import type { OperationContext } from '../context.js'

export function getParameter(
  input: GetParameterRequest,
  { store, scope, runtime }: OperationContext,
): Promise<GetParameterResult> {
  return store.transaction(async (tx): Promise<GetParameterResult> => {
    const found = await findParameter(tx, scope, input.Name)
    if (found === undefined) throw ssmErrors.parameterNotFound(input.Name)
    const value = answeredValue(runtime.secretsKey(), found, input.WithDecryption)
    return { Parameter: toParameter(found.record, found.version, value, scope, found.selector) }
  })
}
