/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- wire answers are read loosely in these end-to-end tests; the server's schema is what they check */
/**
 * CreateService's clientToken through the server, on SQLite and PostgreSQL: a repeated token
 * answers the service the first call created (where the same call without a token is "not
 * idempotent"), other parameters are refused as ECS refuses a second service of that name, and
 * concurrent calls with one token all get the one service.
 */
import t, { type Test } from 'tap'
import type { ServerOptions } from '../../src/main.js'
import { rawCall, testServer, type RawResponse } from '../fixtures/server.js'
import { onEachStore } from '../fixtures/postgres-schema.js'

const body = (r: RawResponse) => r.body as any

async function suite(t: Test, options: ServerOptions): Promise<void> {
  const server = await testServer(t, options)
  await rawCall(server, 'CreateCluster', { clusterName: 'c' })
  await rawCall(server, 'RegisterTaskDefinition', {
    family: 'web',
    containerDefinitions: [{ name: 'web', image: 'nginx', memory: 16 }],
  })
  const call = { cluster: 'c', serviceName: 'api', taskDefinition: 'web', desiredCount: 0 }

  const first = await rawCall(server, 'CreateService', { ...call, clientToken: 'svc-1' })
  t.equal(first.status, 200)
  const again = await rawCall(server, 'CreateService', { ...call, clientToken: 'svc-1' })
  t.equal(again.status, 200, 'the same token and parameters')
  t.equal(body(again).service.serviceArn, body(first).service.serviceArn)
  t.same(body(again).service.deployments, body(first).service.deployments, 'the same service')

  const untokened = await rawCall(server, 'CreateService', call)
  t.same(
    [untokened.status, body(untokened).__type, body(untokened).message],
    [400, 'InvalidParameterException', 'Creation of service was not idempotent.'],
    'without the token, the name is taken',
  )
  const other = await rawCall(server, 'CreateService', {
    ...call,
    desiredCount: 1,
    clientToken: 'svc-1',
  })
  t.same(
    [other.status, body(other).__type, body(other).message],
    [400, 'InvalidParameterException', 'Creation of service was not idempotent.'],
    'the same token with other parameters',
  )
  const described = await rawCall(server, 'DescribeServices', { cluster: 'c', services: ['api'] })
  t.equal(body(described).services[0].desiredCount, 0, 'nothing changed')

  const racing = await Promise.all(
    Array.from({ length: 8 }, () =>
      rawCall(server, 'CreateService', { ...call, serviceName: 'raced', clientToken: 'svc-2' }),
    ),
  )
  t.ok(
    racing.every(r => r.status === 200),
    'every concurrent call gets the service',
  )
  t.equal(new Set(racing.map(r => body(r).service.deployments[0].id as string)).size, 1)
  const listed = await rawCall(server, 'ListServices', { cluster: 'c' })
  t.equal(body(listed).serviceArns.length, 2)
}

await onEachStore(t, 'create_service_token', suite)
