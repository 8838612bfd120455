/** The longest delay a Node timer takes; longer ones fire after 1 ms (TimeoutOverflowWarning). */
const MAX_DELAY = 2 ** 31 - 1

/**
 * Calls `fn` once after `ms` milliseconds, however long (a watch's timeoutSeconds may be days),
 * by chaining timers no longer than Node allows. Unref'd: it never keeps the process alive.
 */
export function longTimeout(fn: () => void, ms: number): { clear(): void } {
  let timer: NodeJS.Timeout | undefined
  let cleared = false
  const due = Date.now() + ms
  const arm = () => {
    const left = due - Date.now()
    if (left <= MAX_DELAY) timer = setTimeout(() => !cleared && fn(), Math.max(0, left))
    else timer = setTimeout(arm, MAX_DELAY)
    timer.unref()
  }
  arm()
  return {
    clear: () => {
      cleared = true
      clearTimeout(timer)
    },
  }
}
