/**
 * SSM GetParameters: up to ten parameters at once (the schema caps the list); names with no
 * parameter, or whose selector names no version, are listed in InvalidParameters instead.
 */
import type {
  GetParametersRequest,
  GetParametersResult,
  Parameter,
} from '@quayside/openapi/ssm-types'
import { isServiceError } from '../../errors.js'
import { toParameter } from '../../ssm/parameter-record.js'
import { answeredValue, findParameter } from '../../ssm/parameters.js'
import type { OperationContext } from '../context.js'

export function getParameters(
  input: GetParametersRequest,
  { store, scope, runtime }: OperationContext,
): Promise<GetParametersResult> {
  return store.transaction(async (tx): Promise<GetParametersResult> => {
    const parameters: Parameter[] = []
    const invalid: string[] = []
    for (const name of new Set(input.Names)) {
      const found = await findParameter(tx, scope, name).catch((error: unknown) => {
        if (isServiceError(error) && error.shapeName === 'ParameterVersionNotFound')
          return undefined
        throw error
      })
      if (found === undefined) invalid.push(name)
      else {
        const value = answeredValue(runtime.secretsKey(), found, input.WithDecryption)
        parameters.push(toParameter(found.record, found.version, value, scope, found.selector))
      }
    }
    return { Parameters: parameters, InvalidParameters: invalid }
  })
}
