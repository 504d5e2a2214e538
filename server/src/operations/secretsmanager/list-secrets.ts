/**
 * Secrets Manager ListSecrets: the account's secrets (metadata only) in name order, or by
 * creation date with SortBy, 1-100 a page (default 100). Filters: name, description, tag-key,
 * tag-value and all, each value a prefix (case-sensitive), `!` before it negates; secrets
 * scheduled for deletion only with IncludePlannedDeletion.
 */
import type {
  Filter,
  ListSecretsRequest,
  ListSecretsResponse,
} from '@quayside/openapi/secretsmanager-types'
import { secretsManagerErrors } from '../../errors.js'
import { decodeToken, encodeToken } from '../../pagination.js'
import { toListEntry, type SecretRecord } from '../../secretsmanager/secret-record.js'
import { SECRET_KIND } from '../../secretsmanager/secrets.js'
import { epochSeconds, type OperationContext } from '../context.js'

const OPERATION = 'ListSecrets'

function fields(record: SecretRecord, key: string): string[] {
  const tagKeys = record.tags.flatMap(t => (t.Key === undefined ? [] : [t.Key]))
  const tagValues = record.tags.flatMap(t => (t.Value === undefined ? [] : [t.Value]))
  switch (key) {
    case 'name':
      return [record.name]
    case 'description':
      return record.description === undefined ? [] : [record.description]
    case 'tag-key':
      return tagKeys
    case 'tag-value':
      return tagValues
    case 'all':
      return [record.name, record.description ?? '', ...tagKeys, ...tagValues]
    default:
      throw secretsManagerErrors.invalidParameter(
        `The filter key ${key} is not supported by this server (name, description, tag-key, tag-value, all).`,
      )
  }
}

function matches(record: SecretRecord, filters: readonly Filter[]): boolean {
  return filters.every(filter => {
    const values = fields(record, filter.Key ?? 'all')
    return (filter.Values ?? []).some(raw => {
      const negated = raw.startsWith('!')
      const wanted = negated ? raw.slice(1) : raw
      const hit = values.some(v => v.startsWith(wanted))
      return negated ? !hit : hit
    })
  })
}

export function listSecrets(
  input: ListSecretsRequest,
  { store, scope }: OperationContext,
): Promise<ListSecretsResponse> {
  const limit = input.MaxResults ?? 100
  const filters = input.Filters ?? []
  const request = {
    filters,
    d: input.IncludePlannedDeletion === true,
    o: input.SortOrder,
    b: input.SortBy,
  }
  const after = decodeToken(OPERATION, request, input.NextToken, () =>
    secretsManagerErrors.invalidNextToken(),
  )
  return store.transaction(async (tx): Promise<ListSecretsResponse> => {
    const now = epochSeconds()
    const docs = await tx.list<SecretRecord>(scope, SECRET_KIND)
    const chosen = docs
      .map(d => d.body)
      .filter(r => r.deletedDate === undefined || (request.d && r.deletedDate > now))
      .filter(r => matches(r, filters))
    if (input.SortBy === 'created-date') chosen.sort((a, b) => a.createdDate - b.createdDate)
    if (input.SortOrder === 'desc') chosen.reverse()
    const start = after === undefined ? 0 : chosen.findIndex(r => r.name === after) + 1
    const page = chosen.slice(start, start + limit)
    const last = page.at(-1)
    return {
      SecretList: page.map(toListEntry),
      ...(start + limit < chosen.length && last
        ? { NextToken: encodeToken(OPERATION, request, last.name) }
        : {}),
    }
  })
}
