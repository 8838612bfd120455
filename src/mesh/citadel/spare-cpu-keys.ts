import { spawn, type ChildProcess } from 'node:child_process'
import { webcrypto } from 'node:crypto'
import { RSA_KEY_ALG } from '../../util/index.js'

type CryptoKeyPair = webcrypto.CryptoKeyPair

// The lab's public exponent (65537) as the number node's generateKeyPair takes.
const EXPONENT = Buffer.from(RSA_KEY_ALG.publicExponent).readUIntBE(
  0,
  RSA_KEY_ALG.publicExponent.length
)

/** The niceness the key generator runs at: the lowest priority. */
export const SPARE_CPU_NICE = 19

// The generator, a process of its own in a session of its own: Linux schedules each session's
// processes as one group (autogroup) against the others, so a nice thread inside the lab daemon
// would still take the daemon's share from kubectl and helm; a session whose group is nice 19
// takes only CPU no one else wants. It makes each key pair synchronously (webcrypto would use the
// thread pool), sends it as DER, and exits when the daemon goes (its IPC channel closes).
const GENERATOR = `
const { generateKeyPairSync } = require('node:crypto')
const { readFileSync, writeFileSync } = require('node:fs')
const { getPriority, setPriority } = require('node:os')
const nice = Number(process.argv[1])
try { writeFileSync('/proc/self/autogroup', String(nice)) } catch {}
try { setPriority(nice) } catch {}
let group = ''
try { group = readFileSync('/proc/self/autogroup', 'utf8').trim() } catch {}
process.on('disconnect', () => process.exit(0))
// The parent gone while a key was made: nothing to send it to.
const send = (r) => process.send(r, (err) => err && process.exit(0))
process.on('message', (m) => {
  try {
    const k = generateKeyPairSync('rsa', {
      modulusLength: m.bits,
      publicExponent: m.exponent,
      publicKeyEncoding: { type: 'spki', format: 'der' },
      privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    })
    const b64 = (b) => b.toString('base64')
    send({ id: m.id, pkcs8: b64(k.privateKey), spki: b64(k.publicKey), nice: getPriority(), group })
  } catch (err) {
    send({ id: m.id, error: String((err && err.message) || err) })
  }
})
`

interface Reply {
  id: number
  pkcs8?: string
  spki?: string
  nice?: number
  group?: string
  error?: string
}

/** A key pair made on spare CPU, and the priority of the process that made it. */
export interface SpareCpuKeyPair {
  keys: CryptoKeyPair
  /** The generator's niceness. */
  nice: number
  /** Its scheduling group as /proc/self/autogroup shows it (`/autogroup-7 nice 19`), or ''. */
  group: string
}

/**
 * Generates RSA key pairs of the lab's kind (util's RSA_KEY_ALG) one at a time in a child process
 * at the lowest CPU priority, in a session (scheduling group) of its own: keys nobody waits for
 * (Citadel's workload keys) are made with CPU the API server, kubectl and helm leave unused. The
 * process starts on the first request and stops after `idleMs` without one; it never keeps the
 * parent alive and exits with it.
 */
export class SpareCpuKeys {
  private child: ChildProcess | undefined
  private next = 1
  private pending = new Map<
    number,
    { resolve: (k: SpareCpuKeyPair) => void; reject: (e: Error) => void }
  >()
  private bits: number
  private idleMs: number
  private idle: NodeJS.Timeout | undefined

  /**
   * `bits`: the modulus length (the lab's 2048 unless a test asks for another); `idleMs`: how long
   * the process waits for another request before it stops (a controller asks one key at a time).
   */
  constructor(o: { bits?: number; idleMs?: number } = {}) {
    this.bits = o.bits ?? RSA_KEY_ALG.modulusLength
    this.idleMs = o.idleMs ?? 2000
  }

  /** Whether the generator process is running. */
  get running(): boolean {
    return this.child !== undefined
  }

  /** Returns a new key pair (extractable; private for sign, public for verify). */
  async keyPair(): Promise<CryptoKeyPair> {
    return (await this.generate()).keys
  }

  /** Returns a new key pair and the priority of the process that generated it. */
  generate(): Promise<SpareCpuKeyPair> {
    const id = this.next++
    return new Promise<SpareCpuKeyPair>((resolve, reject) => {
      clearTimeout(this.idle)
      const child = this.start()
      this.pending.set(id, { resolve, reject })
      child.send({ id, bits: this.bits, exponent: EXPONENT })
    })
  }

  private start(): ChildProcess {
    if (this.child) return this.child
    const env = { ...process.env }
    // The parent's loaders (tsx in tests) are not needed by a script of node built-ins.
    delete env['NODE_OPTIONS']
    const child = spawn(process.execPath, ['-e', GENERATOR, String(SPARE_CPU_NICE)], {
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env,
    })
    child.unref()
    child.channel?.unref()
    child.on('message', (r: Reply) => void this.settle(r))
    child.on('error', (err) => this.fail(child, err))
    child.on('exit', (code, signal) =>
      this.fail(child, new Error(`the key generator exited with ${signal ?? `code ${code}`}`))
    )
    this.child = child
    return child
  }

  private async settle(r: Reply): Promise<void> {
    const p = this.pending.get(r.id)
    if (!p) return
    this.pending.delete(r.id)
    if (this.pending.size === 0) {
      clearTimeout(this.idle)
      this.idle = setTimeout(() => this.stop(), this.idleMs).unref()
    }
    try {
      if (r.error !== undefined || !r.pkcs8 || !r.spki) throw new Error(r.error ?? 'no key')
      const der = (b64: string) => Buffer.from(b64, 'base64')
      const [privateKey, publicKey] = await Promise.all([
        webcrypto.subtle.importKey('pkcs8', der(r.pkcs8), RSA_KEY_ALG, true, ['sign']),
        webcrypto.subtle.importKey('spki', der(r.spki), RSA_KEY_ALG, true, ['verify']),
      ])
      p.resolve({ keys: { privateKey, publicKey }, nice: r.nice ?? 0, group: r.group ?? '' })
    } catch (cause) {
      p.reject(this.error(cause))
    }
  }

  private error(cause: unknown): Error {
    return new Error(`failed to generate an RSA ${this.bits} key pair on spare CPU`, { cause })
  }

  /** A generator that failed or exited: its pending requests fail; the next one starts another. */
  private fail(child: ChildProcess, cause: unknown): void {
    if (this.child !== child) return
    this.child = undefined
    const waiting = [...this.pending.values()]
    this.pending.clear()
    for (const p of waiting) p.reject(this.error(cause))
  }

  /** Stops the generator (requests still pending fail). */
  stop(): void {
    clearTimeout(this.idle)
    const child = this.child
    if (!child) return
    this.fail(child, new Error('the key generator was stopped'))
    child.disconnect()
    child.kill()
  }
}
