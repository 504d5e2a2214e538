/**
 * The policies a credentials entry may name instead of writing one out: `"policy": "agent"` or
 * `"policy": "admin"`.
 *
 * `agent` is what ECS's managed `AmazonEC2ContainerServiceforEC2Role` grants a container
 * instance (registration, the channel, state reports, its logs), plus `ecs:DescribeTaskDefinition`,
 * which quayside's agent reads because its channel carries tasks without their definitions. The
 * managed role lets `ecs:TagResource` through only for tags set while creating a cluster or
 * registering an instance (a condition on `ecs:CreateAction`); conditions are not evaluated here,
 * so the statement names container instance ARNs instead. A host's key thus cannot run, start or
 * stop tasks, describe or list anything of other hosts, or change services.
 *
 * `admin` allows every action on every resource: what a key without a policy may do.
 */
import type { PolicyDocument } from './policy.js'

/** Names of the built-in policies. */
export type BuiltinPolicyName = 'agent' | 'admin'

export const BUILTIN_POLICIES: Readonly<Record<BuiltinPolicyName, PolicyDocument>> = {
  agent: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ContainerInstance',
        Effect: 'Allow',
        Action: [
          'ecs:CreateCluster',
          'ecs:DeregisterContainerInstance',
          'ecs:DiscoverPollEndpoint',
          'ecs:Poll',
          'ecs:RegisterContainerInstance',
          'ecs:StartTelemetrySession',
          'ecs:UpdateContainerInstancesState',
          'ecs:Submit*',
          'ecs:DescribeTaskDefinition',
          'ecr:GetAuthorizationToken',
          'ecr:BatchCheckLayerAvailability',
          'ecr:GetDownloadUrlForLayer',
          'ecr:BatchGetImage',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
        ],
        Resource: '*',
      },
      {
        Sid: 'TagOwnInstance',
        Effect: 'Allow',
        Action: 'ecs:TagResource',
        Resource: 'arn:aws:ecs:*:*:container-instance/*',
      },
    ],
  },
  admin: {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }],
  },
}

/** True for a name of {@link BUILTIN_POLICIES}. */
export const isBuiltinPolicy = (name: unknown): name is BuiltinPolicyName =>
  name === 'agent' || name === 'admin'
