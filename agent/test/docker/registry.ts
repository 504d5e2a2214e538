// The registry an image reference names, for the pull's login.
import t from 'tap'
import { DOCKER_HUB, registryOf } from '../../src/docker/registry.js'

t.test('registryOf', t => {
  const cases = [
    { given: 'busybox', want: DOCKER_HUB },
    { given: 'library/busybox:1.36', want: DOCKER_HUB },
    { given: 'quay.io/org/app', want: 'quay.io' },
    { given: 'localhost/app', want: 'localhost' },
    { given: 'registry:5000/app', want: 'registry:5000' },
    {
      given: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1',
      want: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
    },
  ]
  for (const { given, want } of cases) t.equal(registryOf(given), want, given)
  t.end()
})
