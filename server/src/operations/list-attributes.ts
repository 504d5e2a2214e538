/**
 * ListAttributes: the attributes of a cluster's live container instances, optionally only those
 * named `attributeName` (and with `attributeValue`), paginated (1-100, default 100).
 */
import { errors } from '../errors.js'
import { decodeToken, encodeToken, pageSize } from '../pagination.js'
import { activeCluster } from '../resources/clusters.js'
import type { ContainerInstanceDocument } from '../resources/container-instances.js'
import type { OperationHandler } from './context.js'
import { num, str } from './input.js'

export const listAttributes: OperationHandler = (input, { store, scope }) => {
  const limit = pageSize(num(input, 'maxResults'), 100)
  const targetType = str(input, 'targetType')
  const attributeName = str(input, 'attributeName')
  const attributeValue = str(input, 'attributeValue')
  if (targetType !== 'container-instance')
    throw errors.invalidParameter('targetType must be container-instance.')
  if (attributeValue !== undefined && attributeName === undefined) {
    throw errors.invalidParameter('attributeValue can only be given with attributeName.')
  }
  return store.transaction(async tx => {
    const cluster = await activeCluster(tx, scope, str(input, 'cluster'))
    const filters = { cluster: cluster.clusterName, attributeName, attributeValue }
    const after = decodeToken('ListAttributes', filters, str(input, 'nextToken'))
    const docs = await tx.list<ContainerInstanceDocument>(scope, 'container-instance', {
      parent: cluster.clusterName,
    })
    const rows: { key: string; attribute: object }[] = []
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
