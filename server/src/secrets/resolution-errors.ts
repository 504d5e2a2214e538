/**
 * The reasons a task stops with when its secrets or registry credentials cannot be read, in
 * ECS's wording (the agent's `ResourceInitializationError`), so a user's searches find them.
 */
const PREFIX =
  'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:'

export const resolutionErrors = {
  ssmParameters: (names: readonly string[]) =>
    `${PREFIX} unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: ${names.join(' ')}`,
  secret: (secretId: string, cause: string) =>
    `${PREFIX} unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${secretId} from secrets manager: ${cause}`,
  jsonKey: (secretId: string, key: string) =>
    `${PREFIX} unable to retrieve secret from asm: retrieved secret from Secrets Manager did not contain json key ${key} (secret ${secretId})`,
  malformed: (valueFrom: string) =>
    `${PREFIX} the valueFrom ${valueFrom} names neither an SSM parameter nor a Secrets Manager secret`,
  registryAuth: (secretId: string) =>
    `${PREFIX} unable to retrieve registry auth from asm: the secret ${secretId} is not JSON with "username" and "password"`,
} as const
