import { readdir, readFile, readlink } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { processCpuSeconds } from './api-probes.js'

/** How busy the machine was over a phase (the bench shares its cores with whatever else runs). */
export interface MachineLoad {
  /** CPU busy over the phase, in cores (every process, the bench's own included). */
  busyCores: number
  /** The 1-minute load average at the phase's end. */
  load1: number
  /** CPU of the lab daemon's child processes (Prometheus), as a fraction of one core. */
  labChildrenCpu: number
}

/** Returns the machine's busy and total CPU seconds so far, from /proc/stat (0s if unreadable). */
async function machineCpu(): Promise<{ busy: number; total: number }> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0]!
    const f = line.trim().split(/\s+/).slice(1).map(Number)
    const total = f.reduce((a, b) => a + b, 0)
    // idle and iowait are not busy.
    return { busy: (total - f[3]! - (f[4] ?? 0)) / 100, total: total / 100 }
  } catch {
    return { busy: 0, total: 0 }
  }
}

/** Returns the CPU seconds the direct children of `pid` have used so far (0 if none/gone). */
export async function childrenCpuSeconds(pid: number): Promise<number> {
  try {
    const tasks = await import('node:fs/promises').then((fs) =>
      fs.readdir(`/proc/${String(pid)}/task`)
    )
    let sum = 0
    for (const t of tasks) {
      const kids = await readFile(`/proc/${String(pid)}/task/${t}/children`, 'utf8')
      for (const k of kids.trim().split(/\s+/).filter(Boolean))
        sum += await processCpuSeconds(Number(k))
    }
    return sum
  } catch {
    return 0
  }
}

/** Starts measuring the machine's load; the returned function ends it and returns the figures. */
export async function watchMachine(labPid: number): Promise<() => Promise<MachineLoad>> {
  const m0 = await machineCpu()
  const c0 = await childrenCpuSeconds(labPid)
  const t0 = performance.now()
  return async () => {
    const m1 = await machineCpu()
    const seconds = (performance.now() - t0) / 1000
    return {
      busyCores: seconds > 0 ? (m1.busy - m0.busy) / seconds : 0,
      load1: loadavg()[0] ?? 0,
      labChildrenCpu: seconds > 0 ? ((await childrenCpuSeconds(labPid)) - c0) / seconds : 0,
    }
  }
}

/** Returns `127.0.0.1:80` as /proc/net/tcp spells a local IPv4 address (`0100007F:0050`). */
function procAddress(hostPort: string): string {
  const [host, port] = hostPort.split(':')
  const ip = host!
    .split('.')
    .map((b) => Number(b).toString(16).toUpperCase().padStart(2, '0'))
    .reverse()
    .join('')
  return `${ip}:${Number(port).toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * Returns whether process `pid` holds the listening TCP socket of `hostPort` (IPv4): the load
 * must reach the lab being measured, not another lab that bound the same address first.
 */
export async function listensOn(pid: number, hostPort: string): Promise<boolean> {
  const want = procAddress(hostPort)
  let inode: string | undefined
  for (const line of (await readFile('/proc/net/tcp', 'utf8')).split('\n').slice(1)) {
    const f = line.trim().split(/\s+/)
    // st 0A is LISTEN; the inode is the 10th field.
    if (f[1] === want && f[3] === '0A') inode = f[9]
  }
  if (inode === undefined) return false
  try {
    for (const fd of await readdir(`/proc/${String(pid)}/fd`)) {
      const link = await readlink(`/proc/${String(pid)}/fd/${fd}`).catch(() => '')
      if (link === `socket:[${inode}]`) return true
    }
  } catch {
    return false
  }
  return false
}
