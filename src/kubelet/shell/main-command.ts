import type { Container } from '../../api/core-types.js'

/** Returns the command line of a container's main process (command + args, else its image). */
export function mainCommand(spec: Container): string {
  const cmd = [
    ...(Array.isArray(spec.command) ? spec.command : []),
    ...(Array.isArray(spec.args) ? spec.args : []),
  ].map(String)
  return cmd.length ? cmd.join(' ') : String(spec.image ?? '')
}
