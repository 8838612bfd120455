import type { RuntimeSession, SessionIo } from './runtime-types.js'

/** The Status a v4/v5 error channel carries when a command ends (remotecommand's v4 error protocol). */
export function exitStatus(exitCode: number, command: string[]): Record<string, unknown> {
  if (exitCode === 0) return { metadata: {}, status: 'Success' }
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  }
}

/** The Status of a session that failed inside the runtime (an InternalError with the message). */
export function failureStatus(message: string): Record<string, unknown> {
  return { metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 }
}

/** Runs a session and returns the Status of its end: its exit status, or the runtime's failure. */
export async function runToStatus(
  session: RuntimeSession,
  io: SessionIo,
  command: string[]
): Promise<Record<string, unknown>> {
  try {
    return exitStatus(await session.run(io), command)
  } catch (err) {
    return failureStatus(err instanceof Error ? err.message : String(err))
  }
}
