import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import {
  bootstrapTokenSecret,
  caCertHash,
  generateBootstrapToken,
  joinCommand,
  JoinRefusedError,
  kubeadmInitSuccessMessage,
  newBootstrapToken,
  parseJoinCommand,
  validateJoin,
} from './index.js'
import type { ClusterJoinInfo, JoinRefusal, JoinRequest } from './index.js'

const OPENSSL = '/usr/bin/openssl'

/** Returns a fake random source that replays `bytes` over and over. */
const replay =
  (bytes: number[]) =>
  (n: number): Buffer =>
    Buffer.from(Array.from({ length: n }, (_, i) => bytes[i % bytes.length]!))

describe('bootstrap tokens', () => {
  it('generates tokens of the form abcdef.0123456789abcdef', () => {
    for (let i = 0; i < 20; i++) {
      expect(generateBootstrapToken(randomBytes)).to.match(/^[a-z0-9]{6}\.[a-z0-9]{16}$/)
    }
  })

  it('maps bytes onto the 36 characters, discarding bytes >= 252 as kubeadm does', () => {
    expect(generateBootstrapToken(replay([0, 1, 35, 36, 252, 255, 71]))).to.equal(
      '01z0z0.01z0z01z0z01z0z0'
    )
  })

  it('expires 24 h after creation and is stored as kubeadm stores its default token', () => {
    const bt = newBootstrapToken(replay([10, 11]), '2018-08-01T10:00:00.123Z')
    expect(bt).to.deep.equal({ token: 'ababab.abababababababab', expires: '2018-08-02T10:00:00Z' })
    const secret = bootstrapTokenSecret(bt)
    expect(secret.metadata).to.deep.equal({
      name: 'bootstrap-token-ababab',
      namespace: 'kube-system',
    })
    expect(secret.type).to.equal('bootstrap.kubernetes.io/token')
    const data = secret.data as Record<string, string>
    const decoded = (k: string): string => Buffer.from(data[k]!, 'base64').toString()
    expect(decoded('token-secret')).to.equal('abababababababab')
    expect(decoded('expiration')).to.equal('2018-08-02T10:00:00Z')
    expect(decoded('auth-extra-groups')).to.equal('system:bootstrappers:kubeadm:default-node-token')
    expect(() => bootstrapTokenSecret({ token: 'nope', expires: bt.expires })).to.throw(
      /was not of the form/
    )
  })
})

describe('caCertHash()', () => {
  let dir = ''
  let pem = ''
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ca-hash-'))
    execFileSync(
      OPENSSL,
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=kubernetes',
        '-days',
        '1',
        '-keyout',
        'k',
        '-out',
        'c',
      ],
      { cwd: dir, stdio: 'ignore' }
    )
    pem = readFileSync(join(dir, 'c'), 'utf8')
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('equals openssl x509 -pubkey | openssl rsa -pubin -outform der | sha256sum', () => {
    const pubkey = execFileSync(OPENSSL, ['x509', '-pubkey', '-noout', '-in', 'c'], { cwd: dir })
    const der = execFileSync(OPENSSL, ['rsa', '-pubin', '-outform', 'der'], {
      input: pubkey,
      stdio: ['pipe', 'pipe', 'ignore'],
    })
    const digest = execFileSync('sha256sum', { input: der }).toString().split(' ')[0]
    expect(caCertHash(pem)).to.equal(`sha256:${digest}`)
    // ...and not the hash of the whole certificate.
    const certDigest = execFileSync(OPENSSL, ['x509', '-outform', 'der', '-in', 'c'], { cwd: dir })
    expect(caCertHash(pem)).to.not.equal(
      `sha256:${execFileSync('sha256sum', { input: certDigest }).toString().split(' ')[0]}`
    )
  })

  it('refuses text that is not a certificate', () => {
    expect(() => caCertHash('not a certificate')).to.throw(/^failed to parse the CA certificate/)
  })

  describe('validateJoin()', () => {
    const TOKEN = 'abcdef.0123456789abcdef'
    const NOW = '2018-08-01T10:00:00Z'
    const known = (): ClusterJoinInfo => ({
      tokens: [{ token: TOKEN, expires: '2018-08-02T10:00:00Z' }],
      caCertPem: pem,
    })
    const request = (over: Partial<JoinRequest> = {}): JoinRequest => ({
      endpoint: '127.0.10.104:6443',
      token: TOKEN,
      caCertHashes: [caCertHash(pem)],
      now: NOW,
      ...over,
    })
    const refusal = (
      req: JoinRequest,
      info = known()
    ): { reason: JoinRefusal; message: string } => {
      try {
        validateJoin(req, info)
      } catch (err) {
        expect(err).to.be.instanceOf(JoinRefusedError)
        return { reason: (err as JoinRefusedError).reason, message: (err as Error).message }
      }
      expect.fail('validateJoin accepted a join kubeadm refuses')
    }

    it('accepts the printed token and hash, and a hash in upper case', () => {
      expect(() => validateJoin(request(), known())).to.not.throw()
      expect(() =>
        validateJoin(request({ caCertHashes: [caCertHash(pem).toUpperCase()] }), known())
      ).to.not.throw()
      expect(() =>
        validateJoin(request({ caCertHashes: [], unsafeSkipCAVerification: true }), known())
      ).to.not.throw()
    })

    it('refuses a malformed token with the validation errors of kubeadm 1.11', () => {
      expect(refusal(request({ token: 'abcdef.0123' }))).to.deep.equal({
        reason: 'invalid-join-configuration',
        message:
          '[discoveryToken: Invalid value: "abcdef.0123": the bootstrap token is invalid, ' +
          'tlsBootstrapToken: Invalid value: "abcdef.0123": the bootstrap token is invalid]',
      })
      expect(refusal(request({ caCertHashes: [] })).message).to.equal(
        'discovery: Invalid value: "": using token-based discovery without discoveryTokenCACertHashes can be unsafe. set --discovery-token-unsafe-skip-ca-verification to continue'
      )
    })

    it('refuses an unknown token and an expired one with the same kubeadm message', () => {
      const message =
        '[discovery] Failed to connect to API Server "127.0.10.104:6443": token id "zzzzzz" is invalid for this cluster or it has expired. Use "kubeadm token create" on the master node to creating a new valid token'
      expect(refusal(request({ token: 'zzzzzz.0123456789abcdef' }))).to.deep.equal({
        reason: 'unknown-token',
        message,
      })
      const late = refusal(request({ now: '2018-08-02T10:00:01Z' }))
      expect(late).to.deep.equal({
        reason: 'expired-token',
        message: message.replace('zzzzzz', 'abcdef'),
      })
      expect(() => validateJoin(request({ now: '2018-08-02T10:00:00Z' }), known())).to.not.throw()
    })

    it('refuses a known token id with the wrong secret', () => {
      expect(refusal(request({ token: 'abcdef.ffffffffffffffff' })).message).to.equal(
        '[discovery] Failed to connect to API Server "127.0.10.104:6443": failed to verify JWS signature of received cluster info object, can\'t trust this API Server'
      )
    })

    it('refuses a hash that does not match the CA, naming the CA key hash', () => {
      const wrong = `sha256:${'0'.repeat(64)}`
      expect(refusal(request({ caCertHashes: [wrong] }))).to.deep.equal({
        reason: 'ca-cert-hash-mismatch',
        message: `[discovery] Failed to connect to API Server "127.0.10.104:6443": cluster CA found in cluster-info configmap is invalid: public key ${caCertHash(pem)} not pinned`,
      })
      // kubeadm 1.11 pins only the first hash it is given.
      expect(refusal(request({ caCertHashes: [wrong, caCertHash(pem)] })).reason).to.equal(
        'ca-cert-hash-mismatch'
      )
    })

    it('refuses malformed hashes with the pubkeypin messages', () => {
      const msg = (hash: string): string => refusal(request({ caCertHashes: [hash] })).message
      expect(msg(`sha256:${'a'.repeat(62)}`)).to.equal(
        "couldn't validate the identity of the API Server: expected a 32 byte SHA-256 hash, found 31 bytes"
      )
      expect(msg('a'.repeat(64))).to.equal(
        'couldn\'t validate the identity of the API Server: invalid public key hash, expected "format:value"'
      )
      expect(msg(`md5:${'a'.repeat(32)}`)).to.equal(
        'couldn\'t validate the identity of the API Server: unknown hash format "md5"'
      )
      expect(msg(`sha256:${'g'.repeat(64)}`)).to.equal(
        "couldn't validate the identity of the API Server: encoding/hex: invalid byte: U+0067 'g'"
      )
    })
  })
})

describe('kubeadm init and join commands', () => {
  const HASH = 'sha256:f06628c7cee002b262e69f3f9efadf47bdec125e19606ebff743a3e514a8383b'

  it('prints the join command in the shape of the page', () => {
    const cmd = joinCommand('10.12.5.104:6443', '1x62yf.60ys5p2iw13tx2t8', HASH)
    expect(cmd).to.equal(
      'kubeadm join 10.12.5.104:6443 --token 1x62yf.60ys5p2iw13tx2t8 --discovery-token-ca-cert-hash sha256:f06628c7cee002b262e69f3f9efadf47bdec125e19606ebff743a3e514a8383b'
    )
    expect(joinCommand('a:1', 't', HASH.slice(7))).to.equal(
      `kubeadm join a:1 --token t --discovery-token-ca-cert-hash ${HASH}`
    )
    const out = kubeadmInitSuccessMessage(cmd)
    expect(out.startsWith('Your Kubernetes master has initialized successfully!\n')).to.equal(true)
    expect(out).to.include(
      'You can now join any number of machines by running the following on each node\nas root:\n\n'
    )
    expect(out.trimEnd().endsWith(`  ${cmd}`)).to.equal(true)
  })

  it('parses the join command back, with or without sudo', () => {
    const args = parseJoinCommand(
      `sudo kubeadm join 10.12.5.104:6443 --token 1x62yf.60ys5p2iw13tx2t8 --discovery-token-ca-cert-hash ${HASH}`
    )
    expect(args).to.deep.equal({
      endpoint: '10.12.5.104:6443',
      token: '1x62yf.60ys5p2iw13tx2t8',
      caCertHashes: [HASH],
    })
    expect(
      parseJoinCommand([
        '--token=a.b',
        '--discovery-token-unsafe-skip-ca-verification',
        'h:1',
        '--node-name',
        'n',
      ])
    ).to.deep.equal({
      endpoint: 'h:1',
      token: 'a.b',
      caCertHashes: [],
      unsafeSkipCAVerification: true,
      nodeName: 'n',
    })
    expect(() => parseJoinCommand('kubeadm join h:1 --tokn x')).to.throw('unknown flag: --tokn')
    expect(() => parseJoinCommand('kubeadm join h:1 --token')).to.throw(
      'flag needs an argument: --token'
    )
  })
})
