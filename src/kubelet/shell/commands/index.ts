import type { CommandFn } from '../process.js'
import { shellCommand } from '../sh-command.js'
import { NET_COMMANDS } from './net-commands.js'
import { SYSTEM_COMMANDS } from './system-commands.js'
import { TAR_COMMANDS } from './tar-command.js'
import { TEXT_COMMANDS } from './text-commands.js'

/** Every command the simulated containers can have (an image's data says which it has). */
export function builtinCommands(): ReadonlyMap<string, CommandFn> {
  const map = new Map<string, CommandFn>()
  const sh = shellCommand(() => map)
  for (const [k, v] of Object.entries({
    ...TEXT_COMMANDS,
    ...SYSTEM_COMMANDS,
    ...NET_COMMANDS,
    ...TAR_COMMANDS,
    sh,
    ash: sh,
    bash: sh,
  }))
    map.set(k, v)
  return map
}
