/**
 * @quayside/openapi/agent-protocol: the agent channel's contract, shared by the server and the
 * agent (server/docs/agent-protocol.md): the type of every frame, the task shape a payload
 * carries (the spec's `Task`), and the helpers that encode and parse frames. Loading it does not
 * load the spec.
 */
export type {
  AckMessage,
  AgentFrame,
  ContainerHealth,
  ContainerSecrets,
  DesiredStatus,
  ErrorMessage,
  Frame,
  FrameType,
  HeartbeatMessage,
  IAMRoleCredentialsMessage,
  IAMRoleCredentialsRequest,
  LogEvent,
  LogEventsAck,
  LogEventsMessage,
  PayloadMessage,
  PayloadTask,
  PublishHealthRequest,
  RoleCredentials,
  ServerFrame,
  TaskListRequest,
  TaskSecretsMessage,
  TaskSecretsRequest,
} from './frames.js'
export {
  encodeFrame,
  encodePayload,
  parseAgentFrame,
  parseServerFrame,
  payloadTask,
} from './codec.js'
