/** What `kubeadm init` printed: the join command and its parts. */
export interface KubeadmInitResult {
  /** `kubeadm join <endpoint> --token <token> --discovery-token-ca-cert-hash sha256:<hex>`. */
  joinCommand: string
  token: string
  /** `sha256:<hex>`. */
  caCertHash: string
  /** Further command lines that ran (kind's `docker exec … kubeadm token create`), for the transcript. */
  commands?: string[]
}

/**
 * The kubeadm side of a backend: how the master is created and a worker joins. The sim emulates
 * kubeadm; on kind both were done by `kind create cluster`, so they only report.
 */
export interface ClusterOps {
  /** Runs `kubeadm init` on the master and returns the join command it printed. */
  kubeadmInit(): Promise<KubeadmInitResult>
  /**
   * Runs `kubeadm join <args>` on a worker (args without `kubeadm`, starting with `join`);
   * rejects with kubeadm's message when the token or the CA hash is refused.
   */
  kubeadmJoin(nodeName: string, args: string[]): Promise<void>
  /**
   * true when kubeadmInit already created kubeadm's addons (kube-proxy, CoreDNS); otherwise the
   * master step applies `lab/install/kubeadm-addons.yaml` itself.
   */
  readonly addonsIncluded?: boolean
  /**
   * The command line kubeadmInit runs on the master, exactly, for the transcript (the sim:
   * `kubeadm init`, replayable with `npx mesh-lab kubeadm init`); default the step's own line.
   */
  readonly initCommand?: string
  /**
   * Set when another tool already ran kubeadm (`kind create cluster`): the transcript then says
   * so instead of listing `kubeadm init` / `kubeadm join` as commands to replay.
   */
  readonly doneBy?: string
  /**
   * Serves the chart repository directory at host:port from a process that outlives the install
   * (the sim's master machine runs `helm serve`); returns its URL. Absent: the install serves it
   * itself for as long as it runs.
   */
  serveCharts?(dir: string, host: string, port: number): Promise<string>
}
