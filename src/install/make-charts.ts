import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { ActionError } from './action.js'
import { CommandError, type CommandResult } from './command-runner.js'

/** The top-level folders of OOM's `kubernetes/` that `make all` skips (OOM's Makefile EXCLUDES). */
export const OOM_EXCLUDES = ['config', 'oneclick', 'readiness', 'test', 'dist', 'helm', 'dcae']

/** What `make all` works on and with. */
export interface MakeChartsOptions {
  /** The working copy of the chart tree (helm writes charts/ and requirements.lock into it). */
  tree: string
  /** The tree the working copy was made from, for messages; default `tree`. */
  source?: string
  /** The chart repository's directory. */
  dist: string
  /** The URL the repository is served at (`helm repo index --url`). */
  repoUrl: string
  /** Runs helm; throws a CommandError on failure unless `nothrow`. */
  helm(args: string[], o?: { nothrow?: boolean }): Promise<CommandResult>
  /** Lint each chart first; problems are only reported through `warn`. */
  lint?: boolean
  warn?(msg: string): void
}

/** What `make all` did. */
export interface MakeChartsResult {
  /** The packaged charts' folders, relative to the tree, in packaging order. */
  packaged: string[]
  warnings: string[]
}

/** Returns the sub-folders of `dir` that hold a chart, sorted, `charts/` left out. */
export function chartDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'charts' && !e.name.startsWith('.'))
    .filter((e) => existsSync(join(dir, e.name, 'Chart.yaml')))
    .map((e) => join(dir, e.name))
    .sort()
}

/**
 * Copies a chart tree to `work` (replacing it), after checking it looks like OOM's
 * `kubernetes/`: a folder with `common/` charts and the `onap` umbrella.
 */
export function copyChartTree(source: string, work: string): void {
  const hint = '--charts wants an OOM kubernetes/ tree: the folder with common/ and onap/'
  if (!existsSync(source) || !statSync(source).isDirectory()) {
    throw new ActionError(`the chart directory ${source} does not exist`, { hint })
  }
  for (const need of ['common', 'onap']) {
    if (!existsSync(join(source, need))) {
      throw new ActionError(`the chart directory ${source} has no ${need}/`, { hint })
    }
  }
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  cpSync(source, work, { recursive: true })
}

/**
 * Runs OOM's `make all` with helm 4 (fixtures/charts/README.md): `common/common` first, the
 * other `common/*` next, then every other chart (its own sub-charts first, dependencies from
 * `requirements.yaml` resolved with `helm dependency update`: `@local` through the repository
 * named `local`, `file://` from disk), the `onap` umbrella last; the repository is re-indexed
 * after each stage. A chart that fails throws an ActionError with helm's message and its path.
 */
export async function makeCharts(o: MakeChartsOptions): Promise<MakeChartsResult> {
  const packaged: string[] = []
  const warnings: string[] = []
  const where = (dir: string): string => join(o.source ?? o.tree, relative(o.tree, dir))
  const reindex = () => o.helm(['repo', 'index', o.dist, '--url', o.repoUrl])
  mkdirSync(o.dist, { recursive: true })

  const pkg = async (dir: string): Promise<void> => {
    if (o.lint) await lint(dir)
    try {
      if (existsSync(join(dir, 'requirements.yaml'))) {
        await o.helm(['dependency', 'update', dir])
      }
      await o.helm(['package', dir, '--destination', o.dist])
    } catch (err) {
      if (!(err instanceof CommandError)) throw err
      throw new ActionError(`chart ${where(dir)} failed to package: ${firstLine(err.output)}`, {
        command: err.command,
        output: err.output,
        hint: `fix the chart at ${where(dir)} (\`helm package ${where(dir)}\` shows the same error)`,
        cause: err,
      })
    }
    packaged.push(relative(o.tree, dir))
  }
  const lint = async (dir: string): Promise<void> => {
    const r = await o.helm(['lint', dir], { nothrow: true })
    const problems = `${r.stdout}\n${r.stderr}`
      .split('\n')
      .filter((l) => /\[(WARNING|ERROR)\]|^Error/.test(l))
    for (const p of problems) {
      const msg = `helm lint ${where(dir)}: ${p.trim()}`
      warnings.push(msg)
      o.warn?.(msg)
    }
  }

  const common = join(o.tree, 'common')
  const commonCharts = chartDirs(common)
  const first = commonCharts.filter((d) => basename(d) === 'common')
  for (const dir of first) await pkg(dir)
  await reindex()
  for (const dir of commonCharts.filter((d) => !first.includes(d))) await pkg(dir)
  await reindex()

  const skip = new Set(['common', 'onap', ...OOM_EXCLUDES])
  for (const dir of chartDirs(o.tree).filter((d) => !skip.has(basename(d)))) {
    for (const sub of chartDirs(dir)) await pkg(sub)
    await pkg(dir)
  }
  await reindex()
  await pkg(join(o.tree, 'onap'))
  await reindex()
  await o.helm(['repo', 'update'])
  return { packaged, warnings }
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '') ?? '(no output)'
}
