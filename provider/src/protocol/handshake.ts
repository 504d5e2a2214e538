/**
 * go-plugin's handshake, as pure functions. Terraform starts a provider with a magic cookie in the
 * environment (a guard against running plugins by hand), the protocol versions it speaks, and its
 * client certificate; the provider answers with exactly one stdout line saying where it listens:
 * `<core version>|<app protocol version>|<network>|<address>|grpc|<server cert>`.
 */

/** The variable go-plugin puts the cookie in, and the value Terraform (and OpenTofu) use. */
export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE'
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2'

/** The plugin protocol version this provider speaks (tfplugin6). */
export const PROTOCOL_VERSION = 6

/** Printed (on stderr) when someone runs the executable by hand. */
export const NOT_A_PLUGIN_MESSAGE = [
  'terraform-provider-quayside is a Terraform plugin: Terraform starts it, it is not run by hand.',
  'Install it with `npm run provider:install` and use it from a Terraform configuration',
  '(see provider/README.md).',
  '',
].join('\n')

/** The outcome of {@link checkHandshake}. */
export type HandshakeCheck =
  | { readonly ok: true; readonly clientCert: string | undefined }
  | { readonly ok: false; readonly message: string }

/** Whether the environment is Terraform's, and with what client certificate. */
export function checkHandshake(env: NodeJS.ProcessEnv): HandshakeCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE)
    return { ok: false, message: NOT_A_PLUGIN_MESSAGE }
  const versions = env['PLUGIN_PROTOCOL_VERSIONS']
  if (versions !== undefined && versions !== '') {
    const offered = versions.split(',').map(v => v.trim())
    if (!offered.includes(String(PROTOCOL_VERSION))) {
      return {
        ok: false,
        message: `terraform-provider-quayside speaks plugin protocol ${PROTOCOL_VERSION}; Terraform offered ${versions}.\n`,
      }
    }
  }
  const cert = env['PLUGIN_CLIENT_CERT']
  return { ok: true, clientCert: cert === undefined || cert === '' ? undefined : cert }
}

/** The base64 of a PEM certificate's DER bytes, without padding (as go-plugin expects). */
export function certificateLineValue(certPem: string): string {
  const body = certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
  return Buffer.from(body, 'base64').toString('base64').replace(/=+$/, '')
}

/** The one stdout line; `certificate` is absent when Terraform did not ask for mTLS. */
export function handshakeLine(socketPath: string, certificate?: string): string {
  const parts = ['1', String(PROTOCOL_VERSION), 'unix', socketPath, 'grpc']
  if (certificate !== undefined) parts.push(certificate)
  return parts.join('|')
}
