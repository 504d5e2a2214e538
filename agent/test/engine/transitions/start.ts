import t from 'tap'
import { containerConfig } from '../../../src/docker/container-config.js'
import { startTransition } from '../../../src/engine/transitions/start.js'
import { CannotStartContainerError } from '../../../src/errors.js'
import { fakeRuntime } from '../../fixtures/fake-runtime.js'
import { containerDef, fakeTask } from '../../fixtures/tasks.js'

t.test('starts and reads back the bound ports', async t => {
  const runtime = fakeRuntime()
  const task = fakeTask([containerDef('app', { portMappings: [{ containerPort: 80 }] })])
  const id = await runtime.createContainer(
    containerConfig(task, 'app', { dockerNames: new Map([['app', 'n']]), defaultStopTimeout: 30 }),
  )
  const details = await startTransition(runtime, id)
  t.equal(details?.state.status, 'running')
  t.same(details?.ports['80/tcp']?.[0], { HostIp: '0.0.0.0', HostPort: '49153' })
  await t.rejects(startTransition(runtime, 'missing'), CannotStartContainerError)
})
