import t from 'tap'
import {
  CLUSTER_LABEL,
  CONTAINER_NAME_LABEL,
  FAMILY_LABEL,
  REVISION_LABEL,
  TASK_ARN_LABEL,
  containerLabels,
  dockerContainerName,
  identityFromLabels,
} from '../../src/docker/identity.js'
import { TASK_ARN, fakeTask } from '../fixtures/tasks.js'

t.test('the ECS labels are set and override user labels of the same name', t => {
  const labels = containerLabels(fakeTask(), 'app', {
    team: 'blue',
    [TASK_ARN_LABEL]: 'arn:spoofed',
    [CLUSTER_LABEL]: 'other',
  })
  t.same(labels, {
    team: 'blue',
    [TASK_ARN_LABEL]: TASK_ARN,
    [CONTAINER_NAME_LABEL]: 'app',
    [FAMILY_LABEL]: 'fam',
    [REVISION_LABEL]: '3',
    [CLUSTER_LABEL]: 'test',
  })
  t.same(Object.keys(containerLabels(fakeTask(), 'app')).length, 5)
  t.end()
})

t.test('identityFromLabels reads our labels back and ignores other containers', t => {
  t.same(identityFromLabels(containerLabels(fakeTask(), 'web')), {
    taskArn: TASK_ARN,
    containerName: 'web',
  })
  t.equal(identityFromLabels({ [TASK_ARN_LABEL]: TASK_ARN }), undefined)
  t.equal(identityFromLabels({}), undefined)
  t.end()
})

t.test('the Docker name follows ecs-<family>-<revision>-<name>-<hex>', t => {
  t.equal(dockerContainerName('web-app', 12, 'nginx', 'c0ffee'), 'ecs-web-app-12-nginx-c0ffee')
  t.equal(
    dockerContainerName('fam', 1, 'my_side.car!', 'ab'),
    'ecs-fam-1-mysidecar-ab',
    'name stripped to [A-Za-z0-9-]',
  )
  t.end()
})
