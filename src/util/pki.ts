import 'reflect-metadata'
import { webcrypto, X509Certificate as NodeX509 } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { generateRsaKeyPair, RSA_KEY_ALG as ALG } from './rsa-keys.js'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

type CryptoKey = webcrypto.CryptoKey
type CryptoKeyPair = webcrypto.CryptoKeyPair

/** Key pairs generated ahead (the lab daemon starts them while it loads), used first. */
const pending: Promise<CryptoKeyPair>[] = []

/**
 * Hands over RSA key pairs generated ahead (RSASSA-PKCS1-v1_5, SHA-256, 2048 bits, extractable,
 * for sign and verify): the next certificates take them, in order, before generating new ones.
 */
export function addKeyPairs(keys: readonly Promise<CryptoKeyPair>[]): void {
  pending.push(...keys)
}

/** Returns a key pair generated ahead, checked to be of the kind pki makes, or a new one. */
async function newKeyPair(given?: Promise<CryptoKeyPair>): Promise<CryptoKeyPair> {
  const ahead = given ?? pending.shift()
  if (!ahead) return generateRsaKeyPair()
  const keys = await ahead
  const alg = keys.privateKey.algorithm as webcrypto.RsaHashedKeyAlgorithm
  const hash = typeof alg.hash === 'string' ? alg.hash : alg.hash?.name
  if (alg.name !== ALG.name || alg.modulusLength !== ALG.modulusLength || hash !== ALG.hash)
    throw new Error(
      `failed to use a key pair generated ahead: it is ${alg.name} ${alg.modulusLength} ${hash}, not ${ALG.name} ${ALG.modulusLength} ${ALG.hash}`
    )
  return keys
}

/** A certificate and its private key, PEM encoded. */
export interface KeyPair {
  certPem: string
  keyPem: string
}

/** What a leaf certificate is for. */
export interface LeafOptions {
  commonName: string
  organizations?: string[]
  dnsNames?: string[]
  ips?: string[]
  /** URI SANs (Istio's SPIFFE identities). */
  uris?: string[]
  usage: 'server' | 'client'
  days?: number
  /** The certificate's key pair, generated elsewhere (of the lab's kind); default: a new one. */
  keys?: Promise<CryptoKeyPair>
}

function pemKey(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
  return webcrypto.subtle.importKey('pkcs8', der, ALG, true, ['sign'])
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString('hex')
    .replace(/^[89a-f]/, '1')
}

/** Creates a self-signed RSA 2048 CA (CN=kubernetes, as kubeadm names it), valid ten years. */
export async function createCa(commonName = 'kubernetes', now = new Date()): Promise<KeyPair> {
  const keys = await newKeyPair()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 3650 * 86400_000),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyEncipherment,
        true
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  const key = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  return { certPem: cert.toString('pem') + '\n', keyPem: pemKey(key, 'PRIVATE KEY') }
}

// A CA's parsed certificate and imported key, by the CA's key pair object (and its PEM texts:
// an object whose PEMs changed is parsed again). A lab issues dozens of leaves from one CA.
const issuers = new WeakMap<
  KeyPair,
  {
    certPem: string
    keyPem: string
    parsed: Promise<{ caCert: x509.X509Certificate; caKey: CryptoKey }>
  }
>()

function issuerOf(ca: KeyPair): Promise<{ caCert: x509.X509Certificate; caKey: CryptoKey }> {
  const hit = issuers.get(ca)
  if (hit && hit.certPem === ca.certPem && hit.keyPem === ca.keyPem) return hit.parsed
  const parsed = importKey(ca.keyPem).then((caKey) => ({
    caCert: new x509.X509Certificate(ca.certPem),
    caKey,
  }))
  // A CA that fails to parse is not kept: the error comes again on the next call.
  const entry = { certPem: ca.certPem, keyPem: ca.keyPem, parsed }
  parsed.catch(() => issuers.get(ca) === entry && issuers.delete(ca))
  issuers.set(ca, entry)
  return parsed
}

/** Creates a leaf certificate signed by the CA (a serving certificate or a client certificate). */
export async function createLeaf(ca: KeyPair, o: LeafOptions, now = new Date()): Promise<KeyPair> {
  const { caCert, caKey } = await issuerOf(ca)
  const keys = await newKeyPair(o.keys)
  const subject = [`CN=${o.commonName}`, ...(o.organizations ?? []).map((org) => `O=${org}`)].join(
    ', '
  )
  const sans = [
    ...(o.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(o.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(o.uris ?? []).map((value) => ({ type: 'url' as const, value })),
  ]
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + (o.days ?? 365) * 86400_000),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true
      ),
      new x509.ExtendedKeyUsageExtension([
        o.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
      ]),
      ...(sans.length ? [new x509.SubjectAlternativeNameExtension(sans)] : []),
    ],
  })
  const key = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  return { certPem: cert.toString('pem') + '\n', keyPem: pemKey(key, 'PRIVATE KEY') }
}

/** Returns the subject CN and O values of a PEM or DER certificate. */
export function certSubject(cert: string | Buffer): {
  commonName: string
  organizations: string[]
} {
  const c = new NodeX509(cert)
  const lines = c.subject.split('\n')
  return {
    commonName: lines.find((l) => l.startsWith('CN='))?.slice(3) ?? '',
    organizations: lines.filter((l) => l.startsWith('O=')).map((l) => l.slice(2)),
  }
}
