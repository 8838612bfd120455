import { builtinCommands } from '../../kubelet/shell/commands/index.js'
import { ContainerFs } from '../../kubelet/shell/container-fs.js'
import { MemFs } from '../../kubelet/shell/mem-fs.js'
import {
  Collect,
  NO_INPUT,
  type ContainerSystem,
  type ProcessContext,
} from '../../kubelet/shell/process.js'
import { runProgram } from '../../kubelet/shell/shell-interpreter.js'

/** A container for the interpreter's tests: a fixed clock, a config volume, an emptyDir, a fake network. */
export function testContainer(): {
  fs: ContainerFs
  sys: ContainerSystem
  killed: number[]
  run(
    argv: string[],
    stdin?: string,
    tty?: boolean
  ): Promise<{ stdout: string; stderr: string; code: number }>
} {
  const root = new MemFs()
  for (const d of ['/bin', '/etc', '/tmp', '/root']) root.mkdir(d, true)
  root.write('/etc/hostname', Buffer.from('web-0\n'))
  const config = new MemFs()
  config.write('/app.properties', Buffer.from('port=8080\nmode=lab\n'))
  config.write('/level', Buffer.from('debug'))
  const fs = new ContainerFs(root, [
    { path: '/etc/config', fs: config, readOnly: true },
    { path: '/data', fs: new MemFs(), readOnly: false },
  ])
  const killed: number[] = []
  let nextPid = 7
  const procs: { pid: number; user: string; command: string; startedAt: Date }[] = []
  const now = new Date('2018-11-20T10:00:00Z')
  const hosts: Record<string, string[]> = {
    'web.default.svc.cluster.local': ['10.96.0.20'],
    web: ['10.96.0.20'],
  }
  const sys: ContainerSystem = {
    hostname: 'web-0',
    now: () => now,
    hasCommand: () => true,
    processes: () => [{ pid: 1, user: 'root', command: 'sleep 3600', startedAt: now }, ...procs],
    spawn: (command) => {
      const e = { pid: nextPid++, user: 'root', command, startedAt: now }
      procs.push(e)
      return { pid: e.pid, exit: () => procs.splice(procs.indexOf(e), 1) }
    },
    kill: (pid) => {
      killed.push(pid)
      return pid === 1
    },
    resolve: async (n) => hosts[n] ?? [],
    nameserver: '10.96.0.10',
    fetch: async (url) => {
      const u = new URL(url)
      if (!hosts[u.hostname]) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
      if (u.pathname === '/missing') return { status: 404, headers: {}, body: Buffer.from('no\n') }
      return {
        status: 200,
        headers: {},
        body: Buffer.from(`hello from ${u.hostname}${u.pathname}\n`),
      }
    },
    curl: async (argv, stdout) => {
      stdout.write(`curl ${argv.join(' ')}\n`)
      return 0
    },
  }
  const commands = builtinCommands()
  return {
    fs,
    sys,
    killed,
    run: async (argv, stdin, tty) => {
      const out = new Collect()
      const err = new Collect()
      const ctx: ProcessContext = {
        argv,
        env: { PATH: '/bin:/usr/bin', HOME: '/root', HOSTNAME: 'web-0', GREETING: 'hello world' },
        cwd: '/',
        fs,
        stdin:
          stdin === undefined
            ? NO_INPUT
            : {
                async *[Symbol.asyncIterator]() {
                  yield Buffer.from(stdin)
                },
              },
        stdout: out,
        stderr: err,
        signal: new AbortController().signal,
        sys,
        ...(tty ? { tty } : {}),
        shell: (args, c) => commands.get('sh')!({ ...c, argv: ['sh', ...args] }),
      }
      const code = await runProgram(ctx, commands, (m) => err.write(`${m}\n`))
      return { stdout: out.text(), stderr: err.text(), code }
    },
  }
}
