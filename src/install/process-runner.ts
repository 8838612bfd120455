import { spawn } from 'node:child_process'
import type { RunCommand } from './command-runner.js'

/**
 * Creates a runner that starts each command's program itself (no shell in between: one process
 * per command, arguments passed as they are). The environment is `baseEnv` plus the command's
 * own; a program that cannot be started exits 127 with the reason on stderr, as in a shell.
 */
export function processRunner(baseEnv: NodeJS.ProcessEnv = process.env): RunCommand {
  return (cmd) =>
    new Promise((resolve) => {
      const child = spawn(cmd.bin, cmd.args, {
        env: { ...baseEnv, ...cmd.env },
        stdio: [cmd.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        ...(cmd.timeoutMs !== undefined ? { timeout: cmd.timeoutMs } : {}),
      })
      const out: Buffer[] = []
      const err: Buffer[] = []
      child.stdout!.on('data', (b: Buffer) => out.push(b))
      child.stderr!.on('data', (b: Buffer) => err.push(b))
      let failed: Error | undefined
      child.once('error', (e) => (failed = e))
      if (cmd.input !== undefined) {
        // The program may exit without reading all of it; its exit code tells what happened.
        child.stdin?.on('error', () => {})
        child.stdin?.end(cmd.input)
      }
      child.once('close', (code) => {
        const stderr = Buffer.concat(err).toString('utf8')
        resolve({
          // null: a signal (the timeout's SIGTERM) ended it.
          code: failed ? 127 : (code ?? 128),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: failed ? `${stderr}${cmd.bin}: ${failed.message}\n` : stderr,
        })
      })
    })
}
