// The AWS extensions of the committed spec: the service metadata, the banner, the paginators and
// the waiters, each compared with the pinned model files they come from.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { packageDir } from '../../src/generate.js'
import { loadSpec } from '../../src/index.js'

const readModel = (file: string): unknown =>
  JSON.parse(readFileSync(join(packageDir, 'model', file), 'utf8'))
const service = readModel('service-2.json') as { metadata: Record<string, unknown> }
const paginators = readModel('paginators-1.json') as { pagination: Record<string, unknown> }
const waiters = readModel('waiters-2.json') as { waiters: Record<string, unknown> }
const spec = loadSpec()

t.test('root: version, metadata, banner, security', t => {
  t.equal(spec.openapi, '3.1.0')
  t.equal(spec.info.version, '2014-11-13')
  t.same(spec['x-amz-service'], service.metadata)
  t.match(spec['x-amz-service'], {
    targetPrefix: 'AmazonEC2ContainerServiceV20141113',
    signingName: 'ecs',
    jsonVersion: '1.1',
    protocol: 'json',
  })
  const sha = createHash('sha256')
    .update(readFileSync(join(packageDir, 'model', 'service-2.json')))
    .digest('hex')
  t.equal(
    spec['x-generated-by'],
    `openapi/scripts/generate.ts from openapi/model/service-2.json (botocore 1.43.11, sha256 ${sha.slice(0, 12)}) - do not edit`,
  )
  t.same(spec['security'], [{ sigv4: [] }])
  t.match(spec.components.securitySchemes['sigv4'], {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    'x-amazon-apigateway-authtype': 'awsSigv4',
  })
  t.end()
})

t.test('x-paginator on exactly the paginated operations, as paginators-1.json spells it', t => {
  const paged = Object.entries(spec.paths)
    .filter(([, item]) => item.post['x-paginator'] !== undefined)
    .map(([path]) => path.slice(1))
    .sort()
  t.equal(paged.length, 9)
  t.same(paged, Object.keys(paginators.pagination).sort())
  for (const op of paged) {
    t.same(spec.paths[`/${op}`]!.post['x-paginator'], paginators.pagination[op], op)
  }
  t.end()
})

t.test('x-waiters is the waiters object of waiters-2.json', t => {
  t.same(spec['x-waiters'], waiters.waiters)
  t.same(Object.keys(spec['x-waiters'] as object), Object.keys(waiters.waiters), 'same order')
  for (const waiter of Object.values(waiters.waiters) as { operation: string }[]) {
    t.ok(spec.paths[`/${waiter.operation}`], `${waiter.operation} exists`)
  }
  t.end()
})

t.test('every operation has its own summary and the X-Amz-Target header', t => {
  const summaries = JSON.parse(
    readFileSync(join(packageDir, 'overlays', 'summaries.json'), 'utf8'),
  ) as Record<string, string>
  for (const [path, item] of Object.entries(spec.paths)) {
    const op = path.slice(1)
    t.equal(item.post.summary, summaries[op], `${op} summary`)
    t.same(item.post['parameters'], [
      {
        name: 'X-Amz-Target',
        in: 'header',
        required: false,
        description: `Optional here: real AWS clients POST / with this header set to "AmazonEC2ContainerServiceV20141113.${op}".`,
        schema: { type: 'string', const: `AmazonEC2ContainerServiceV20141113.${op}` },
      },
    ])
  }
  t.end()
})
