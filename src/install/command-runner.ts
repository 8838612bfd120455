/** One command to run: a binary, its arguments, optional stdin and extra environment. */
export interface Command {
  /** The program as the transcript names it (`kubectl`, `helm`, `docker`). */
  name: string
  /** The path run (the bundled client) or the name looked up in PATH. */
  bin: string
  args: string[]
  input?: string
  env?: Record<string, string>
  /** Milliseconds; unset means no limit. */
  timeoutMs?: number
}

/** What a command printed and how it exited. */
export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command; resolves with its result whatever the exit code. */
export type RunCommand = (cmd: Command) => Promise<CommandResult>

/** Returns a word quoted for a POSIX shell when it needs quoting. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/** Returns a command line as a user types it: the program's name, then its quoted arguments. */
export function commandLine(name: string, args: readonly string[]): string {
  return [name, ...args].map(shellQuote).join(' ')
}

/** A command that exited non-zero: the line that ran and what it printed. */
export class CommandError extends Error {
  /** The command line, as in the transcript. */
  readonly command: string
  /** stderr, else stdout, trimmed. */
  readonly output: string
  readonly code: number

  constructor(command: string, result: CommandResult) {
    const output = (result.stderr.trim() || result.stdout.trim()).trim()
    super(`\`${command}\` exited with code ${result.code}${output ? `: ${output}` : ''}`)
    this.name = 'CommandError'
    this.command = command
    this.output = output
    this.code = result.code
  }
}

/**
 * Creates a runner that runs commands through zx `$` (never through a shell string: zx quotes
 * every argument). The environment is `baseEnv` plus the command's own. zx is loaded on the
 * first command: the processes that never run one (the sim daemon) do not load it.
 */
export function zxRunner(baseEnv: NodeJS.ProcessEnv = process.env): RunCommand {
  return async (cmd) => {
    const { $ } = await import('zx')
    const run = $({
      // zx runs commands through bash; with no SHLVL, a bash whose stdin is a socket (Node's
      // pipes) thinks sshd started it and sources ~/.bashrc, whose output would mix into ours.
      env: { SHLVL: '1', ...baseEnv, ...cmd.env },
      nothrow: true,
      quiet: true,
      verbose: false,
      ...(cmd.input !== undefined ? { input: cmd.input } : {}),
      ...(cmd.timeoutMs !== undefined ? { timeout: cmd.timeoutMs } : {}),
    })
    const out = await run`${cmd.bin} ${cmd.args}`
    // exitCode is null when a signal (the timeout's SIGTERM) ended the process.
    return { code: out.exitCode ?? 128, stdout: out.stdout, stderr: out.stderr }
  }
}
