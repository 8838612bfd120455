import type { Duplex } from 'node:stream'

/** A container addressed by exec, attach or a log follow. */
export interface ContainerTarget {
  namespace: string
  pod: string
  container: string
}

/** The standard streams of an exec or attach session, as the API server relays them. */
export interface SessionIo {
  /** Bytes the client sends; ends when the client closes stdin. Absent without `stdin=true`. */
  stdin?: AsyncIterable<Buffer>
  stdout(chunk: Buffer | string): void
  stderr(chunk: Buffer | string): void
  tty: boolean
  /** Terminal size changes (the resize channel), latest first. */
  onResize?(listener: (size: { width: number; height: number }) => void): void
  /** Aborted when the client goes away. */
  signal: AbortSignal
}

/** A session the runtime accepted; `run` resolves with the exit code of the process. */
export interface RuntimeSession {
  run(io: SessionIo): Promise<number>
}

/** An HTTP answer from a pod, a service or a node, relayed by the proxy subresources. */
export interface ProxiedResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** A request relayed by `…/proxy/…`: where to, and the request itself. */
export interface ProxiedRequest {
  method: string
  /** Path (with query) on the target, starting with `/`. */
  path: string
  headers: Record<string, string>
  body: Buffer
}

/**
 * Thrown by a runtime when a session cannot start: the HTTP code and message the API server
 * answers with before any upgrade (`container not found ("x")`).
 */
export class RuntimeError extends Error {
  readonly code: number
  constructor(code: number, message: string) {
    super(message)
    this.code = code
    this.name = 'RuntimeError'
  }
}

/**
 * What the API server needs from the kubelets' container runtime for the streaming
 * subresources (exec, attach, port-forward) and the proxies. The sim lab injects it; without
 * one, the API server answers these subresources with a Status that says so.
 */
export interface StreamingRuntime {
  /** Starts `command` in a running container; throws RuntimeError when it cannot. */
  exec(target: ContainerTarget, command: string[], opts: { tty: boolean }): Promise<RuntimeSession>
  /** Attaches to the main process of a running container. */
  attach(target: ContainerTarget, opts: { tty: boolean; stdin: boolean }): Promise<RuntimeSession>
  /** Opens a TCP-like stream to a port of a pod; throws Error with the runtime's message when refused. */
  portForward(namespace: string, pod: string, port: number): Promise<Duplex>
  /** Sends an HTTP request from the host to `http://<host>:<port><path>` through the lab's network. */
  proxy(url: string, req: ProxiedRequest): Promise<ProxiedResponse>
  /** Answers a request to a node's kubelet (`/healthz`, `/pods`, `/stats/summary`, `/metrics`). */
  nodeProxy(node: string, req: ProxiedRequest): Promise<ProxiedResponse>
}
