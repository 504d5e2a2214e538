import { ListServicesCommand, type ListServicesCommandInput } from '@aws-sdk/client-ecs'
import t from 'tap'
import { serviceCluster, webAndDaemon } from '../fixtures/services.js'

t.test('filters and pages', async t => {
  const made = await serviceCluster(t)
  const { ecs, cluster } = made
  await webAndDaemon(made)
  const filters: { given: Omit<ListServicesCommandInput, 'cluster'>; want: number }[] = [
    { given: {}, want: 2 },
    { given: { schedulingStrategy: 'DAEMON' }, want: 1 },
    { given: { launchType: 'EXTERNAL' }, want: 0 },
  ]
  for (const { given, want } of filters) {
    const { serviceArns } = await ecs.send(new ListServicesCommand({ cluster, ...given }))
    t.equal(serviceArns?.length, want, JSON.stringify(given))
  }
  const page = await ecs.send(new ListServicesCommand({ cluster, maxResults: 1 }))
  t.equal(page.serviceArns?.length, 1)
  const rest = await ecs.send(
    new ListServicesCommand({ cluster, maxResults: 1, nextToken: page.nextToken }),
  )
  t.equal(rest.serviceArns?.length, 1)
})
