import { parseBootstrapToken } from './bootstrap-token.js'
import { caCertHash } from './ca-cert-hash.js'

/** What a `kubeadm join` asks for: the API endpoint, the token and the CA pins it was given. */
export interface JoinRequest {
  /** `host:port` of the API server, as given on the command line. */
  endpoint: string
  token: string
  caCertHashes: string[]
  /** `--discovery-token-unsafe-skip-ca-verification`. */
  unsafeSkipCAVerification?: boolean
  now: Date | string
}

/** What the cluster knows: its bootstrap tokens and its CA certificate. */
export interface ClusterJoinInfo {
  /** `expires` unset means the token never expires (TTL 0). */
  tokens: { token: string; expires?: Date | string }[]
  caCertPem: string
}

/** Why a join was refused. */
export type JoinRefusal =
  | 'invalid-join-configuration'
  | 'invalid-ca-cert-hash'
  | 'unknown-token'
  | 'expired-token'
  | 'token-signature-mismatch'
  | 'ca-cert-hash-mismatch'

/** A refused `kubeadm join`; the message is what kubeadm 1.11 prints for it. */
export class JoinRefusedError extends Error {
  /** Why the join was refused. */
  readonly reason: JoinRefusal

  constructor(reason: JoinRefusal, message: string) {
    super(message)
    this.name = 'JoinRefusedError'
    this.reason = reason
  }
}

/**
 * Throws a JoinRefusedError, with kubeadm 1.11's text, unless a worker may join with this request:
 * the token must be well formed, known and unexpired, and the first CA pin must match the CA.
 *
 * The real kubeadm retries discovery failures (unknown token, bad signature, CA not pinned) until
 * its 5-minute discovery timeout, printing the same `[discovery] Failed to connect…` line each
 * time; the emulation refuses at the first attempt with that line.
 */
export function validateJoin(req: JoinRequest, known: ClusterJoinInfo): void {
  const invalid = configurationErrors(req)
  if (invalid.length > 0) {
    // utilerrors.NewAggregate prints one error bare and several as "[a, b]".
    const message = invalid.length === 1 ? invalid[0]! : `[${invalid.join(', ')}]`
    throw new JoinRefusedError('invalid-join-configuration', message)
  }
  const pinProblem = firstPinProblem(req.caCertHashes)
  if (pinProblem !== undefined) {
    throw new JoinRefusedError(
      'invalid-ca-cert-hash',
      `couldn't validate the identity of the API Server: ${pinProblem}`
    )
  }
  const discovery = (reason: JoinRefusal, text: string): never => {
    throw new JoinRefusedError(
      reason,
      `[discovery] Failed to connect to API Server ${JSON.stringify(req.endpoint)}: ${text}`
    )
  }
  const { id, secret } = parseBootstrapToken(req.token)!
  const match = known.tokens.find((t) => parseBootstrapToken(t.token)?.id === id)
  // The token cleaner deletes expired tokens and the signer drops their signature, so kubeadm
  // cannot tell an expired token from an unknown one.
  const expired =
    match?.expires !== undefined && new Date(req.now).getTime() > new Date(match.expires).getTime()
  if (!match || expired) {
    discovery(
      expired ? 'expired-token' : 'unknown-token',
      `token id "${id}" is invalid for this cluster or it has expired. Use "kubeadm token create" on the master node to creating a new valid token`
    )
  }
  if (parseBootstrapToken(match!.token)!.secret !== secret) {
    discovery(
      'token-signature-mismatch',
      "failed to verify JWS signature of received cluster info object, can't trust this API Server"
    )
  }
  const [pin] = req.caCertHashes
  if (pin === undefined) return
  const actual = caCertHash(known.caCertPem)
  if (pin.split(':')[1]!.toLowerCase() !== actual.slice('sha256:'.length)) {
    discovery(
      'ca-cert-hash-mismatch',
      `cluster CA found in cluster-info configmap is invalid: public key ${actual} not pinned`
    )
  }
}

// ValidateNodeConfiguration of kubeadm 1.11: --token sets both the discovery and TLS bootstrap
// tokens, so a malformed one is reported twice.
function configurationErrors(req: JoinRequest): string[] {
  const errors: string[] = []
  const invalid = (field: string, value: string, detail: string): void =>
    void errors.push(`${field}: Invalid value: ${JSON.stringify(value)}: ${detail}`)
  const tokenOk = parseBootstrapToken(req.token) !== undefined
  if (!tokenOk) invalid('discoveryToken', req.token, 'the bootstrap token is invalid')
  if (req.endpoint === '')
    errors.push('discovery: Required value: discoveryTokenAPIServers not set')
  if (req.caCertHashes.length === 0 && !req.unsafeSkipCAVerification) {
    invalid(
      'discovery',
      '',
      'using token-based discovery without discoveryTokenCACertHashes can be unsafe. set --discovery-token-unsafe-skip-ca-verification to continue'
    )
  }
  if (!tokenOk) invalid('tlsBootstrapToken', req.token, 'the bootstrap token is invalid')
  if (req.endpoint !== '' && !req.endpoint.includes(':')) {
    invalid(
      'discoveryTokenAPIServers',
      req.endpoint,
      `address ${req.endpoint}: missing port in address`
    )
  }
  return errors
}

// pubkeypin.Set.Allow of kubeadm 1.11 returns after the first hash, so only the first is checked
// (and only the first is pinned: kubernetes/kubeadm#2471, fixed in 1.21).
function firstPinProblem(hashes: string[]): string | undefined {
  const [first] = hashes
  if (first === undefined) return undefined
  const parts = first.split(':')
  if (parts.length !== 2) return 'invalid public key hash, expected "format:value"'
  const [format, value] = parts as [string, string]
  if (format.toLowerCase() !== 'sha256') return `unknown hash format ${JSON.stringify(format)}`
  if (Math.floor(value.length / 2) !== 32) {
    return `expected a 32 byte SHA-256 hash, found ${Math.floor(value.length / 2)} bytes`
  }
  const bad = /[^0-9a-fA-F]/.exec(value)
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
    return `encoding/hex: invalid byte: U+${code} '${bad[0]}'`
  }
  return value.length % 2 === 1 ? 'encoding/hex: odd length hex string' : undefined
}
