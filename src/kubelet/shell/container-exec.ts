import type { Duplex } from 'node:stream'
import type {
  ContainerTarget,
  ProxiedRequest,
  ProxiedResponse,
  RuntimeSession,
  SessionIo,
  StreamingRuntime,
} from '../../apiserver/index.js'
import { RuntimeError } from '../../apiserver/index.js'
import type { Container, Pod, Service } from '../../api/core-types.js'
import type { KubeClient } from '../../client/index.js'
import { builtinCommands } from './commands/index.js'
import { ContainerFs } from './container-fs.js'
import { containerEnv, containerMounts } from './container-view.js'
import { MemFs } from './mem-fs.js'
import {
  NO_INPUT,
  type ContainerSystem,
  type Output,
  type ProcessContext,
  type ProcessEntry,
} from './process.js'
import { runProgram } from './shell-interpreter.js'
import { kubeletEndpoint } from './kubelet-endpoints.js'
import type { ContainerUsageMeter } from '../container-usage.js'
import { mainCommand } from './main-command.js'

/** A running pod as its kubelet shows it to the exec runtime. */
export interface PodHandle {
  pod(): Pod
  podIP(): string
  hostIP: string
  /** A container's state; undefined when the pod has no such container. */
  container(name: string):
    | {
        running: boolean
        instance: number
        startedAt: Date
        spec: Container
        commands?: string[]
      }
    | undefined
  /** Ends the container's main process with a code (`kill 1`); the pod's restartPolicy decides what follows. */
  kill(container: string, exitCode: number): void
}

/** Where a request starts: a container of a pod (through its sidecar), or the host. */
export type ExecOrigin = { namespace: string; pod: string; container: string } | 'host'

/** An HTTP request's options, as the network takes them. */
export interface ExecFetchInit {
  method?: string
  headers?: Record<string, string>
  body?: Buffer
  timeoutMs?: number
}

/**
 * What the exec runtime reaches the lab's network through (the sim lab adapts the data plane's
 * network to it once started); errors are the network's NetError (with its errno `code`).
 */
export interface ExecNetwork {
  fetch(
    origin: ExecOrigin,
    url: string,
    init?: ExecFetchInit
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }>
  openStream(target: { namespace: string; pod: string; port: number }): Duplex
  /** curl over the network (the network's engine). */
  runCurl?(
    argv: string[],
    o: {
      origin: ExecOrigin
      stdout: Output
      stderr: Output
      signal?: AbortSignal
      /** stdout is a terminal (`-t`): curl shows no progress meter. */
      tty: boolean
      writeFile(path: string, data: Buffer): void
      readFile(path: string): Buffer
    }
  ): Promise<number>
  /** Resolves a name from a pod (cluster DNS with its search path). */
  resolve?(origin: ExecOrigin, name: string): Promise<string[]>
}

/** Follows a container's log (what attach shows of its main process). */
export interface LogFollower {
  follow(
    namespace: string,
    pod: string,
    container: string,
    opts: { previous: boolean },
    send: (chunk: string) => void,
    end: () => void
  ): () => void
}

interface PodState {
  handle: PodHandle
  volumes: Map<string, MemFs>
  roots: Map<string, MemFs>
  procs: Map<string, ProcessEntry[]>
  nextPid: number
}

/**
 * The kubelets' container runtime for exec, attach, port-forward and the proxies: runs commands
 * inside a container's view (env, volumes, hostname, network through its sidecar) with the
 * simulated shell and tools. One per lab, shared by its kubelets (they register their pods).
 */
export class ContainerExecRuntime implements StreamingRuntime {
  private pods = new Map<string, PodState>()
  private clientOf: () => KubeClient
  private network: ExecNetwork | undefined
  private usage: ContainerUsageMeter | undefined
  private commands = builtinCommands()

  private logs: LogFollower | undefined

  /** `client` is called at each exec (the lab's API server starts after the runtime is made). */
  constructor(client: () => KubeClient, logs?: LogFollower) {
    this.clientOf = client
    this.logs = logs
  }

  /** Sets the network (once the data plane runs). */
  setNetwork(n: ExecNetwork): void {
    this.network = n
  }

  /** Sets what the containers did, for the kubelets' stats and `/metrics/cadvisor`. */
  setUsage(u: ContainerUsageMeter): void {
    this.usage = u
  }

  /** A kubelet registers a pod it runs; returns the unregister function. */
  register(handle: PodHandle): () => void {
    const p = handle.pod()
    const key = `${p.metadata.namespace}/${p.metadata.name}`
    this.pods.set(key, {
      handle,
      volumes: new Map(),
      roots: new Map(),
      procs: new Map(),
      nextPid: 7,
    })
    return () => {
      if (this.pods.get(key)?.handle === handle) this.pods.delete(key)
    }
  }

  private state(t: ContainerTarget) {
    const s = this.pods.get(`${t.namespace}/${t.pod}`)
    const c = s?.handle.container(t.container)
    if (!s || !c || !c.running)
      throw new RuntimeError(500, `container not found ("${t.container}")`)
    return { s, c }
  }

  /** The cluster DNS address pods get (kube-dns's cluster IP; kubeadm's default otherwise). */
  private async clusterDns(): Promise<string> {
    try {
      const svc = await this.clientOf().get<Service>(
        { apiVersion: 'v1', resource: 'services', namespaced: true },
        'kube-dns',
        'kube-system'
      )
      const ip = svc.spec?.clusterIP
      if (ip && ip !== 'None') return ip
    } catch {
      // No kube-dns Service (a bare cluster): the kubelet's --cluster-dns default stands.
    }
    return '10.96.0.10'
  }

  /** Builds a process context for a command in a container. */
  private async context(
    t: ContainerTarget,
    argv: string[],
    tty: boolean
  ): Promise<Omit<ProcessContext, 'stdin' | 'stdout' | 'stderr' | 'signal'>> {
    const { s, c } = this.state(t)
    const pod = s.handle.pod()
    const src = {
      client: this.clientOf(),
      pod,
      container: c.spec,
      podIP: s.handle.podIP(),
      hostIP: s.handle.hostIP,
      podVolumes: s.volumes,
    }
    const env = await containerEnv(src)
    if (tty) env.TERM = 'xterm'
    const { mounts, files } = await containerMounts(src)
    const rootKey = `${t.container}/${c.instance}`
    let root = s.roots.get(rootKey)
    if (!root) {
      root = new MemFs()
      for (const d of [
        '/bin',
        '/etc',
        '/tmp',
        '/root',
        '/var/log',
        '/usr/bin',
        '/home',
        '/proc',
        '/dev',
      ])
        root.mkdir(d, true)
      s.roots.set(rootKey, root)
    }
    const hostname = String(pod.spec?.hostname ?? pod.metadata.name ?? '')
    root.write('/etc/hostname', Buffer.from(`${hostname}\n`))
    root.write(
      '/etc/hosts',
      Buffer.from(`127.0.0.1\tlocalhost\n${s.handle.podIP()}\t${hostname}\n`)
    )
    const ns = pod.metadata.namespace ?? ''
    const nameserver = await this.clusterDns()
    root.write(
      '/etc/resolv.conf',
      Buffer.from(
        `nameserver ${nameserver}\nsearch ${ns}.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n`
      )
    )
    for (const [p, data] of files) root.write(p, data)
    const fs = new ContainerFs(root, mounts)
    const procKey = t.container
    const procs = s.procs.get(procKey) ?? []
    s.procs.set(procKey, procs)
    const origin: ExecOrigin = { namespace: t.namespace, pod: t.pod, container: t.container }
    const net = () => {
      if (!this.network)
        throw Object.assign(new Error('network is unreachable'), { code: 'ECONNREFUSED' })
      return this.network
    }
    const have = c.commands
    const cwd = String(c.spec.workingDir ?? '/')
    const sys: ContainerSystem = {
      hostname,
      now: () => new Date(),
      hasCommand: (n) => (have ? have.includes(n) || have.includes('*') : true),
      processes: () => [
        { pid: 1, user: 'root', command: mainCommand(c.spec), startedAt: c.startedAt },
        ...procs,
      ],
      spawn: (command) => {
        const entry = { pid: s.nextPid++, user: 'root', command, startedAt: new Date() }
        procs.push(entry)
        return { pid: entry.pid, exit: () => procs.splice(procs.indexOf(entry), 1) }
      },
      kill: (pid, signal) => {
        if (pid === 1) {
          const code = signal === 'KILL' || signal === '9' ? 137 : 143
          setTimeout(() => s.handle.kill(t.container, code), 10)
          return true
        }
        return procs.some((p) => p.pid === pid)
      },
      resolve: async (name) => {
        const n = net()
        if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return [name]
        if (n.resolve) return n.resolve(origin, name)
        return []
      },
      nameserver,
      fetch: async (url, init) => net().fetch(origin, url, init),
      curl: async (args, stdout, stderr, signal, onTty) => {
        const n = this.network
        if (!n?.runCurl) {
          stderr.write('curl: (7) Failed to connect: network is unreachable\n')
          return 7
        }
        return n.runCurl(args, {
          origin,
          stdout,
          stderr,
          signal,
          tty: onTty === true,
          writeFile: (p, data) => fs.write(ContainerFs.abs(cwd, p), data),
          readFile: (p) => fs.read(ContainerFs.abs(cwd, p)),
        })
      },
    }
    return {
      argv,
      env,
      cwd,
      fs,
      sys,
      tty,
      shell: (args, ctx) => this.commands.get('sh')!({ ...ctx, argv: ['sh', ...args] }),
    }
  }

  /** Runs a command to its end without a client (a container's own command, probes, tests). */
  async run(
    t: ContainerTarget,
    argv: string[],
    io: { stdout: Output; stderr: Output; stdin?: AsyncIterable<Buffer>; signal: AbortSignal }
  ): Promise<number> {
    const base = await this.context(t, argv, false)
    const ctx: ProcessContext = {
      ...base,
      stdin: io.stdin ?? NO_INPUT,
      stdout: io.stdout,
      stderr: io.stderr,
      signal: io.signal,
    }
    return runProgram(ctx, this.commands, (m) => io.stderr.write(`${m}\n`))
  }

  async exec(
    t: ContainerTarget,
    command: string[],
    opts: { tty: boolean }
  ): Promise<RuntimeSession> {
    this.state(t)
    return {
      run: async (io: SessionIo) => {
        const base = await this.context(t, command, opts.tty)
        // The session ends with the client, or with the container (killed, restarted, deleted).
        const ended = new AbortController()
        const onClient = () => ended.abort()
        io.signal.addEventListener('abort', onClient, { once: true })
        const instance = this.state(t).c.instance
        const watch = setInterval(() => {
          if (this.instance(t) !== instance) ended.abort()
        }, 200)
        const ctx: ProcessContext = {
          ...base,
          stdin: io.stdin ?? NO_INPUT,
          stdout: { write: (b) => io.stdout(b) },
          stderr: { write: (b) => io.stderr(b) },
          signal: ended.signal,
        }
        try {
          return await this.start(t, command, ctx, io)
        } finally {
          clearInterval(watch)
          io.signal.removeEventListener('abort', onClient)
        }
      },
    }
  }

  /** The running instance of the target container (undefined when it does not run). */
  private instance(t: ContainerTarget): number | undefined {
    const c = this.pods.get(`${t.namespace}/${t.pod}`)?.handle.container(t.container)
    return c?.running ? c.instance : undefined
  }

  /** Starts an exec'd command; one the image does not have fails as the runtime fails it (126). */
  private start(
    t: ContainerTarget,
    command: string[],
    ctx: ProcessContext,
    io: SessionIo
  ): Promise<number> {
    const name = command[0] ?? ''
    const base = name.split('/').pop() ?? ''
    const { c } = this.state(t)
    const known = c.commands
      ? c.commands.includes('*') || c.commands.includes(base)
      : this.commands.has(base)
    const script = name.includes('/') && ctx.fs.stat(ContainerFs.abs('/', name))?.type === 'file'
    if (!known && !script) {
      io.stdout(
        `OCI runtime exec failed: exec failed: container_linux.go:348: starting container process caused "exec: \\"${name}\\": executable file not found in $PATH": unknown\r\n`
      )
      return Promise.resolve(126)
    }
    return runProgram(ctx, this.commands, (m) => io.stderr(`${m}\n`))
  }

  async attach(
    t: ContainerTarget,
    _opts: { tty: boolean; stdin: boolean }
  ): Promise<RuntimeSession> {
    this.state(t)
    const logs = this.logs
    return {
      run: (io) =>
        new Promise<number>((resolve) => {
          // The main process's output is its log: attach shows what it writes from now on,
          // until it ends or the client detaches.
          const stop = logs
            ? logs.follow(
                t.namespace,
                t.pod,
                t.container,
                { previous: false },
                (c) => io.stdout(c),
                () => resolve(0)
              )
            : () => undefined
          io.signal.addEventListener('abort', () => {
            stop()
            resolve(0)
          })
        }),
    }
  }

  async portForward(namespace: string, pod: string, port: number): Promise<Duplex> {
    const s = this.pods.get(`${namespace}/${pod}`)
    const sandbox = (s?.handle.pod().metadata.uid ?? pod).replace(/-/g, '')
    const fail = (why: string) =>
      new Error(
        `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/cni-${sandbox.slice(0, 8)}": failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: ${why} IPv6 dial tcp6 [::1]:${port}: connect: ${why} `
      )
    if (!this.network) throw fail('network is unreachable')
    try {
      return this.network.openStream({ namespace, pod, port })
    } catch {
      throw fail('connection refused')
    }
  }

  async proxy(url: string, req: ProxiedRequest): Promise<ProxiedResponse> {
    if (!this.network) throw new RuntimeError(503, 'no network in this lab')
    return this.network.fetch('host', url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
    })
  }

  async nodeProxy(node: string, req: ProxiedRequest): Promise<ProxiedResponse> {
    const pods = [...this.pods.values()]
      .map((p) => p.handle.pod())
      .filter((p) => p.spec?.nodeName === node)
    return kubeletEndpoint(node, pods, req.path, this.usage)
  }
}
