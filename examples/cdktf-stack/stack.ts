/**
 * The example stack: a quayside provider, a cluster, a task definition running busybox's httpd,
 * and a service keeping one copy of it, written with the generated @quayside/cdktf constructs.
 * The same resources as examples/terraform/main.tf, in TypeScript.
 */
import { cluster, provider, service, taskDefinition } from '@quayside/cdktf'
import { LocalBackend, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf'
import type { Construct } from 'constructs'

/** The name the stack synthesizes under: cdktf.out/stacks/quayside-example/cdk.tf.json. */
export const STACK_NAME = 'quayside-example'

/** A variable that may stay unset: the provider then reads its environment variable instead. */
function optional(scope: Construct, name: string, description: string, sensitive = false) {
  return new TerraformVariable(scope, name, {
    type: 'string',
    description,
    default: Token.nullValue(),
    nullable: true,
    sensitive,
  })
}

export class ExampleStack extends TerraformStack {
  constructor(scope: Construct, name: string) {
    super(scope, name)
    // state beside cdk.tf.json, wherever terraform runs it (the default path is absolute)
    new LocalBackend(this, { path: 'terraform.tfstate' })

    const endpoint = optional(
      this,
      'endpoint',
      'URL of the quayside server; unset: AWS_ENDPOINT_URL_ECS or AWS_ENDPOINT_URL.',
    )
    const accessKey = optional(this, 'access_key', 'Access key ID; unset: AWS_ACCESS_KEY_ID.')
    const secretKey = optional(
      this,
      'secret_key',
      'Secret access key; unset: AWS_SECRET_ACCESS_KEY.',
      true,
    )
    new provider.QuaysideProvider(this, 'quayside', {
      endpoint: endpoint.stringValue,
      accessKey: accessKey.stringValue,
      secretKey: secretKey.stringValue,
      region: 'us-east-1',
    })

    const main = new cluster.Cluster(this, 'main', {
      name: 'cdktf-example',
      tags: { project: 'quayside-cdktf-example' },
    })

    const web = new taskDefinition.TaskDefinition(this, 'web', {
      family: 'cdktf-example-web',
      networkMode: 'bridge',
      memory: '128',
      containerDefinitions: JSON.stringify([
        {
          name: 'web',
          image: 'quayside/busybox:test',
          command: ['httpd', '-f', '-v', '-p', '8080'],
          essential: true,
          portMappings: [{ containerPort: 8080, hostPort: 0, protocol: 'tcp' }],
        },
      ]),
    })

    const webService = new service.Service(this, 'web-service', {
      name: 'web',
      cluster: main.arn,
      taskDefinition: web.arn,
      desiredCount: 1,
    })

    new TerraformOutput(this, 'cluster_arn', { value: main.arn })
    new TerraformOutput(this, 'task_definition_arn', { value: web.arn })
    new TerraformOutput(this, 'service_arn', { value: webService.arn })
  }
}
