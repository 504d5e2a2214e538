/** Which attribute a backend refusal is about: given/want. */
import t from 'tap'
import { BackendError } from '../../src/errors.js'
import { schemas } from '../../src/generated/schemas.js'
import { errorPath } from '../../src/server/diagnostics.js'

const block = (type: string) => schemas.resources[type]!.block

const cases: { type: string; ecs: string; message: string; want: string[] }[] = [
  {
    type: 'quayside_cluster',
    ecs: 'InvalidParameterException',
    message: 'Cluster name can have up to 255 characters',
    want: ['name'],
  },
  {
    type: 'quayside_task_definition',
    ecs: 'ClientException',
    message: 'Container.name should not be null or empty.',
    want: ['container_definitions'],
  },
  {
    type: 'quayside_task_definition',
    ecs: 'ClientException',
    message: 'Invalid family.',
    want: ['family'],
  },
  {
    type: 'quayside_service',
    ecs: 'InvalidParameterException',
    message: 'desiredCount must be at least 0',
    want: ['desired_count'],
  },
  {
    type: 'quayside_service',
    ecs: 'ClusterNotFoundException',
    message: 'Cluster not found.',
    want: ['cluster'],
  },
  {
    type: 'quayside_account_setting_default',
    ecs: 'ClusterNotFoundException',
    message: 'Cluster not found.',
    want: [],
  },
  { type: 'quayside_cluster', ecs: 'ServerException', message: 'Something broke.', want: [] },
]

t.test('errorPath', t => {
  for (const c of cases) {
    t.same(errorPath(block(c.type), new BackendError(c.ecs, c.message)), c.want, c.message)
  }
  t.same(errorPath(block('quayside_cluster'), new Error('plain')), [], 'not a backend error')
  t.end()
})
