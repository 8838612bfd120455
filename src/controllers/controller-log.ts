/** Where controllers write their logs (structured: a message and fields). */
export interface ControllerLog {
  /** Logs progress. */
  info(msg: string, fields?: Record<string, unknown>): void
  /** Logs a failure that will be retried or skipped. */
  error(msg: string, fields?: Record<string, unknown>): void
}

/** A log that drops everything. */
export const silentLog: ControllerLog = { info: () => undefined, error: () => undefined }
