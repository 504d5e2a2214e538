/**
 * TypeScript shapes of the tfplugin6 messages as @grpc/proto-loader presents them with the options
 * in proto.ts (field names as in the .proto, enums as their names, int64 as numbers, bytes as
 * Buffers, defaults filled in). Only what the handlers read or write is declared.
 */

/** A value in msgpack (preferred) or JSON. */
export interface DynamicValueMsg {
  msgpack?: Uint8Array | null
  json?: Uint8Array | null
}

/** One step of an attribute path. */
export type AttributePathStepMsg =
  { attribute_name: string } | { element_key_string: string } | { element_key_int: number }

export interface AttributePathMsg {
  steps: AttributePathStepMsg[]
}

export interface DiagnosticMsg {
  severity: 'ERROR' | 'WARNING'
  summary: string
  detail: string
  attribute?: AttributePathMsg
}

export interface SchemaAttributeMsg {
  name: string
  type: Uint8Array
  description: string
  description_kind: 'PLAIN' | 'MARKDOWN'
  required: boolean
  optional: boolean
  computed: boolean
  sensitive: boolean
}

export interface SchemaBlockMsg {
  version: number
  attributes: SchemaAttributeMsg[]
  block_types: SchemaNestedBlockMsg[]
  description: string
  description_kind: 'PLAIN' | 'MARKDOWN'
}

export interface SchemaNestedBlockMsg {
  type_name: string
  block: SchemaBlockMsg
  nesting: 'SINGLE' | 'LIST' | 'SET'
  min_items: number
  max_items: number
}

export interface SchemaMsg {
  version: number
  block: SchemaBlockMsg
}

export interface ServerCapabilitiesMsg {
  plan_destroy: boolean
  get_provider_schema_optional: boolean
  move_resource_state: boolean
}

export interface GetProviderSchemaResponse {
  provider: SchemaMsg
  resource_schemas: Record<string, SchemaMsg>
  data_source_schemas: Record<string, SchemaMsg>
  diagnostics: DiagnosticMsg[]
  server_capabilities: ServerCapabilitiesMsg
}

export interface GetMetadataResponse {
  server_capabilities: ServerCapabilitiesMsg
  diagnostics: DiagnosticMsg[]
  resources: { type_name: string }[]
  data_sources: { type_name: string }[]
}

export interface ConfigRequest {
  type_name?: string
  config?: DynamicValueMsg | null
}

export interface ConfigureProviderRequest {
  terraform_version?: string
  config?: DynamicValueMsg | null
}

export interface DiagnosticsResponse {
  diagnostics: DiagnosticMsg[]
}

export interface UpgradeResourceStateRequest {
  type_name: string
  version: number
  raw_state?: { json?: Uint8Array | null; flatmap?: Record<string, string> } | null
}

export interface UpgradeResourceStateResponse {
  upgraded_state?: DynamicValueMsg
  diagnostics: DiagnosticMsg[]
}

export interface ReadResourceRequest {
  type_name: string
  current_state?: DynamicValueMsg | null
  private?: Uint8Array
}

export interface ReadResourceResponse {
  new_state?: DynamicValueMsg
  diagnostics: DiagnosticMsg[]
  private?: Uint8Array
}

export interface PlanResourceChangeRequest {
  type_name: string
  prior_state?: DynamicValueMsg | null
  proposed_new_state?: DynamicValueMsg | null
  config?: DynamicValueMsg | null
  prior_private?: Uint8Array
}

export interface PlanResourceChangeResponse {
  planned_state?: DynamicValueMsg
  requires_replace: AttributePathMsg[]
  planned_private?: Uint8Array
  diagnostics: DiagnosticMsg[]
}

export interface ApplyResourceChangeRequest {
  type_name: string
  prior_state?: DynamicValueMsg | null
  planned_state?: DynamicValueMsg | null
  config?: DynamicValueMsg | null
  planned_private?: Uint8Array
}

export interface ApplyResourceChangeResponse {
  new_state?: DynamicValueMsg
  private?: Uint8Array
  diagnostics: DiagnosticMsg[]
}

export interface ImportResourceStateRequest {
  type_name: string
  id: string
}

export interface ImportResourceStateResponse {
  imported_resources: { type_name: string; state: DynamicValueMsg; private?: Uint8Array }[]
  diagnostics: DiagnosticMsg[]
}

export interface ReadDataSourceRequest {
  type_name: string
  config?: DynamicValueMsg | null
}

export interface ReadDataSourceResponse {
  state?: DynamicValueMsg
  diagnostics: DiagnosticMsg[]
}

export interface StopProviderResponse {
  Error: string
}

/** The tfplugin6 RPCs this provider serves, by method name; each resolves its response. */
export interface ProviderRpcs {
  GetMetadata(request: object): Promise<GetMetadataResponse>
  GetProviderSchema(request: object): Promise<GetProviderSchemaResponse>
  ValidateProviderConfig(request: ConfigRequest): Promise<DiagnosticsResponse>
  ValidateResourceConfig(request: ConfigRequest): Promise<DiagnosticsResponse>
  ValidateDataResourceConfig(request: ConfigRequest): Promise<DiagnosticsResponse>
  ConfigureProvider(request: ConfigureProviderRequest): Promise<DiagnosticsResponse>
  UpgradeResourceState(request: UpgradeResourceStateRequest): Promise<UpgradeResourceStateResponse>
  ReadResource(request: ReadResourceRequest): Promise<ReadResourceResponse>
  PlanResourceChange(request: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse>
  ApplyResourceChange(request: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse>
  ImportResourceState(request: ImportResourceStateRequest): Promise<ImportResourceStateResponse>
  ReadDataSource(request: ReadDataSourceRequest): Promise<ReadDataSourceResponse>
  StopProvider(request: object): Promise<StopProviderResponse>
}
