/**
 * The APIs this package describes: ECS (every operation of its model) and the neighbouring AWS
 * APIs quayside also serves (only the operations it serves). Each entry says where its pinned
 * model and overlays live and where its spec and types are written; the generator is one code
 * path parametrised by these entries (src/generate.ts, scripts/generate.ts).
 */

/** The id of an API: its folder under model/ and overlays/, and its file names. */
export type ApiId = 'ecs' | 'ssm' | 'secretsmanager' | 'logs'

/** One API the generator writes a document for. */
export interface ApiDefinition {
  readonly id: ApiId
  /** The document's `info.title`. */
  readonly title: string
  /** The document's `info.summary`. */
  readonly summary: string
  /** The pinned model's folder, relative to openapi/ (service-2.json, paginators-1.json, ...). */
  readonly modelDir: string
  /** The overlays' folder, relative to openapi/ (summaries.json). */
  readonly overlaysDir: string
  /** The botocore data folder it is pinned from (`data/<service>/<version>`). */
  readonly botocoreDir: string
  /** The spec's file name under openapi/generated/. */
  readonly specFile: string
  /** The folder of its types entry's files, relative to openapi/. */
  readonly typesDir: string
  /** The model's service fault: every operation's HTTP 500 answer. */
  readonly serverFault: string
  /** The operations described; absent: every operation of the model. */
  readonly operations?: readonly string[]
}

export const ECS_API: ApiDefinition = {
  id: 'ecs',
  title: 'Amazon ECS API (quayside)',
  summary: 'The Amazon Elastic Container Service API, as served by quayside.',
  modelDir: 'model',
  overlaysDir: 'overlays',
  botocoreDir: 'ecs/2014-11-13',
  specFile: 'ecs.openapi.json',
  typesDir: 'src/generated',
  serverFault: 'ServerException',
}

export const SSM_API: ApiDefinition = {
  id: 'ssm',
  title: 'AWS Systems Manager Parameter Store API (quayside)',
  summary: 'The Parameter Store operations of AWS Systems Manager that quayside serves.',
  modelDir: 'model/ssm',
  overlaysDir: 'overlays/ssm',
  botocoreDir: 'ssm/2014-11-06',
  specFile: 'ssm.openapi.json',
  typesDir: 'src/generated/ssm',
  serverFault: 'InternalServerError',
  operations: [
    'DeleteParameter',
    'DescribeParameters',
    'GetParameter',
    'GetParameters',
    'GetParametersByPath',
    'PutParameter',
  ],
}

export const SECRETS_MANAGER_API: ApiDefinition = {
  id: 'secretsmanager',
  title: 'AWS Secrets Manager API (quayside)',
  summary: 'The AWS Secrets Manager operations that quayside serves.',
  modelDir: 'model/secretsmanager',
  overlaysDir: 'overlays/secretsmanager',
  botocoreDir: 'secretsmanager/2017-10-17',
  specFile: 'secretsmanager.openapi.json',
  typesDir: 'src/generated/secretsmanager',
  serverFault: 'InternalServiceError',
  operations: [
    'CreateSecret',
    'DeleteSecret',
    'DescribeSecret',
    'GetSecretValue',
    'ListSecrets',
    'PutSecretValue',
  ],
}

export const LOGS_API: ApiDefinition = {
  id: 'logs',
  title: 'Amazon CloudWatch Logs API (quayside)',
  summary: 'The Amazon CloudWatch Logs operations that quayside serves.',
  modelDir: 'model/logs',
  overlaysDir: 'overlays/logs',
  botocoreDir: 'logs/2014-03-28',
  specFile: 'logs.openapi.json',
  typesDir: 'src/generated/logs',
  serverFault: 'ServiceUnavailableException',
  operations: [
    'CreateLogGroup',
    'CreateLogStream',
    'DeleteLogGroup',
    'DescribeLogGroups',
    'DescribeLogStreams',
    'FilterLogEvents',
    'GetLogEvents',
    'PutLogEvents',
    'PutRetentionPolicy',
  ],
}

/** Every API, ECS first: the order `npm run generate` writes them in. */
export const APIS: readonly ApiDefinition[] = [ECS_API, SSM_API, SECRETS_MANAGER_API, LOGS_API]

/** Each API's definition by its id. */
export const API_BY_ID: Readonly<Record<ApiId, ApiDefinition>> = {
  ecs: ECS_API,
  ssm: SSM_API,
  secretsmanager: SECRETS_MANAGER_API,
  logs: LOGS_API,
}
