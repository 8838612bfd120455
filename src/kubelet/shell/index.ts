/**
 * @module shell: the simulated container runtime's processes: a POSIX-like shell, the tools
 * images have (busybox's set, curl through the lab's network, tar for kubectl cp), a container's
 * view (env, volumes, hostname, DNS) and the exec runtime the API server streams from.
 */
export {
  ContainerExecRuntime,
  type PodHandle,
  type ExecNetwork,
  type ExecOrigin,
  type ExecFetchInit,
  type LogFollower,
} from './container-exec.js'
export { builtinCommands } from './commands/index.js'
export { parseShell } from './shell-parser.js'
export { Shell, ShellExit, runProgram } from './shell-interpreter.js'
export { MemFs } from './mem-fs.js'
export { ContainerFs } from './container-fs.js'
export type { ContainerSystem, ProcessContext, CommandFn, Output } from './process.js'
