import { join } from 'node:path'
import { installPaths, type Action, type InstallOptions } from './action.js'
import * as chartRepo from './actions/chart-repo/index.js'
import * as commands from './actions/commands/index.js'
import * as getAll from './actions/get-all/index.js'
import * as helmInstall from './actions/helm-install/index.js'
import * as installIstio from './actions/install-istio/index.js'
import * as joinWorkers from './actions/join-workers/index.js'
import * as makeCharts from './actions/make-charts/index.js'
import * as master from './actions/master/index.js'
import * as waitReady from './actions/wait-ready/index.js'
import { HELM_SERVE_PORT } from './chart-repo-server.js'
import type { InstallStep } from './install-steps.js'

/**
 * Makes the actions of one step from the lab's options: none when the step does not apply to
 * this lab (no master to create on an existing cluster), several when it repeats (one release
 * per chart of the profile).
 */
export type ActionBuilder = (step: InstallStep, opts: InstallOptions) => Action[]

const labFile = (opts: InstallOptions, name: string) => join(opts.root, 'lab', 'install', name)
const ownsNodes = (opts: InstallOptions) => opts.backend !== 'existing'
const kubeadm = (opts: InstallOptions) => (opts.kubeadmDoneBy ? { doneBy: opts.kubeadmDoneBy } : {})
const waitTimeout = (opts: InstallOptions) =>
  opts.waitTimeoutMs ? { timeoutMs: opts.waitTimeoutMs } : {}

/** The builder of each `action:` lab/install/steps.yaml may name (src/install/actions/<action>). */
export const ACTIONS: Readonly<Record<string, ActionBuilder>> = {
  master: (step, opts) =>
    ownsNodes(opts)
      ? [
          master.newAction(step, {
            cni: opts.cni ?? labFile(opts, 'calico.yaml'),
            addons: labFile(opts, 'kubeadm-addons.yaml'),
            ...kubeadm(opts),
          }),
        ]
      : [],
  'join-workers': (step, opts) => {
    const nodes = opts.topology.nodes
    if (!ownsNodes(opts)) return []
    return [
      joinWorkers.newAction(step, {
        workers: nodes.filter((n) => n.role === 'worker').map((n) => n.name),
        nodes: nodes.map((n) => n.name),
        endpoint: opts.topology.apiServerEndpoint,
        ...(opts.joinCommand ? { joinCommand: opts.joinCommand } : {}),
        ...kubeadm(opts),
      }),
    ]
  },
  'install-istio': (step, opts) => [
    installIstio.newAction(step, {
      manifest: join(opts.root, 'fixtures', 'istio', 'istio.yaml'),
      ...(opts.auth ? { authManifest: labFile(opts, 'istio-auth.yaml') } : {}),
      policy: opts.profile.istio.injectorPolicy,
      injectorFile: join(opts.stateDir, 'istio-sidecar-injector.yaml'),
      ...waitTimeout(opts),
    }),
  ],
  commands: (step) => [commands.newAction(step)],
  'chart-repo': (step, opts) => [
    chartRepo.newAction(step, {
      host: opts.repo?.host ?? '127.0.0.1',
      port: opts.repo?.port ?? HELM_SERVE_PORT,
      dist: installPaths(opts.stateDir).dist,
      ...(opts.repo?.serve === false ? { serve: false } : {}),
      ...(opts.repo?.fallback ? { fallback: true } : {}),
    }),
  ],
  'make-charts': (step, opts) => {
    const paths = installPaths(opts.stateDir)
    return [
      makeCharts.newAction(step, {
        source: opts.charts ?? join(opts.root, 'fixtures', 'charts'),
        tree: paths.chartTree,
        dist: paths.dist,
        charts: [...new Set(opts.profile.charts.map((c) => c.chart))],
        ...(opts.lint ? { lint: true } : {}),
      }),
    ]
  },
  'helm-install': (step, opts) =>
    opts.profile.charts.map((c) =>
      helmInstall.newAction(step, { ...c, tree: installPaths(opts.stateDir).chartTree })
    ),
  'wait-ready': (step, opts) => {
    const charts = opts.profile.charts
    if (charts.length === 0) return []
    const namespaces = [...new Set(charts.map((c) => c.namespace))]
    return [waitReady.newAction(step, { namespaces, ...waitTimeout(opts) })]
  },
  'get-all': (step) => [getAll.newAction(step)],
}
