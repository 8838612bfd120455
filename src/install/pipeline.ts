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
import { loadInstallSteps, type InstallStep } from './install-steps.js'

/**
 * Returns the install sequence's actions, in the page's order, from lab/install/steps.yaml (or
 * the given steps) and the lab's options. On an existing cluster there is no master to create.
 */
export function newPipeline(opts: InstallOptions, steps?: readonly InstallStep[]): Action[] {
  const all = steps ?? loadInstallSteps(opts.root)
  const step = (name: string): InstallStep => {
    const found = all.find((s) => s.name === name)
    if (!found) throw new Error(`lab/install/steps.yaml has no step "${name}"`)
    return found
  }
  const paths = installPaths(opts.stateDir)
  const nodes = opts.topology.nodes
  const lab = join(opts.root, 'lab', 'install')
  const charts = opts.profile.charts
  const actions: Action[] = []

  if (opts.backend !== 'existing') {
    actions.push(
      master.newAction(step('master'), {
        cni: opts.cni ?? join(lab, 'calico.yaml'),
        addons: join(lab, 'kubeadm-addons.yaml'),
        ...(opts.kubeadmDoneBy ? { doneBy: opts.kubeadmDoneBy } : {}),
      })
    )
    actions.push(
      joinWorkers.newAction(step('workers'), {
        workers: nodes.filter((n) => n.role === 'worker').map((n) => n.name),
        nodes: nodes.map((n) => n.name),
        endpoint: opts.topology.apiServerEndpoint,
        ...(opts.joinCommand ? { joinCommand: opts.joinCommand } : {}),
        ...(opts.kubeadmDoneBy ? { doneBy: opts.kubeadmDoneBy } : {}),
      })
    )
  }
  actions.push(
    installIstio.newAction(step('istio'), {
      manifest: join(opts.root, 'fixtures', 'istio', 'istio.yaml'),
      ...(opts.auth ? { authManifest: join(lab, 'istio-auth.yaml') } : {}),
      policy: opts.profile.istio.injectorPolicy,
      injectorFile: join(opts.stateDir, 'istio-sidecar-injector.yaml'),
      ...(opts.waitTimeoutMs ? { timeoutMs: opts.waitTimeoutMs } : {}),
    })
  )
  actions.push(commands.newAction(step('namespace')))
  actions.push(
    chartRepo.newAction(step('chart-repo'), {
      host: opts.repo?.host ?? '127.0.0.1',
      port: opts.repo?.port ?? HELM_SERVE_PORT,
      dist: paths.dist,
      ...(opts.repo?.serve === false ? { serve: false } : {}),
      ...(opts.repo?.fallback ? { fallback: true } : {}),
    })
  )
  actions.push(
    makeCharts.newAction(step('charts'), {
      source: opts.charts ?? join(opts.root, 'fixtures', 'charts'),
      tree: paths.chartTree,
      dist: paths.dist,
      charts: [...new Set(charts.map((c) => c.chart))],
      ...(opts.lint ? { lint: true } : {}),
    })
  )
  for (const c of charts) {
    actions.push(helmInstall.newAction(step('release'), { ...c, tree: paths.chartTree }))
  }
  if (charts.length > 0) {
    actions.push(
      waitReady.newAction(step('ready'), {
        namespaces: [...new Set(charts.map((c) => c.namespace))],
        ...(opts.waitTimeoutMs ? { timeoutMs: opts.waitTimeoutMs } : {}),
      })
    )
  }
  actions.push(getAll.newAction(step('get-all')))
  return actions
}

/** Returns a dry run's plan of the actions: each step's title, then the commands it runs. */
export function planPipeline(actions: readonly Action[]): string[] {
  return actions.flatMap((a) => [
    `# ${a.name}: ${a.title}${a.until ? ` (--until ${a.until})` : ''}`,
    ...a.plan(),
  ])
}
