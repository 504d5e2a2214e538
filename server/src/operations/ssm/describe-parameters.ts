/**
 * SSM DescribeParameters: the metadata (never the values) of the account's parameters in name
 * order, filtered by `Filters` or `ParameterFilters`, 1-50 a page (default 50).
 */
import type {
  DescribeParametersRequest,
  DescribeParametersResult,
} from '@quayside/openapi/ssm-types'
import { ssmErrors } from '../../errors.js'
import { decodeToken, encodeToken } from '../../pagination.js'
import { compileFilters } from '../../ssm/parameter-filters.js'
import { toMetadata, type ParameterRecord } from '../../ssm/parameter-record.js'
import { PARAMETER_KIND } from '../../ssm/parameters.js'
import type { OperationContext } from '../context.js'

const OPERATION = 'DescribeParameters'

export function describeParameters(
  input: DescribeParametersRequest,
  { store, scope }: OperationContext,
): Promise<DescribeParametersResult> {
  const matches = compileFilters('describe', input.ParameterFilters, input.Filters)
  const limit = input.MaxResults ?? 50
  const filters = { a: input.Filters ?? [], b: input.ParameterFilters ?? [] }
  const after = decodeToken(OPERATION, filters, input.NextToken, () => ssmErrors.invalidNextToken())
  return store.transaction(async (tx): Promise<DescribeParametersResult> => {
    const docs = await tx.list<ParameterRecord>(scope, PARAMETER_KIND, { after })
    const chosen = docs.filter(d => matches(d.body))
    const page = chosen.slice(0, limit)
    const last = page.at(-1)
    return {
      Parameters: page.map(d => toMetadata(d.body, scope)),
      ...(chosen.length > limit && last
        ? { NextToken: encodeToken(OPERATION, filters, last.id) }
        : {}),
    }
  })
}
