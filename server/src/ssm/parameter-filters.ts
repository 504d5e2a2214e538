/**
 * The filters of DescribeParameters (`Filters` and `ParameterFilters`) and GetParametersByPath
 * (`ParameterFilters`) as one predicate over stored parameters. Pure; a key, option or value SSM
 * would refuse throws InvalidFilterKey, InvalidFilterOption or InvalidFilterValue.
 */
import type { ParametersFilter, ParameterStringFilter } from '@quayside/openapi/ssm-types'
import { ssmErrors } from '../errors.js'
import type { ParameterRecord } from './parameter-record.js'

/** Where the filters are used: each operation takes its own set of keys. */
export type FilterUse = 'describe' | 'by-path'

const KEYS: Readonly<Record<FilterUse, readonly string[]>> = {
  describe: ['Name', 'Type', 'KeyId', 'Path', 'Tier', 'DataType', 'Label'],
  'by-path': ['Type', 'KeyId', 'Label'],
}
/** The options each key takes; the first is its default. */
const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  Name: ['Equals', 'BeginsWith', 'Contains'],
  Type: ['Equals'],
  KeyId: ['Equals'],
  Path: ['OneLevel', 'Recursive'],
  Tier: ['Equals'],
  DataType: ['Equals'],
  Label: ['Equals'],
}

type Predicate = (record: ParameterRecord) => boolean

function fieldOf(record: ParameterRecord, key: string): readonly string[] {
  switch (key) {
    case 'Name':
      return [record.name]
    case 'Type':
      return [record.type]
    case 'KeyId':
      return record.keyId === undefined ? [] : [record.keyId]
    case 'Tier':
      return [record.tier]
    case 'DataType':
      return [record.dataType]
    default:
      return record.versions.at(-1)?.labels ?? []
  }
}

/** Whether `name` is under `path` (`/` for the root): one level down, or any with `recursive`. */
export function underPath(name: string, path: string, recursive: boolean): boolean {
  const prefix = path === '/' ? '/' : `${path.replace(/\/$/, '')}/`
  if (path === '/' && !recursive) return name.startsWith('/') && !name.slice(1).includes('/')
  if (!name.startsWith(prefix)) return false
  return recursive || !name.slice(prefix.length).includes('/')
}

function compileOne(filter: ParameterStringFilter, use: FilterUse): Predicate {
  const { Key: key } = filter
  if (!KEYS[use].includes(key))
    throw ssmErrors.invalidFilterKey(
      `The following filter key is not valid: ${key}. Valid filter keys include: [${KEYS[use].join(', ')}].`,
    )
  const options = OPTIONS[key] ?? ['Equals']
  const option = filter.Option ?? options[0] ?? 'Equals'
  if (!options.includes(option))
    throw ssmErrors.invalidFilterOption(
      `The following filter option is not valid: ${option}. Valid options include: [${options.join(', ')}].`,
    )
  const values = filter.Values ?? []
  if (values.length === 0 && key !== 'Path')
    throw ssmErrors.invalidFilterValue(`The filter ${key} needs at least one value.`)
  if (key === 'Path') {
    const paths = values.length === 0 ? ['/'] : values
    for (const path of paths)
      if (!path.startsWith('/'))
        throw ssmErrors.invalidFilterValue(`The path ${path} is not valid: it must begin with /.`)
    return record => paths.some(p => underPath(record.name, p, option === 'Recursive'))
  }
  return record =>
    fieldOf(record, key).some(field =>
      values.some(value =>
        option === 'BeginsWith'
          ? field.startsWith(value)
          : option === 'Contains'
            ? field.includes(value)
            : field === value,
      ),
    )
}

/** The legacy `Filters` of DescribeParameters: Name (begins with), Type, KeyId, each Equals. */
function legacy(filter: ParametersFilter): ParameterStringFilter {
  return {
    Key: filter.Key,
    Option: filter.Key === 'Name' ? 'BeginsWith' : 'Equals',
    Values: filter.Values,
  }
}

/** One predicate: every filter must hold (the two kinds together are refused, as SSM does). */
export function compileFilters(
  use: FilterUse,
  parameterFilters: readonly ParameterStringFilter[] | undefined,
  filters?: readonly ParametersFilter[],
): Predicate {
  if (
    filters !== undefined &&
    filters.length > 0 &&
    parameterFilters !== undefined &&
    parameterFilters.length > 0
  )
    throw ssmErrors.validation(
      'You can use either Filters or ParameterFilters in a single request.',
    )
  const all = [...(filters ?? []).map(legacy), ...(parameterFilters ?? [])]
  const predicates = all.map(filter => compileOne(filter, use))
  return record => predicates.every(p => p(record))
}
