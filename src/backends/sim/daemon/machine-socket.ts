import { createServer, request, type Server } from 'node:http'
import { chmodSync, realpathSync, rmSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve as resolvePath } from 'node:path'

/** What a command run on a lab machine printed, and what it gave as data. */
export interface MachineResult {
  code: number
  stdout: string
  stderr: string
  /** Structured results (`kubeadm init`'s join parts, `helm serve`'s URL); stdout is their text. */
  data?: unknown
}

/** Runs a command on one of the lab's machines (the daemon's side). */
export type MachineExec = (node: string, argv: string[]) => Promise<MachineResult>

/**
 * Serves the daemon's machine socket (a Unix socket in the state dir, mode 0600 whatever the
 * umask): the lab's `docker exec <node> …`, through which kubeadm runs "on" a node. A
 * `helm serve --repo-path` outside the lab's own chart folders (`<state dir>/charts` unless
 * `chartsRoot` says otherwise) is refused. Returns close.
 */
export async function serveMachineSocket(
  path: string,
  exec: MachineExec,
  chartsRoot = join(dirname(path), 'charts')
): Promise<() => Promise<void>> {
  rmSync(path, { force: true })
  const server: Server = createServer((req, res) => {
    // A failure before or around the command: it printed nothing, stderr says why.
    const fail = (status: number, code: number, stderr: string) =>
      res.writeHead(status).end(JSON.stringify({ code, stdout: '', stderr }))
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      let parsed: { node?: unknown; argv?: unknown }
      try {
        parsed = JSON.parse(body) as typeof parsed
      } catch {
        fail(400, 2, 'malformed request to the machine socket\n')
        return
      }
      if (
        typeof parsed.node !== 'string' ||
        !Array.isArray(parsed.argv) ||
        !parsed.argv.every((a) => typeof a === 'string')
      ) {
        fail(400, 2, 'the machine socket wants {node, argv}\n')
        return
      }
      const refused = refusedRepoPath(parsed.argv as string[], chartsRoot)
      if (refused) {
        fail(403, 1, `${refused}\n`)
        return
      }
      exec(parsed.node, parsed.argv as string[]).then(
        (r) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r)),
        (err: unknown) => fail(200, 1, `${err instanceof Error ? err.message : String(err)}\n`)
      )
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, resolve)
  })
  chmodSync(path, 0o600)
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}

/**
 * Returns why a `helm serve` command may not run (its --repo-path, symlinks resolved, is not
 * inside `root`), or undefined when it may (or is not `helm serve`).
 */
export function refusedRepoPath(argv: string[], root: string): string | undefined {
  if (argv[0] !== 'helm' || argv[1] !== 'serve') return undefined
  const at = argv.indexOf('--repo-path')
  const eq = argv.find((a) => a.startsWith('--repo-path='))
  const dir = at >= 0 ? argv[at + 1] : eq?.slice('--repo-path='.length)
  if (dir === undefined) return undefined // helm serve itself says --repo-path is needed
  const real = (p: string) => {
    try {
      return realpathSync(p)
    } catch {
      return resolvePath(p) // not there (yet): judged by its resolved path
    }
  }
  const rel = relative(real(root), real(resolvePath(root, dir)))
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return undefined
  return `Error: helm serve --repo-path ${dir}: refused, the lab serves charts only from ${root}`
}

/** Runs a command on a lab machine through the daemon's socket (the CLI's side). */
export function execOnMachine(path: string, node: string, argv: string[]): Promise<MachineResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: path,
        method: 'POST',
        path: '/exec',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => {
          try {
            resolve(JSON.parse(body) as MachineResult)
          } catch (err) {
            reject(new Error('failed to read the answer of the lab daemon', { cause: err }))
          }
        })
      }
    )
    req.on('error', (err) =>
      reject(
        new Error(`failed to reach the lab daemon at ${path} (is the lab up?)`, { cause: err })
      )
    )
    req.end(JSON.stringify({ node, argv }))
  })
}
