/**
 * ListAttributes: the attributes of a cluster's live container instances, optionally only those
 * named `attributeName` (and with `attributeValue`), paginated (1-100, default 100).
 */
import { errors } from '../errors.js'
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import { activeCluster } from '../resources/clusters.js'
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import type {
  Attribute,
  ListAttributesRequest,
  ListAttributesResponse,
} from '@quayside/openapi/types'
import type { OperationContext } from './context.js'

/** (`targetType` is `container-instance`, the spec's one value; the validator holds it to it.) */
export function listAttributes(
  input: ListAttributesRequest,
  { store, scope }: OperationContext,
): Promise<ListAttributesResponse> {
  const limit = pageSize(input.maxResults, 100)
  const { attributeName, attributeValue } = input
  if (attributeValue !== undefined && attributeName === undefined) {
    throw errors.invalidParameter('attributeValue can only be given with attributeName.')
  }
  return store.transaction(async (tx): Promise<ListAttributesResponse> => {
    const cluster = await activeCluster(tx, scope, input.cluster)
    const filters = { cluster: cluster.clusterName, attributeName, attributeValue }
    const after = decodeToken('ListAttributes', filters, input.nextToken)
    const docs = await tx.list<ContainerInstanceDocument>(scope, 'container-instance', {
      parent: cluster.clusterName,
    })
    const rows: { key: string; attribute: Attribute }[] = []
    for (const doc of docs) {
      if (doc.body.status === 'INACTIVE') continue
      for (const a of doc.body.attributes) {
        if (attributeName !== undefined && a.name !== attributeName) continue
        if (attributeValue !== undefined && a.value !== attributeValue) continue
        const key = `${doc.id}/${a.name}`
        if (after !== undefined && key <= after) continue
        rows.push({
          key,
          attribute: {
            ...a,
            targetType: 'container-instance',
            targetId: doc.body.containerInstanceArn,
          },
        })
      }
    }
    rows.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return {
      attributes: page.map(r => r.attribute),
      ...(rows.length > limit && last
        ? { nextToken: encodeToken('ListAttributes', filters, last.key) }
        : {}),
    }
  })
}
