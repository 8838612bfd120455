import type { StateDir } from '../../state-dir.js'

/**
 * Calls `onGone` once the state dir no longer names this daemon: its `pid` file removed (the
 * whole `.lab/` deleted by hand) or naming another process. Such a daemon can never be reached
 * by `lab:down` again, yet would keep its node addresses, NodePorts and chart repository port;
 * it stops instead. Returns the function that stops watching.
 */
export function watchStateDir(
  state: StateDir,
  pid: number,
  onGone: (why: string) => void,
  periodMs = 2000
): () => void {
  const timer = setInterval(() => {
    const named = state.read('pid')
    if (named === String(pid)) return
    clearInterval(timer)
    onGone(
      named === undefined
        ? `its state dir ${state.dir} is gone`
        : `its state dir ${state.dir} names another daemon (pid ${named.trim()})`
    )
  }, periodMs)
  timer.unref()
  return () => clearInterval(timer)
}
