/** SSM DeleteParameter: removes a parameter (by name) with all of its versions. */
import type { DeleteParameterRequest, DeleteParameterResult } from '@quayside/openapi/ssm-types'
import { ssmErrors } from '../../errors.js'
import { parseParameterReference } from '../../ssm/parameter-record.js'
import { PARAMETER_KIND } from '../../ssm/parameters.js'
import type { OperationContext } from '../context.js'

export function deleteParameter(
  input: DeleteParameterRequest,
  { store, scope }: OperationContext,
): Promise<DeleteParameterResult> {
  const { names, selector } = parseParameterReference(input.Name, scope)
  if (selector !== undefined) throw ssmErrors.parameterNotFound(input.Name)
  return store.transaction(async (tx): Promise<DeleteParameterResult> => {
    for (const name of names) {
      if (await tx.delete(scope, PARAMETER_KIND, name)) return {}
    }
    throw ssmErrors.parameterNotFound(input.Name)
  })
}
