/**
 * Where the awslogs log driver sends a container's output, from the container definition's
 * `logConfiguration.options`, named as ECS names it: group `awslogs-group`, stream
 * `<awslogs-stream-prefix>/<container name>/<task id>`, or the Docker container id when no
 * prefix is given (ECS on EC2 without a prefix). `awslogs-create-group: "true"` lets the driver
 * create a missing group; otherwise a missing group is an error, as for ECS's driver.
 */
import { logsErrors as errors } from '../errors.js'

/** A container's awslogs destination. */
export interface AwslogsDestination {
  readonly logGroupName: string
  readonly logStreamName: string
  readonly createGroup: boolean
}

/** What names a container's stream. */
export interface AwslogsContainer {
  readonly options: Readonly<Record<string, string>>
  readonly containerName: string
  /** The task ARN (`.../task/<cluster>/<id>`) or its id. */
  readonly taskArn: string
  readonly runtimeId: string
}

/** The destination of `container`; InvalidParameterException when `awslogs-group` is missing. */
export function awslogsDestination(container: AwslogsContainer): AwslogsDestination {
  const group = container.options['awslogs-group']
  if (group === undefined || group === '')
    throw errors.invalidParameter('The awslogs log driver needs the option awslogs-group.')
  const prefix = container.options['awslogs-stream-prefix']
  const taskId = container.taskArn.slice(container.taskArn.lastIndexOf('/') + 1)
  return {
    logGroupName: group,
    logStreamName:
      prefix === undefined || prefix === ''
        ? container.runtimeId
        : `${prefix}/${container.containerName}/${taskId}`,
    createGroup: container.options['awslogs-create-group'] === 'true',
  }
}
