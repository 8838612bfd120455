import {
  commandLine,
  type Command,
  type CommandResult,
  type RunCommand,
} from '../../install/command-runner.js'

/** A runner for tests: records every command line and answers from a function. */
export interface FakeRunner {
  run: RunCommand
  /** The command lines run, in order (`kubectl get nodes`, with the program's name). */
  calls: string[]
}

/**
 * Creates a fake runner. `reply` gets each command line and returns what the command printed
 * and its exit code; undefined (or a missing field) means exit 0 with no output.
 */
export function fakeRunner(
  reply: (line: string, cmd: Command) => Partial<CommandResult> | undefined = () => undefined
): FakeRunner {
  const calls: string[] = []
  return {
    calls,
    run: (cmd) => {
      const line = commandLine(cmd.name, cmd.args)
      calls.push(line)
      const r = reply(line, cmd) ?? {}
      return Promise.resolve({ code: r.code ?? 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '' })
    },
  }
}
