/**
 * ListServicesByNamespace: ACTIVE services of every cluster whose Service Connect configuration
 * names `namespace` (its name or ARN, as given at CreateService); paginated (1-100, default 10).
 * This server keeps no Cloud Map namespaces, so an unknown namespace simply lists nothing.
 */
import type {
  ListServicesByNamespaceRequest,
  ListServicesByNamespaceResponse,
} from '@quayside/openapi/types'
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import type { ServiceDocument } from '../resources/services.js'
import type { OperationContext } from './context.js'

export function listServicesByNamespace(
  input: ListServicesByNamespaceRequest,
  { store, scope }: OperationContext,
): Promise<ListServicesByNamespaceResponse> {
  const limit = pageSize(input.maxResults, 100, 10)
  const namespace = input.namespace
  return store.transaction(async (tx): Promise<ListServicesByNamespaceResponse> => {
    const filters = { namespace }
    const after = decodeToken('ListServicesByNamespace', filters, input.nextToken)
    const docs = await tx.list<ServiceDocument>(scope, 'service', { after })
    const matching = docs.filter(
      d =>
        d.body.status === 'ACTIVE' && d.body.serviceConnectConfiguration?.namespace === namespace,
    )
    const page = matching.slice(0, limit)
    const last = page[page.length - 1]
    return {
      serviceArns: page.map(d => d.body.serviceArn),
      ...(matching.length > limit && last
        ? { nextToken: encodeToken('ListServicesByNamespace', filters, last.id) }
        : {}),
    }
  })
}
