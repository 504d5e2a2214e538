/**
 * SSM GetParametersByPath: the parameters one level under a path, or every level with Recursive,
 * filtered by Type, KeyId or Label, in name order, 1-10 a page (default 10).
 */
import type {
  GetParametersByPathRequest,
  GetParametersByPathResult,
} from '@quayside/openapi/ssm-types'
import { ssmErrors } from '../../errors.js'
import { decodeToken, encodeToken } from '../../pagination.js'
import { compileFilters, underPath } from '../../ssm/parameter-filters.js'
import { toParameter, type ParameterRecord } from '../../ssm/parameter-record.js'
import { answeredValue, PARAMETER_KIND } from '../../ssm/parameters.js'
import type { OperationContext } from '../context.js'

const OPERATION = 'GetParametersByPath'

export function getParametersByPath(
  input: GetParametersByPathRequest,
  { store, scope, runtime }: OperationContext,
): Promise<GetParametersByPathResult> {
  const path = input.Path
  if (!path.startsWith('/'))
    throw ssmErrors.validation(`The parameter path ${path} is not valid: it must begin with /.`)
  const recursive = input.Recursive === true
  const matches = compileFilters('by-path', input.ParameterFilters)
  const limit = input.MaxResults ?? 10
  const filters = { path, recursive, f: input.ParameterFilters ?? [] }
  const after = decodeToken(OPERATION, filters, input.NextToken, () => ssmErrors.invalidNextToken())
  const prefix = path === '/' ? '/' : `${path.replace(/\/$/, '')}/`
  return store.transaction(async (tx): Promise<GetParametersByPathResult> => {
    const docs = await tx.list<ParameterRecord>(scope, PARAMETER_KIND, { prefix, after })
    const chosen = docs.filter(d => underPath(d.id, path, recursive) && matches(d.body))
    const page = chosen.slice(0, limit)
    const last = page.at(-1)
    return {
      Parameters: page.map(({ body: record }) => {
        const version = record.versions.at(-1)
        /* c8 ignore next */
        if (version === undefined) throw ssmErrors.parameterNotFound(record.name)
        const value = answeredValue(runtime.secretsKey(), { record, version }, input.WithDecryption)
        return toParameter(record, version, value, scope)
      }),
      ...(chosen.length > limit && last
        ? { NextToken: encodeToken(OPERATION, filters, last.id) }
        : {}),
    }
  })
}
