import t from 'tap'
import { parseRoute } from '../../src/task-endpoint/routes.js'

t.test('the paths of the task endpoint', t => {
  const rows: { given: string; want: unknown }[] = [
    { given: '/v4/abc', want: { kind: 'container', version: 4, id: 'abc' } },
    { given: '/v4/abc/', want: { kind: 'container', version: 4, id: 'abc' } },
    { given: '/v4/abc/task', want: { kind: 'task', version: 4, id: 'abc' } },
    { given: '/v4/abc/taskWithTags', want: { kind: 'taskWithTags', version: 4, id: 'abc' } },
    { given: '/v4/abc/stats', want: { kind: 'stats', version: 4, id: 'abc' } },
    { given: '/v4/abc/task/stats', want: { kind: 'taskStats', version: 4, id: 'abc' } },
    { given: '/v3/a-b/task', want: { kind: 'task', version: 3, id: 'a-b' } },
    { given: '/v2/credentials/x1', want: { kind: 'credentials', id: 'x1' } },
    { given: '/v2/credentials/x1/', want: { kind: 'credentials', id: 'x1' } },
    { given: '/v4/abc/other', want: undefined },
    { given: '/v4/', want: undefined },
    { given: '/v5/abc', want: undefined },
    { given: '/v2/credentials/', want: undefined },
    { given: '/', want: undefined },
  ]
  for (const { given, want } of rows) t.strictSame(parseRoute(given), want, given)
  t.end()
})
