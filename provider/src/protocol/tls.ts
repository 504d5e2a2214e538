/**
 * AutoMTLS: the server side of go-plugin's mutual TLS. The provider makes a fresh self-signed
 * certificate for every process (SAN DNS:localhost, the name Terraform dials), announces it in the
 * handshake line, and trusts exactly the client certificate Terraform passed in PLUGIN_CLIENT_CERT.
 */
import { ServerCredentials } from '@grpc/grpc-js'
import { generate } from 'selfsigned'

/** A server certificate and its key, both PEM. */
export interface ServerIdentity {
  readonly certPem: string
  readonly keyPem: string
}

/** Creates a self-signed ECDSA P-256 certificate for localhost, valid from a minute ago for a year. */
export async function createServerIdentity(now = new Date()): Promise<ServerIdentity> {
  const notBefore = new Date(now.getTime() - 60_000)
  const notAfter = new Date(now.getTime() + 365 * 24 * 3600_000)
  const pems = await generate(
    [
      { name: 'commonName', value: 'localhost' },
      { name: 'organizationName', value: 'quayside terraform provider' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      extensions: [
        // Terraform puts this very certificate in its root pool, so it is its own CA
        { name: 'basicConstraints', cA: true, critical: true },
        {
          name: 'keyUsage',
          digitalSignature: true,
          keyEncipherment: true,
          keyCertSign: true,
          critical: true,
        },
        { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] },
      ],
    },
  )
  return { certPem: pems.cert, keyPem: pems.private }
}

/** Server credentials that require a client certificate and trust only `clientCertPem`. */
export function mutualTlsCredentials(
  identity: ServerIdentity,
  clientCertPem: string,
): ServerCredentials {
  return ServerCredentials.createSsl(
    Buffer.from(clientCertPem),
    [{ private_key: Buffer.from(identity.keyPem), cert_chain: Buffer.from(identity.certPem) }],
    true,
  )
}
