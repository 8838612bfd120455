import type { JoinRequest } from './join-validation.js'

/**
 * Returns the join command `kubeadm init` 1.11 prints:
 * `kubeadm join <endpoint> --token <token> --discovery-token-ca-cert-hash sha256:<hex>`.
 */
export function joinCommand(endpoint: string, token: string, caCertHash: string): string {
  return kubeadmInit(endpoint, token, caCertHash).joinCommand
}

/** What `kubeadm init` 1.11 gives: the join command's parts, and the text it printed. */
export interface KubeadmInit {
  /** `host:port` of the API server the join command points at. */
  endpoint: string
  /** The master's address (the endpoint's host). */
  masterAddress: string
  /** The bootstrap token, `<id>.<secret>`. */
  token: string
  /** The CA pin, `sha256:<hex>`. */
  caCertHash: string
  /** The join command's words: `kubeadm join <endpoint> --token … --discovery-token-ca-cert-hash …`. */
  joinArgv: string[]
  /** The join command as kubeadm prints it (its words joined by blanks). */
  joinCommand: string
  /** What kubeadm printed (the transcript and the machine socket show it). */
  output: string
}

/** Returns what `kubeadm init` 1.11 gives for a master at `endpoint` with a token and CA pin. */
export function kubeadmInit(endpoint: string, token: string, caCertHash: string): KubeadmInit {
  const hash = caCertHash.startsWith('sha256:') ? caCertHash : `sha256:${caCertHash}`
  const joinArgv = [
    'kubeadm',
    'join',
    endpoint,
    '--token',
    token,
    '--discovery-token-ca-cert-hash',
    hash,
  ]
  const joinCommand = joinArgv.join(' ')
  return {
    endpoint,
    masterAddress: new URL(`https://${endpoint}`).hostname,
    token,
    caCertHash: hash,
    joinArgv,
    joinCommand,
    output: kubeadmInitSuccessMessage(joinCommand),
  }
}

/** Returns the closing text `kubeadm init` 1.11 prints on success, ending with the join command. */
export function kubeadmInitSuccessMessage(join: string): string {
  return [
    'Your Kubernetes master has initialized successfully!',
    '',
    'To start using your cluster, you need to run the following as a regular user:',
    '',
    '  mkdir -p $HOME/.kube',
    '  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config',
    '  sudo chown $(id -u):$(id -g) $HOME/.kube/config',
    '',
    'You should now deploy a pod network to the cluster.',
    'Run "kubectl apply -f [podnetwork].yaml" with one of the options listed at:',
    '  https://kubernetes.io/docs/concepts/cluster-administration/addons/',
    '',
    'You can now join any number of machines by running the following on each node',
    'as root:',
    '',
    `  ${join}`,
    '',
  ].join('\n')
}

/** The join arguments of a `kubeadm join` command line (without the clock). */
export type JoinArgs = Omit<JoinRequest, 'now'> & { nodeName?: string }

const VALUE_FLAGS = new Set([
  'token',
  'discovery-token-ca-cert-hash',
  'node-name',
  'ignore-preflight-errors',
  'cri-socket',
  'config',
])

/**
 * Returns the arguments of a `kubeadm join` command line (a string split on blanks, or argv),
 * with or without a leading `sudo kubeadm join`. Unknown flags are refused as cobra does.
 */
export function parseJoinCommand(command: string | readonly string[]): JoinArgs {
  const argv = typeof command === 'string' ? command.trim().split(/\s+/) : [...command]
  while (argv[0] === 'sudo' || argv[0] === 'kubeadm' || argv[0] === 'join') argv.shift()
  const args: JoinArgs = { endpoint: '', token: '', caCertHashes: [] }
  const endpoints: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) {
      endpoints.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq < 0 ? undefined : eq)
    if (name === 'discovery-token-unsafe-skip-ca-verification') {
      args.unsafeSkipCAVerification = eq < 0 || arg.slice(eq + 1) === 'true'
      continue
    }
    if (!VALUE_FLAGS.has(name)) throw new Error(`unknown flag: --${name}`)
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined) throw new Error(`flag needs an argument: --${name}`)
    if (name === 'token') args.token = value
    else if (name === 'discovery-token-ca-cert-hash') args.caCertHashes.push(...value.split(','))
    else if (name === 'node-name') args.nodeName = value
  }
  args.endpoint = endpoints[0] ?? ''
  return args
}
