import { CreateServiceCommand, ListServicesByNamespaceCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { serviceCluster } from '../fixtures/services.js'

t.test('services by their Service Connect namespace', async t => {
  const { ecs, cluster } = await serviceCluster(t)
  const { service } = await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 1,
      serviceConnectConfiguration: { enabled: true, namespace: 'ns' },
    }),
  )
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'other',
      taskDefinition: 'web',
      desiredCount: 1,
    }),
  )
  const cases: { given: string; want: string[] }[] = [
    { given: 'ns', want: [service?.serviceArn ?? ''] },
    { given: 'other', want: [] },
  ]
  for (const { given, want } of cases) {
    const { serviceArns } = await ecs.send(new ListServicesByNamespaceCommand({ namespace: given }))
    t.same(serviceArns, want, given)
  }
})
