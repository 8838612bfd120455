/** A step's live line: a spinner while it runs, then ✓ or ✗ and its duration. */
export interface Status {
  /** Shows that a step started. */
  start(title: string): void
  /** Replaces the running line with ✓ (ok) or ✗ and the duration. */
  end(ok: boolean, ms: number): void
  /** Prints a line under the running step (a command in verbose mode, a warning, output). */
  info(line: string): void
}

/** Where and how a status printer writes. */
export interface StatusPrinterOptions {
  write(text: string): void
  /** A terminal gets a spinner redrawn in place; anything else (CI logs) gets plain lines. */
  tty: boolean
  /** Spinner frame interval; default 100 ms. */
  intervalMs?: number
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const CLEAR = '\r\x1b[2K'

/** Returns a duration as the step lines show it: `0.4s`, `12s`, `1m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

/** Creates the status printer `kind create cluster` has: one live line per step. */
export function createStatusPrinter(o: StatusPrinterOptions): Status & { close(): void } {
  let title: string | undefined
  let frame = 0
  let timer: NodeJS.Timeout | undefined
  const draw = (): void => {
    if (title !== undefined) o.write(`${CLEAR} ${FRAMES[frame++ % FRAMES.length]} ${title}`)
  }
  const stop = (): void => {
    if (timer) clearInterval(timer)
    timer = undefined
  }
  return {
    start(t) {
      stop()
      title = t
      if (!o.tty) return o.write(` • ${t} …\n`)
      draw()
      timer = setInterval(draw, o.intervalMs ?? 100)
      // The spinner must never keep the process alive on its own.
      timer.unref()
    },
    end(ok, ms) {
      stop()
      const line = ` ${ok ? '✓' : '✗'} ${title ?? ''} (${formatDuration(ms)})\n`
      o.write(o.tty ? `${CLEAR}${line}` : line)
      title = undefined
    },
    info(line) {
      if (!o.tty || title === undefined) return o.write(`${line}\n`)
      o.write(`${CLEAR}${line}\n`)
      draw()
    },
    close: stop,
  }
}
