/** quayside_service's normalisation of ECS defaults, and its import IDs. */
import t from 'tap'
import { service, withoutUnsetDefaults } from '../../src/resources/service.js'

const answered = {
  serviceName: 'web',
  deploymentController: { type: 'ECS' },
  deploymentConfiguration: {
    maximumPercent: 200,
    deploymentCircuitBreaker: { enable: false, rollback: false },
  },
  enableECSManagedTags: false,
  enableExecuteCommand: false,
  propagateTags: 'NONE',
  healthCheckGracePeriodSeconds: 0,
}

t.test('defaults the state leaves unset are left out', t => {
  t.same(withoutUnsetDefaults(answered, {}), {
    serviceName: 'web',
    deploymentConfiguration: { maximumPercent: 200 },
  })
  t.end()
})

t.test('a default the state has, or a value that is not the default, stays', t => {
  const state = { deployment_controller: { type: 'ECS' }, propagate_tags: 'NONE' }
  const kept = withoutUnsetDefaults({ ...answered, enableExecuteCommand: true }, state)
  t.same(kept.deploymentController, { type: 'ECS' })
  t.equal(kept.propagateTags, 'NONE')
  t.equal(kept.enableExecuteCommand, true)
  t.equal(kept.enableECSManagedTags, undefined)
  t.same(withoutUnsetDefaults({ serviceName: 'x' }, {}), { serviceName: 'x' }, 'nothing to drop')
  t.end()
})

t.test('import IDs', t => {
  t.same(service.importState('apps/web'), { cluster: 'apps', name: 'web' })
  t.same(service.importState('arn:aws:ecs:us-east-1:1:service/apps/web'), {
    cluster: 'apps',
    name: 'web',
  })
  t.throws(() => service.importState('web'), /expected <cluster>\/<service>/)
  t.end()
})
