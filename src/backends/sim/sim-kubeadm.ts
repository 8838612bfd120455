import { isStatusError } from '../../api/errors.js'
import { asObject, type KubeObject } from '../../api/types.js'
import type { KubeClient } from '../../client/index.js'
import {
  bootstrapTokenSecret,
  caCertHash,
  JoinRefusedError,
  kubeadmInit,
  newBootstrapToken,
  parseJoinCommand,
  validateJoin,
  type KubeadmInit,
  type Topology,
} from '../../cluster/index.js'
import { renderKubeconfig, systemRandom, type Random } from '../../util/index.js'

/** What a kubeadm run printed, as a command would, and what `init` gave as data. */
export interface CommandResult {
  code: number
  stdout: string
  stderr: string
  /** `kubeadm init`'s join command parts (its stdout is their text). */
  data?: KubeadmInit
}

/** What kubeadm asks of the machines: start the kubelet (and control plane) of a node. */
export interface Machines {
  /** Starts the master's control-plane components and kubelet. */
  initMaster(): Promise<void>
  /** Starts the kubelet of a worker that has joined. */
  startWorker(nodeName: string): Promise<void>
  /** Returns true when the node's kubelet is already running. */
  running(nodeName: string): boolean
}

const SECRETS = { apiVersion: 'v1', resource: 'secrets', namespaced: true }
const CONFIGMAPS = { apiVersion: 'v1', resource: 'configmaps', namespaced: true }

/**
 * Emulates kubeadm 1.11 on the lab's machines: `init` on the master (bootstrap token Secret,
 * the kube-public/cluster-info ConfigMap, control plane start, the join command with the CA pin),
 * `join` on a worker (token and CA pin checked against the cluster as kubeadm's discovery does;
 * refused with kubeadm's text and nothing registered), `token list`.
 */
export class SimKubeadm {
  private client: KubeClient
  private topology: Topology
  private caPem: string
  private server: string
  private machines: Machines
  private now: () => Date
  private random: Random

  constructor(o: {
    client: KubeClient
    topology: Topology
    caPem: string
    server: string
    machines: Machines
    now?: () => Date
    /** Where bootstrap tokens come from (seeded: the same token each run). */
    random?: Random
  }) {
    this.client = o.client
    this.topology = o.topology
    this.caPem = o.caPem
    this.server = o.server
    this.machines = o.machines
    this.now = o.now ?? (() => new Date())
    this.random = o.random ?? systemRandom()
  }

  /** Returns the `host:port` kubeadm join is pointed at (the API server's address). */
  endpoint(): string {
    return new URL(this.server).host
  }

  /**
   * Creates the cluster as the page does by hand: `kubeadm init` on the control-plane node, then,
   * unless `join` is false, the join command it printed on every worker (one after the other, or
   * all at once with `parallel`). Returns that join command; throws kubeadm's error.
   */
  async bootstrap(o: { join?: boolean; parallel?: boolean } = {}): Promise<string> {
    const master = this.topology.nodes.find((n) => n.role === 'control-plane')
    if (!master) throw new Error('kubeadm init needs a control-plane node in the topology')
    const init = await this.init(master.name).catch((err: unknown) => {
      throw new Error(`kubeadm init failed: ${message(err)}\n`, { cause: err })
    })
    if (o.join === false) return init.joinCommand
    const args = init.joinArgv.slice(1)
    const join = async (name: string) => {
      const r = await this.run(name, args)
      if (r.code !== 0) throw new Error(`kubeadm join ${name} failed: ${r.stderr}`)
    }
    const workers = this.topology.nodes.filter((n) => n.role === 'worker').map((n) => n.name)
    if (o.parallel) await Promise.all(workers.map(join))
    else for (const w of workers) await join(w)
    return init.joinCommand
  }

  /** Runs `kubeadm <args>` on a machine. */
  async run(nodeName: string, args: string[]): Promise<CommandResult> {
    const [cmd, ...rest] = args
    try {
      if (cmd === 'init') {
        const init = await this.init(nodeName)
        return { ...ok(init.output), data: init }
      }
      if (cmd === 'join') return ok(await this.join(nodeName, rest))
      if (cmd === 'token' && rest[0] === 'list') return ok(await this.tokenList())
      if (cmd === 'token' && rest[0] === 'create') return ok(`${await this.createToken()}\n`)
      return {
        code: 1,
        stdout: '',
        stderr: `Error: unknown command "${args.join(' ')}" for "kubeadm"\n`,
      }
    } catch (err) {
      return { code: 1, stdout: '', stderr: `${message(err)}\n` }
    }
  }

  /** Initialises the control plane on the master; returns the join command's parts and kubeadm's text. */
  async init(nodeName: string): Promise<KubeadmInit> {
    const master = this.topology.nodes.find((n) => n.role === 'control-plane')
    if (!master || master.name !== nodeName)
      throw new Error(
        `kubeadm init runs on the control-plane node ${master?.name ?? '?'}, not on ${nodeName}`
      )
    if (this.machines.running(nodeName)) {
      throw new Error(
        '[preflight] Some fatal errors occurred:\n\t[ERROR Port-10250]: Port 10250 is in use\n[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`'
      )
    }
    await this.ensureNamespace('kube-public')
    const kubeconfig = renderKubeconfig({
      clusterName: '',
      server: this.server,
      caPem: this.caPem,
      user: '',
    })
    await this.client
      .create(CONFIGMAPS, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cluster-info', namespace: 'kube-public' },
        data: { kubeconfig },
      })
      .catch(ignoreExists)
    const token = await this.createToken()
    await this.machines.initMaster()
    return kubeadmInit(this.endpoint(), token, caCertHash(this.caPem))
  }

  /** Joins a worker; throws kubeadm's error, registering nothing, when the token or CA pin is wrong. */
  async join(nodeName: string, argv: string[]): Promise<string> {
    const node = this.topology.nodes.find((n) => n.name === nodeName)
    if (!node) throw new Error(`no machine named ${nodeName} in the lab`)
    const args = parseJoinCommand(argv)
    if (this.machines.running(nodeName)) {
      throw new Error(
        '[preflight] Some fatal errors occurred:\n\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists'
      )
    }
    const tokens = await this.tokens()
    try {
      validateJoin(
        {
          endpoint: args.endpoint,
          token: args.token,
          caCertHashes: args.caCertHashes,
          ...(args.unsafeSkipCAVerification ? { unsafeSkipCAVerification: true } : {}),
          now: this.now(),
        },
        { tokens, caCertPem: this.caPem }
      )
    } catch (err) {
      if (err instanceof JoinRefusedError)
        throw new Error(`kubeadm join refused on ${nodeName}: ${err.message}`, { cause: err })
      throw err
    }
    if (args.endpoint !== this.endpoint()) {
      throw new Error(
        `[discovery] Failed to request cluster info, will try again: [Get https://${args.endpoint}/api/v1/namespaces/kube-public/configmaps/cluster-info: dial tcp ${args.endpoint}: connect: connection refused]`
      )
    }
    await this.machines.startWorker(nodeName)
    return [
      '[preflight] running pre-flight checks',
      `[discovery] Trying to connect to API Server "${args.endpoint}"`,
      `[discovery] Successfully established connection with API Server "${args.endpoint}"`,
      '[kubelet] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
      '[preflight] Activating the kubelet service',
      '[tlsbootstrap] Waiting for the kubelet to perform the TLS Bootstrap...',
      '',
      'This node has joined the cluster:',
      '* Certificate signing request was sent to master and a response',
      '  was received.',
      '* The Kubelet was informed of the new secure connection details.',
      '',
      "Run 'kubectl get nodes' on the master to see this node join the cluster.",
      '',
    ].join('\n')
  }

  /** Returns `kubeadm token list` output. */
  async tokenList(): Promise<string> {
    const rows = (await this.tokens()).map(
      (t) =>
        `${t.token.padEnd(24)}${'23h'.padEnd(5)}${(t.expires ?? '<forever>').padEnd(26)}authentication,signing   The default bootstrap token generated by 'kubeadm init'.   system:bootstrappers:kubeadm:default-node-token`
    )
    return [
      'TOKEN                   TTL  EXPIRES                   USAGES                   DESCRIPTION                                                EXTRA GROUPS',
      ...rows,
      '',
    ].join('\n')
  }

  private async createToken(): Promise<string> {
    const bt = newBootstrapToken((n) => this.random.bytes(n), this.now())
    await this.client.create(SECRETS, bootstrapTokenSecret(bt))
    return bt.token
  }

  private async tokens(): Promise<{ token: string; expires?: string }[]> {
    const list = await this.client.list(SECRETS, {
      namespace: 'kube-system',
      fieldSelector: 'type=bootstrap.kubernetes.io/token',
    })
    return list.items.map((s: KubeObject) => {
      const data = asObject(s.data) as Record<string, string>
      const dec = (k: string) =>
        data[k] ? Buffer.from(data[k], 'base64').toString('utf8') : undefined
      const expires = dec('expiration')
      return {
        token: `${dec('token-id') ?? ''}.${dec('token-secret') ?? ''}`,
        ...(expires ? { expires } : {}),
      }
    })
  }

  private async ensureNamespace(name: string): Promise<void> {
    await this.client
      .create(
        { apiVersion: 'v1', resource: 'namespaces', namespaced: false },
        { metadata: { name } }
      )
      .catch(ignoreExists)
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function ok(stdout: string): CommandResult {
  return { code: 0, stdout, stderr: '' }
}

function ignoreExists(err: unknown): undefined {
  if (isStatusError(err, 'AlreadyExists')) return undefined
  throw err
}
