import t from 'tap'
import { resolveOperation, TARGET_PREFIX } from '../../src/http/routing.js'

const known = new Set(['ListClusters', 'CreateCluster'])

t.test('given/want', t => {
  const cases: { given: [string, string | undefined]; want: string | RegExp }[] = [
    { given: ['/', `${TARGET_PREFIX}.ListClusters`], want: 'ListClusters' },
    { given: ['/ListClusters', undefined], want: 'ListClusters' },
    { given: ['/ListClusters', `${TARGET_PREFIX}.ListClusters`], want: 'ListClusters' },
    { given: ['', `${TARGET_PREFIX}.CreateCluster`], want: 'CreateCluster' },
    { given: ['/', undefined], want: /Missing X-Amz-Target/ },
    { given: ['/', 'ListClusters'], want: /Unknown target/ },
    { given: ['/', `${TARGET_PREFIX}.RunTask`], want: /Unknown operation: RunTask/ },
    { given: ['/RunTask', undefined], want: /Unknown operation: RunTask/ },
    { given: ['/CreateCluster', `${TARGET_PREFIX}.ListClusters`], want: /different operations/ },
  ]
  for (const { given, want } of cases) {
    if (typeof want === 'string') t.equal(resolveOperation(given[0], given[1], known), want)
    else
      t.throws(() => resolveOperation(given[0], given[1], known), {
        shapeName: 'UnknownOperationException',
        message: want,
      })
  }
  t.end()
})
