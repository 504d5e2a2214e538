import { ClientException, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs'
import t from 'tap'
import { refusal } from '../fixtures/refusal.js'
import { client, testServer } from '../fixtures/server.js'

t.test('pidMode host is not for Fargate', async t => {
  const ecs = client(await testServer(t))
  const fargate = {
    family: 'pid',
    networkMode: 'awsvpc' as const,
    cpu: '256',
    memory: '512',
    pidMode: 'host' as const,
    containerDefinitions: [{ name: 'app', image: 'nginx' }],
  }
  const error = await refusal(
    ecs.send(
      new RegisterTaskDefinitionCommand({ ...fargate, requiresCompatibilities: ['FARGATE'] }),
    ),
  )
  t.type(error, ClientException)
  t.equal(
    error.message,
    "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'.",
  )
  const ec2 = await ecs.send(new RegisterTaskDefinitionCommand(fargate))
  t.same(ec2.taskDefinition?.compatibilities, ['EC2', 'EXTERNAL'], 'without FARGATE')
})

t.test('an EFS volume mounts the file system root by default', async t => {
  const ecs = client(await testServer(t))
  const efs = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'efs',
      containerDefinitions: [{ name: 'app', image: 'nginx', memory: 64 }],
      volumes: [{ name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-12345678' } }],
    }),
  )
  t.same(efs.taskDefinition?.volumes, [
    { name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', rootDirectory: '/' } },
  ])
})

t.test('a task definition over 64 KiB is a ClientException naming its length', async t => {
  const ecs = client(await testServer(t))
  const environment = Array.from({ length: 10_000 }, (_, i) => ({
    name: `VARIABLE_${String(i)}`,
    value: 'v'.repeat(12),
  }))
  const input = {
    family: 'huge',
    containerDefinitions: [{ name: 'app', image: 'nginx', memory: 64, environment }],
  }
  const bytes = Buffer.byteLength(JSON.stringify(input))
  t.ok(bytes > 400_000, `the definition is ${String(bytes)} bytes`)
  const error = await refusal(ecs.send(new RegisterTaskDefinitionCommand(input)))
  t.type(error, ClientException)
  t.equal(error.message, `Actual length: '${String(bytes)}'. Max allowed length is '65536' bytes.`)
  const fits = await ecs.send(
    new RegisterTaskDefinitionCommand({
      ...input,
      containerDefinitions: [
        { ...input.containerDefinitions[0]!, environment: environment.slice(0, 1000) },
      ],
    }),
  )
  t.equal(fits.taskDefinition?.revision, 1, 'a definition of about 40 KB is accepted')
})

t.test('at most 10 containers per task definition', async t => {
  const ecs = client(await testServer(t))
  const containers = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `c${String(i)}`, image: 'nginx', memory: 16 }))
  const error = await refusal(
    ecs.send(
      new RegisterTaskDefinitionCommand({ family: 'many', containerDefinitions: containers(11) }),
    ),
  )
  t.type(error, ClientException)
  t.equal(error.message, 'Too many containers.')
  const ten = await ecs.send(
    new RegisterTaskDefinitionCommand({ family: 'many', containerDefinitions: containers(10) }),
  )
  t.equal(ten.taskDefinition?.containerDefinitions?.length, 10)
})
