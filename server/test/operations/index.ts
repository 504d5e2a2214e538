import { DescribeCapacityProvidersCommand, UnsupportedFeatureException } from '@aws-sdk/client-ecs'
import { operationNames } from '@quayside/openapi'
import t from 'tap'
import { operations, UNSUPPORTED_OPERATIONS } from '../../src/operations/index.js'
import { client, rawCall, testServer } from '../fixtures/server.js'

t.test('all 77 operations of the spec are registered, and only those', t => {
  t.equal(operations.size, 77)
  t.same([...operations.keys()].sort(), [...operationNames])
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
