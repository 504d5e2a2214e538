/**
 * EC2 instance identity over IMDSv2: a session token (`PUT /latest/api/token`), then the signed
 * instance identity document. Off EC2 nothing answers, so every call has a short deadline and a
 * failure means "not on EC2" (undefined), never an error. The endpoint is configurable
 * (`--metadata-endpoint`, default `http://169.254.169.254`) so tests serve a fake one on loopback.
 */

export const DEFAULT_METADATA_ENDPOINT = 'http://169.254.169.254'

/** What registration takes from the metadata service. */
export interface InstanceIdentity {
  /** The document as served (JSON text), sent as `instanceIdentityDocument`. */
  readonly document: string
  readonly signature: string
  readonly instanceType?: string
  readonly availabilityZone?: string
}

/** Reads the identity; undefined when no metadata service answers within `timeoutMs`. */
export async function instanceIdentity(
  endpoint: string = DEFAULT_METADATA_ENDPOINT,
  timeoutMs = 1000,
): Promise<InstanceIdentity | undefined> {
  const base = endpoint.replace(/\/$/, '')
  const call = async (path: string, init: RequestInit): Promise<string> => {
    const answer = await fetch(`${base}${path}`, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!answer.ok) throw new Error(`${path}: HTTP ${String(answer.status)}`)
    return answer.text()
  }
  try {
    const token = await call('/latest/api/token', {
      method: 'PUT',
      headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' },
    })
    const headers = { 'X-aws-ec2-metadata-token': token }
    const document = await call('/latest/dynamic/instance-identity/document', { headers })
    const signature = await call('/latest/dynamic/instance-identity/signature', { headers })
    const parsed = JSON.parse(document) as { instanceType?: unknown; availabilityZone?: unknown }
    return {
      document,
      signature,
      ...(typeof parsed.instanceType === 'string' ? { instanceType: parsed.instanceType } : {}),
      ...(typeof parsed.availabilityZone === 'string'
        ? { availabilityZone: parsed.availabilityZone }
        : {}),
    }
  } catch {
    return undefined
  }
}
