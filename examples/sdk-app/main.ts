/**
 * A small application on @quayside/sdk: it creates a cluster, registers two revisions of a task
 * definition, walks them with a paginator, and reads the newest back. Run it against a server:
 *
 *   npx quayside server --port 4100 &
 *   QUAYSIDE_ENDPOINT=http://127.0.0.1:4100 node --import tsx examples/sdk-app/main.ts
 *
 * Credentials come from the usual places (here `test`/`test`, what a quayside server accepts when
 * it is started without --credentials).
 */
import { ECS, isEcsServiceError } from '@quayside/sdk'

export interface Summary {
  clusterArn: string
  revisions: string[]
  latest: { family: string; revision: number; image: string | undefined }
}

export async function main(endpoint: string): Promise<Summary> {
  const ecs = new ECS({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  try {
    const { cluster } = await ecs.createCluster({ clusterName: 'sdk-example' })

    for (const tag of ['1.0', '1.1']) {
      await ecs.registerTaskDefinition({
        family: 'sdk-example-web',
        containerDefinitions: [
          {
            name: 'web',
            image: `quayside/busybox:${tag}`,
            memory: 64,
            command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
            portMappings: [{ containerPort: 8080 }],
          },
        ],
      })
    }

    // maxResults 1 makes the paginator follow nextToken across pages
    const revisions: string[] = []
    for await (const arn of ecs.paginate.listTaskDefinitions({
      familyPrefix: 'sdk-example-web',
      maxResults: 1,
    })) {
      revisions.push(arn)
    }

    const { taskDefinition } = await ecs.describeTaskDefinition({
      taskDefinition: 'sdk-example-web',
    })

    // errors are typed: the name is one of the operation's modeled errors
    try {
      await ecs.describeTaskDefinition({ taskDefinition: 'no-such-family' })
    } catch (error) {
      if (!isEcsServiceError(error) || error.name !== 'ClientException') throw error
    }

    return {
      clusterArn: cluster?.clusterArn ?? '',
      revisions,
      latest: {
        family: taskDefinition?.family ?? '',
        revision: taskDefinition?.revision ?? 0,
        image: taskDefinition?.containerDefinitions?.[0]?.image,
      },
    }
  } finally {
    await ecs.close()
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const summary = await main(process.env['QUAYSIDE_ENDPOINT'] ?? 'http://127.0.0.1:4100')
  console.log(JSON.stringify(summary, null, 2))
}
