import { createServer, request, type Server } from 'node:http'
import { rmSync } from 'node:fs'

/** What a command run on a lab machine printed. */
export interface MachineResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command on one of the lab's machines (the daemon's side). */
export type MachineExec = (node: string, argv: string[]) => Promise<MachineResult>

/**
 * Serves the daemon's machine socket (a Unix socket in the state dir, mode 0600 by umask of the
 * dir): the lab's `docker exec <node> …`, through which kubeadm runs "on" a node. Returns close.
 */
export async function serveMachineSocket(
  path: string,
  exec: MachineExec
): Promise<() => Promise<void>> {
  rmSync(path, { force: true })
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      let parsed: { node?: unknown; argv?: unknown }
      try {
        parsed = JSON.parse(body) as typeof parsed
      } catch {
        res.writeHead(400).end(
          JSON.stringify({
            code: 2,
            stdout: '',
            stderr: 'malformed request to the machine socket\n',
          })
        )
        return
      }
      if (
        typeof parsed.node !== 'string' ||
        !Array.isArray(parsed.argv) ||
        !parsed.argv.every((a) => typeof a === 'string')
      ) {
        res.writeHead(400).end(
          JSON.stringify({
            code: 2,
            stdout: '',
            stderr: 'the machine socket wants {node, argv}\n',
          })
        )
        return
      }
      exec(parsed.node, parsed.argv as string[]).then(
        (r) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r)),
        (err: unknown) =>
          res.writeHead(200).end(
            JSON.stringify({
              code: 1,
              stdout: '',
              stderr: `${err instanceof Error ? err.message : String(err)}\n`,
            })
          )
      )
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, resolve)
  })
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
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
