import t from 'tap'
import type { RegisterTaskDefinitionRequest } from '@quayside/openapi/types'
import { requiresAttributes } from '../../src/task-definitions/index.js'
import { container, definition } from './fixtures/definitions.js'

const L = 'com.amazonaws.ecs.capability.'
const E = 'ecs.capability.'
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1'

const cases: [string, { given: RegisterTaskDefinitionRequest; want: string[] }][] = [
  ['plain container needs nothing', { given: definition(), want: [] }],
  [
    'dockerLabels',
    {
      given: definition({}, container({ dockerLabels: { a: 'b' } })),
      want: [`${L}docker-remote-api.1.18`],
    },
  ],
  [
    'ulimits',
    {
      given: definition(
        {},
        container({ ulimits: [{ name: 'nofile', softLimit: 1, hardLimit: 2 }] }),
      ),
      want: [`${L}docker-remote-api.1.18`],
    },
  ],
  [
    'json-file logs',
    {
      given: definition({}, container({ logConfiguration: { logDriver: 'json-file' } })),
      want: [`${L}docker-remote-api.1.18`, `${L}logging-driver.json-file`],
    },
  ],
  [
    'awslogs with an execution role',
    {
      given: definition(
        { executionRoleArn: 'arn:aws:iam::1:role/x' },
        container({
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } },
        }),
      ),
      want: [
        `${L}docker-remote-api.1.18`,
        `${L}docker-remote-api.1.19`,
        `${L}logging-driver.awslogs`,
        `${E}execution-role-awslogs`,
      ],
    },
  ],
  [
    'awslogs without a role',
    {
      given: definition({}, container({ logConfiguration: { logDriver: 'awslogs' } })),
      want: [
        `${L}docker-remote-api.1.18`,
        `${L}docker-remote-api.1.19`,
        `${L}logging-driver.awslogs`,
      ],
    },
  ],
  [
    'log secrets from SSM and Secrets Manager',
    {
      given: definition(
        {},
        container({
          logConfiguration: {
            logDriver: 'splunk',
            secretOptions: [
              { name: 'a', valueFrom: 'arn:aws:ssm:us-east-1:1:parameter/x' },
              { name: 'b', valueFrom: 'arn:aws:secretsmanager:us-east-1:1:secret:y' },
            ],
          },
        }),
      ),
      want: [
        `${L}docker-remote-api.1.18`,
        `${L}logging-driver.splunk`,
        `${E}secrets.asm.bootstrap.log-driver`,
        `${E}secrets.ssm.bootstrap.log-driver`,
      ],
    },
  ],
  [
    'memoryReservation',
    {
      given: definition({}, container({ memoryReservation: 64 })),
      want: [`${L}docker-remote-api.1.21`],
    },
  ],
  [
    'healthCheck',
    {
      given: definition({}, container({ healthCheck: { command: ['CMD', 'true'] } })),
      want: [`${L}docker-remote-api.1.24`, `${E}container-health-check`],
    },
  ],
  [
    'init process',
    {
      given: definition({}, container({ linuxParameters: { initProcessEnabled: true } })),
      want: [`${L}docker-remote-api.1.25`],
    },
  ],
  [
    'init process off',
    {
      given: definition({}, container({ linuxParameters: { initProcessEnabled: false } })),
      want: [],
    },
  ],
  [
    'privileged',
    { given: definition({}, container({ privileged: true })), want: [`${L}privileged-container`] },
  ],
  ['not privileged', { given: definition({}, container({ privileged: false })), want: [] }],
  ['ECR image', { given: definition({}, container({ image: ECR })), want: [`${L}ecr-auth`] }],
  [
    'ECR image with an execution role',
    {
      given: definition({ executionRoleArn: 'arn:aws:iam::1:role/x' }, container({ image: ECR })),
      want: [`${L}ecr-auth`, `${E}execution-role-ecr-pull`],
    },
  ],
  [
    'execution role alone',
    { given: definition({ executionRoleArn: 'arn:aws:iam::1:role/x' }), want: [] },
  ],
  [
    'task role',
    { given: definition({ taskRoleArn: 'arn:aws:iam::1:role/t' }), want: [`${L}task-iam-role`] },
  ],
  [
    'task role in host mode',
    {
      given: definition({ taskRoleArn: 'arn:aws:iam::1:role/t', networkMode: 'host' }),
      want: [`${L}task-iam-role`, `${L}task-iam-role-network-host`],
    },
  ],
  ['awsvpc', { given: definition({ networkMode: 'awsvpc' }), want: [`${E}task-eni`] }],
  [
    'dependsOn',
    {
      given: definition(
        {},
        container({ dependsOn: [{ containerName: 'b', condition: 'START' }] }),
        container({ name: 'b' }),
      ),
      want: [`${E}container-ordering`],
    },
  ],
  ['empty dependsOn', { given: definition({}, container({ dependsOn: [] })), want: [] }],
  ['pidMode', { given: definition({ pidMode: 'task' }), want: [`${E}pid-ipc-namespace-sharing`] }],
  ['ipcMode', { given: definition({ ipcMode: 'host' }), want: [`${E}pid-ipc-namespace-sharing`] }],
  [
    'secrets',
    {
      given: definition(
        {},
        container({
          secrets: [
            { name: 'A', valueFrom: 'arn:aws:ssm:us-east-1:1:parameter/a' },
            { name: 'B', valueFrom: 'arn:aws:secretsmanager:us-east-1:1:secret:b' },
          ],
        }),
      ),
      want: [`${E}secrets.asm.environment-variables`, `${E}secrets.ssm.environment-variables`],
    },
  ],
  [
    'bare SSM parameter name',
    {
      given: definition({}, container({ secrets: [{ name: 'A', valueFrom: 'my-param' }] })),
      want: [`${E}secrets.ssm.environment-variables`],
    },
  ],
  [
    'repositoryCredentials',
    {
      given: definition(
        {},
        container({ repositoryCredentials: { credentialsParameter: 'arn:x' } }),
      ),
      want: [`${E}private-registry-authentication.secretsmanager`],
    },
  ],
  [
    'environmentFiles',
    {
      given: definition(
        {},
        container({ environmentFiles: [{ value: 'arn:aws:s3:::b/e.env', type: 's3' }] }),
      ),
      want: [`${E}env-files.s3`],
    },
  ],
  [
    'empty environmentFiles',
    { given: definition({}, container({ environmentFiles: [] })), want: [] },
  ],
  [
    'firelens',
    {
      given: definition({}, container({ firelensConfiguration: { type: 'fluentbit' } })),
      want: [`${E}firelens.fluentbit`],
    },
  ],
  [
    'restart policy',
    {
      given: definition({}, container({ restartPolicy: { enabled: true } })),
      want: [`${E}container-restart-policy`],
    },
  ],
  [
    'restart policy off',
    { given: definition({}, container({ restartPolicy: { enabled: false } })), want: [] },
  ],
  [
    'port range',
    {
      given: definition({}, container({ portMappings: [{ containerPortRange: '1000-1001' }] })),
      want: [`${E}network.container-port-range`],
    },
  ],
  [
    'single ports',
    { given: definition({}, container({ portMappings: [{ containerPort: 80 }] })), want: [] },
  ],
  [
    'efs',
    {
      given: definition({
        volumes: [{ name: 'v', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }],
      }),
      want: [`${E}efs`],
    },
  ],
  [
    'efs with authorization',
    {
      given: definition({
        volumes: [
          {
            name: 'v',
            efsVolumeConfiguration: {
              fileSystemId: 'fs-1',
              authorizationConfig: { iam: 'ENABLED' },
            },
          },
        ],
      }),
      want: [`${E}efs`, `${E}efsAuth`],
    },
  ],
  [
    'docker plugin',
    {
      given: definition({
        volumes: [{ name: 'v', dockerVolumeConfiguration: { driver: 'rexray/ebs' } }],
      }),
      want: [`${E}docker-plugin.rexray/ebs`],
    },
  ],
  [
    'local docker volume',
    {
      given: definition({
        volumes: [{ name: 'v', dockerVolumeConfiguration: { driver: 'local' } }],
      }),
      want: [],
    },
  ],
  [
    'docker volume, default driver',
    {
      given: definition({ volumes: [{ name: 'v', dockerVolumeConfiguration: { scope: 'task' } }] }),
      want: [],
    },
  ],
  [
    'shared by two containers, listed once',
    {
      given: definition(
        {},
        container({ privileged: true }),
        container({ name: 'b', privileged: true }),
      ),
      want: [`${L}privileged-container`],
    },
  ],
]

t.test('requiresAttributes', t => {
  for (const [name, { given, want }] of cases) {
    t.same(
      requiresAttributes(given),
      want.map(n => ({ name: n })),
      name,
    )
  }
  t.end()
})
