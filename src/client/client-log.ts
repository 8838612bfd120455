/** Where the client toolkit (informers, event recorders) writes its logs: a message and fields. */
export interface ClientLog {
  /** Logs progress. */
  info(msg: string, fields?: Record<string, unknown>): void
  /** Logs a failure that will be retried or skipped. */
  error(msg: string, fields?: Record<string, unknown>): void
}

/** A log that drops everything. */
export const silentLog: ClientLog = { info: () => undefined, error: () => undefined }

/** Returns the message of any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
