import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { defaultCredentials } from '../../src/auth/credentials.js'
import { errors } from '../../src/errors.js'
import { createPipeline, type AnswerHook } from '../../src/http/handle-request.js'
import type { RequestRecord } from '../../src/http/log.js'
import type { OperationHandler } from '../../src/operations/context.js'
import { openSqliteStore } from '../../src/store/sqlite.js'
import { rawCall } from '../fixtures/server.js'

t.test(
  'unexpected errors become ServerException 500; details go to the fault log only',
  async t => {
    const store = openSqliteStore(t.testdir())
    t.teardown(() => store.close())
    const faults: unknown[] = []
    const records: RequestRecord[] = []
    const answers: Parameters<AnswerHook>[0][] = []
    const handlers = new Map<string, OperationHandler>([
      ['ListClusters', () => Promise.reject(new Error('disk on fire'))],
      [
        'CreateCluster',
        (_input, context) =>
          Promise.resolve({ seen: context.scope, principal: context.principalArn }),
      ],
      ['DeleteCluster', () => Promise.reject(errors.clusterNotFound())],
    ])
    const pipeline = createPipeline({
      store,
      credentials: defaultCredentials('000000000000'),
      handlers,
      validatorFor: () => () => undefined,
      bodyLimit: 10_000,
      log: record => records.push(record),
      onFault: error => faults.push(error),
      onAnswer: answer => answers.push(answer),
    })
    const server = createServer((req, res) => void pipeline(req, res))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    t.teardown(
      () =>
        new Promise<void>(resolve => {
          server.close(() => {
            resolve()
          })
        }),
    )
    const running = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      port: 0,
      banner: '',
      warnings: [],
      close: () => Promise.resolve(),
      abort: () => Promise.resolve(),
    }

    const fault = await rawCall(running, 'ListClusters', {})
    t.equal(fault.status, 500)
    t.same(fault.body, { __type: 'ServerException', message: 'Internal server error.' })
    t.match(faults, [{ message: 'disk on fire' }])

    const ok = await rawCall(running, 'CreateCluster', {}, { region: 'eu-west-1' })
    t.same(ok.body, {
      seen: { account: '000000000000', region: 'eu-west-1' },
      principal: 'arn:aws:iam::000000000000:root',
    })
    const notFound = await rawCall(running, 'DeleteCluster', {})
    t.equal(notFound.status, 400)
    t.equal(faults.length, 1, 'client errors are not faults')

    t.match(records, [
      {
        operation: 'ListClusters',
        status: 500,
        errorType: 'ServerException',
        accessKeyId: 'test',
        region: 'us-east-1',
      },
      { operation: 'CreateCluster', status: 200, region: 'eu-west-1' },
      { operation: 'DeleteCluster', status: 400, errorType: 'ClusterNotFoundException' },
    ])

    // onAnswer sees each answer as sent, also those to no known operation.
    const unknown = await rawCall(running, '', {})
    t.same(
      answers.map(a => ({ ...a, text: JSON.parse(a.text) as unknown })),
      [fault, ok, notFound, unknown].map((r, i) => ({
        operation: ['ListClusters', 'CreateCluster', 'DeleteCluster', undefined][i],
        status: r.status,
        text: r.body,
      })),
    )
  },
)
