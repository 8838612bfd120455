import { Session } from 'node:inspector/promises'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A CPU profile being taken; `stop` writes it and returns its file (undefined when not profiling). */
export interface CpuProfile {
  stop(): Promise<string | undefined>
}

/**
 * Starts a CPU profile of this process when `dir` is set (BENCH_CPU_PROFILE): only the phase
 * measured, not the lab's start, so its top self-time entries are the phase's own costs. The
 * profile goes to `<dir>/<label>.cpuprofile` (open it in Chrome's DevTools).
 */
export async function startCpuProfile(dir: string | undefined, label: string): Promise<CpuProfile> {
  if (!dir) return { stop: () => Promise.resolve(undefined) }
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 1000 })
  await session.post('Profiler.start')
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop')
      session.disconnect()
      mkdirSync(dir, { recursive: true })
      const file = join(dir, `${label}.cpuprofile`)
      writeFileSync(file, JSON.stringify(profile))
      return file
    },
  }
}
