import {
  ClientException,
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs'
import t from 'tap'
import { client, rawCall, testServer } from '../fixtures/server.js'

const web: RegisterTaskDefinitionCommandInput = {
  family: 'web',
  cpu: '1 vCPU',
  memory: '1GB',
  containerDefinitions: [
    {
      name: 'app',
      image: 'nginx:1.27',
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
      environment: [{ name: 'A', value: '1' }],
      healthCheck: { command: ['CMD-SHELL', 'true'], interval: 30, retries: 3, timeout: 5 },
      logConfiguration: { logDriver: 'json-file', options: { 'max-size': '10m' } },
      ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 2048 }],
      dockerLabels: { team: 'a' },
    },
  ],
  tags: [{ key: 'team', value: 'a' }],
}

t.test('register, describe, list, deregister, delete', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  const first = await ecs.send(new RegisterTaskDefinitionCommand(web))
  const td = first.taskDefinition!
  t.equal(td.taskDefinitionArn, 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1')
  t.equal(td.revision, 1)
  t.equal(td.status, 'ACTIVE')
  t.equal(td.cpu, '1024', 'cpu units converted as ECS does')
  t.equal(td.memory, '1024')
  t.equal(td.registeredBy, 'arn:aws:iam::000000000000:root')
  t.ok(td.registeredAt instanceof Date)
  t.same(first.tags, [{ key: 'team', value: 'a' }])
  // Every field given comes back unchanged; ECS adds its defaults (cpu 0, empty mountPoints...).
  t.match(td.containerDefinitions, web.containerDefinitions, 'container definitions round-trip')
  t.same(td.containerDefinitions?.[0]?.healthCheck, web.containerDefinitions![0]!.healthCheck)

  const raw = await rawCall(server, 'DescribeTaskDefinition', { taskDefinition: 'web:1' })
  t.type(
    (raw.body['taskDefinition'] as { registeredAt: unknown }).registeredAt,
    'number',
    'epoch seconds',
  )

  const second = await ecs.send(new RegisterTaskDefinitionCommand({ ...web, tags: undefined }))
  t.equal(second.taskDefinition?.revision, 2)
  const latest = await ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: 'web', include: ['TAGS'] }),
  )
  t.equal(latest.taskDefinition?.revision, 2)
  t.same(latest.tags, [])
  const byArn = await ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: td.taskDefinitionArn! }),
  )
  t.equal(byArn.taskDefinition?.revision, 1)
  t.equal(byArn.tags, undefined, 'tags only with include TAGS')
  await t.rejects(
    ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope' })),
    ClientException,
  )

  await ecs.send(new RegisterTaskDefinitionCommand({ ...web, family: 'api' }))
  const asc = await ecs.send(new ListTaskDefinitionsCommand({}))
  t.same(
    asc.taskDefinitionArns?.map(a => a.split('/')[1]),
    ['api:1', 'web:1', 'web:2'],
  )
  const desc = await ecs.send(new ListTaskDefinitionsCommand({ sort: 'DESC', familyPrefix: 'web' }))
  t.same(
    desc.taskDefinitionArns?.map(a => a.split('/')[1]),
    ['web:2', 'web:1'],
  )

  const gone = await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:2' }))
  t.equal(gone.taskDefinition?.status, 'INACTIVE')
  t.ok(gone.taskDefinition?.deregisteredAt instanceof Date)
  const twice = await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:2' }))
  t.equal(twice.taskDefinition?.status, 'INACTIVE')
  await t.rejects(
    ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web' })),
    ClientException,
  )
  await t.rejects(
    ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:9' })),
    ClientException,
  )
  t.equal(
    (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web' }))).taskDefinition
      ?.revision,
    1,
  )
  const inactive = await ecs.send(new ListTaskDefinitionsCommand({ status: 'INACTIVE' }))
  t.same(
    inactive.taskDefinitionArns?.map(a => a.split('/')[1]),
    ['web:2'],
  )

  await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'api:1' }))
  t.same((await ecs.send(new ListTaskDefinitionFamiliesCommand({}))).families, ['web'])
  t.same((await ecs.send(new ListTaskDefinitionFamiliesCommand({ status: 'INACTIVE' }))).families, [
    'api',
  ])
  t.same(
    (await ecs.send(new ListTaskDefinitionFamiliesCommand({ status: 'ALL', familyPrefix: 'w' })))
      .families,
    ['web'],
  )

  const deleted = await ecs.send(
    new DeleteTaskDefinitionsCommand({ taskDefinitions: ['web:2', 'web:1', 'nope:1', 'web'] }),
  )
  t.same(
    deleted.taskDefinitions?.map(d => d.status),
    ['DELETE_IN_PROGRESS'],
  )
  t.same(
    deleted.failures?.map(f => f.arn),
    ['arn:aws:ecs:us-east-1:000000000000:task-definition/web:1', 'nope:1', 'web'],
  )
  await t.rejects(
    ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:2' })),
    ClientException,
  )

  const third = await ecs.send(new RegisterTaskDefinitionCommand({ ...web, tags: undefined }))
  t.equal(third.taskDefinition?.revision, 3, 'revisions only go up, even past deleted ones')
})

t.test("ECS's checks answer the right exceptions", async t => {
  const server = await testServer(t)
  const ecs = client(server)
  const bad = await rawCall(server, 'RegisterTaskDefinition', {
    family: 'x',
    containerDefinitions: [
      { name: 'a', image: 'i', memory: 128 },
      { name: 'a', image: 'i', memory: 128 },
    ],
  })
  t.equal(bad.status, 400)
  t.match(bad.body['__type'], /ClientException|InvalidParameterException/)
  await t.rejects(
    ecs.send(new RegisterTaskDefinitionCommand({ ...web, tags: [{ key: 'aws:x', value: 'y' }] })),
    { name: 'InvalidParameterException' },
  )
})

t.test('pagination of revisions and families', async t => {
  const server = await testServer(t)
  const ecs = client(server)
  for (const family of ['a', 'b', 'c']) {
    for (let i = 0; i < 3; i++)
      await ecs.send(new RegisterTaskDefinitionCommand({ ...web, family, tags: undefined }))
  }
  for (const sort of ['ASC', 'DESC'] as const) {
    const seen: string[] = []
    let nextToken: string | undefined
    do {
      const page = await ecs.send(
        new ListTaskDefinitionsCommand({ maxResults: 4, nextToken, sort }),
      )
      seen.push(...(page.taskDefinitionArns ?? []).map(a => a.split('/')[1]!))
      nextToken = page.nextToken
    } while (nextToken)
    const asc = ['a:1', 'a:2', 'a:3', 'b:1', 'b:2', 'b:3', 'c:1', 'c:2', 'c:3']
    t.same(seen, sort === 'ASC' ? asc : [...asc].reverse(), sort)
  }
  const families: string[] = []
  let nextToken: string | undefined
  do {
    const page = await ecs.send(new ListTaskDefinitionFamiliesCommand({ maxResults: 2, nextToken }))
    families.push(...(page.families ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  t.same(families, ['a', 'b', 'c'])
  const first = await ecs.send(new ListTaskDefinitionsCommand({ maxResults: 1 }))
  await t.rejects(
    ecs.send(
      new ListTaskDefinitionsCommand({
        maxResults: 1,
        nextToken: first.nextToken,
        status: 'INACTIVE',
      }),
    ),
    { name: 'InvalidParameterException' },
    'a token is bound to its filters',
  )
})

t.test(
  'a family reference finds the latest ACTIVE revision past pages of INACTIVE ones',
  async t => {
    const server = await testServer(t)
    const call = async (op: string, input: object) => (await rawCall(server, op, input)).body
    for (let i = 0; i < 12; i++)
      await call('RegisterTaskDefinition', {
        family: 'deep',
        containerDefinitions: [{ name: 'a', image: 'busybox', memory: 32 }],
      })
    for (let revision = 2; revision <= 12; revision++)
      await call('DeregisterTaskDefinition', { taskDefinition: `deep:${revision}` })
    const found = await call('DescribeTaskDefinition', { taskDefinition: 'deep' })
    t.match(found['taskDefinition'], { revision: 1, status: 'ACTIVE' })
    await call('DeregisterTaskDefinition', { taskDefinition: 'deep:1' })
    const none = await call('DescribeTaskDefinition', { taskDefinition: 'deep' })
    t.equal(none['__type'], 'ClientException')
  },
)
