import { DescribeCapacityProvidersCommand, UnsupportedFeatureException } from '@aws-sdk/client-ecs'
import { operationNames } from '@quayside/openapi'
import t from 'tap'
import { builtOperations, operations, UNSUPPORTED_OPERATIONS } from '../../src/operations/index.js'
import { client, rawCall, testServer } from '../fixtures/server.js'

t.test('all 77 operations of the spec are dispatched, and only those', t => {
  t.equal(operations.size, 77)
  t.same([...operations.keys()].sort(), [...operationNames])
  t.end()
})

t.test('the built set names operations of the spec; the unsupported list is the rest', t => {
  const built = Object.keys(builtOperations)
  t.same(
    built.filter(name => !operationNames.includes(name)),
    [],
    'no built name outside the spec',
  )
  t.same(
    [...UNSUPPORTED_OPERATIONS].sort(),
    operationNames.filter(name => !built.includes(name)),
    'unsupported = the spec minus the built set',
  )
  for (const [name, handler] of Object.entries(builtOperations)) t.type(handler, 'function', name)
  t.end()
})

t.test('operations not built yet answer UnsupportedFeatureException naming themselves', async t => {
  const server = await testServer(t)
  for (const name of UNSUPPORTED_OPERATIONS) {
    t.ok(operations.has(name), name)
    const handler = operations.get(name)!
    await t.rejects(handler({}, {} as never), {
      shapeName: 'UnsupportedFeatureException',
      message: new RegExp(name),
    })
  }
  const answer = await rawCall(server, 'DescribeCapacityProviders', {})
  t.equal(answer.status, 400)
  t.equal(answer.body['__type'], 'UnsupportedFeatureException')
  await t.rejects(
    client(server).send(new DescribeCapacityProvidersCommand({})),
    UnsupportedFeatureException,
  )
  t.end()
})
