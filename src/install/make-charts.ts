import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, join, relative, resolve } from 'node:path'
import { ActionError } from './action.js'
import { CommandError, type CommandResult } from './command-runner.js'
import { makefileShape, readMakefile } from './oom-makefile.js'

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
  /**
   * How many charts of a stage are linted and have their dependencies updated at once (`make -j`),
   * default 1. The charts of a stage (the other `common/*`, then the other top-level charts, each
   * with its sub-charts first) do not depend on one another, so one helm packages them all; the
   * stages still run in order. Only for a tree without a Makefile.
   */
  jobs?: number
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

/** Returns the names of the sub-folders of `dir`, sorted, as the Makefiles' `wildcard` of sub-folders gives them. */
function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
}

/**
 * Runs `make all` with helm 4. A tree with a top-level `Makefile` (a real OOM checkout) is built
 * as its Makefiles say: for each folder `all` names (common first, the sub-folders minus
 * EXCLUDES, the `onap` umbrella last) `package-%` runs the folder's own Makefile first
 * (`make-%` → `make -C <folder>`, which packages nested charts such as `sdnc/sdnc-prom` and
 * `common/*` into the repository, or runs `cd charts && helm dep up …`), then `helm dep up`,
 * `helm package` and `helm repo index`. The Makefiles are interpreted, not run by make, so that
 * every helm command goes through the lab's helm 4 (its homes, its transcript, the sim's
 * runner); a recipe other than cd/echo/mkdir/helm dep up/helm lint is refused with file:line.
 * A tree without a Makefile (fixtures/charts) is built as described next.
 *
 * Without a Makefile (fixtures/charts/README.md): `common/common` first, the
 * other `common/*` next, then every other chart (its own sub-charts first, dependencies from
 * `requirements.yaml` resolved with `helm dependency update`: `@local` through the repository
 * named `local`, `file://` from disk), the `onap` umbrella last; each stage's charts are
 * packaged by one `helm package` and the repository is re-indexed after each stage. A chart that
 * fails throws an ActionError with helm's message and its path.
 */
export async function makeCharts(o: MakeChartsOptions): Promise<MakeChartsResult> {
  const packaged: string[] = []
  const warnings: string[] = []
  const where = (dir: string): string => join(o.source ?? o.tree, relative(o.tree, dir))
  const reindex = () => o.helm(['repo', 'index', o.dist, '--url', o.repoUrl])
  const jobs = Math.max(1, o.jobs ?? 1)
  mkdirSync(o.dist, { recursive: true })

  // A helm failure on one chart, as an ActionError naming the chart.
  const chartFailed = (dir: string, err: unknown): never => {
    if (!(err instanceof CommandError)) throw err
    throw new ActionError(`chart ${where(dir)} failed to package: ${firstLine(err.output)}`, {
      command: err.command,
      output: err.output,
      hint: `fix the chart at ${where(dir)} (\`helm package ${where(dir)}\` shows the same error)`,
      cause: err,
    })
  }
  const depUpdate = async (dir: string): Promise<void> => {
    if (!existsSync(join(dir, 'requirements.yaml'))) return
    await o.helm(['dependency', 'update', dir]).catch((err: unknown) => chartFailed(dir, err))
  }
  const packageOne = (dir: string) =>
    o.helm(['package', dir, '--destination', o.dist]).catch((err: unknown) => chartFailed(dir, err))
  const pkg = async (dir: string, p: { depOnly?: boolean } = {}): Promise<void> => {
    if (o.lint && !p.depOnly) await lint(dir)
    await depUpdate(dir)
    if (p.depOnly) return
    await packageOne(dir)
    packaged.push(relative(o.tree, dir))
  }
  // The charts of one stage, in order: linted and their dependencies updated (`jobs` at a time),
  // then packaged by ONE helm (`helm package a b … --destination`; each helm costs more to start
  // than to package a chart). When that helm fails, the charts are packaged one by one, so that
  // the error names the chart and its own command.
  const pkgStage = async (dirs: string[]): Promise<void> => {
    if (dirs.length === 0) return
    if (o.lint) await eachAtMost(jobs, dirs, lint)
    await eachAtMost(jobs, dirs, depUpdate)
    try {
      await o.helm(['package', ...dirs, '--destination', o.dist])
    } catch (err) {
      if (!(err instanceof CommandError)) throw err
      for (const dir of dirs) await packageOne(dir)
      throw new ActionError(
        `charts ${dirs.map(where).join(', ')} failed to package together: ${firstLine(err.output)}`,
        { command: err.command, output: err.output, cause: err }
      )
    }
    packaged.push(...dirs.map((d) => relative(o.tree, d)))
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

  if (existsSync(join(o.tree, 'Makefile'))) {
    await makeDir(o.tree, { pkg, lint, helm: o.helm, reindex, where })
    await o.helm(['repo', 'update'])
    return { packaged, warnings }
  }

  const common = join(o.tree, 'common')
  const commonCharts = chartDirs(common)
  const first = commonCharts.filter((d) => basename(d) === 'common')
  await pkgStage(first)
  await reindex()
  await pkgStage(commonCharts.filter((d) => !first.includes(d)))
  await reindex()

  const skip = new Set(['common', 'onap', ...OOM_EXCLUDES])
  await pkgStage(
    chartDirs(o.tree)
      .filter((d) => !skip.has(basename(d)))
      .flatMap((dir) => [...chartDirs(dir), dir])
  )
  await reindex()
  await pkgStage([join(o.tree, 'onap')])
  await reindex()
  await o.helm(['repo', 'update'])
  return { packaged, warnings }
}

interface MakeSteps {
  pkg(dir: string, o?: { depOnly?: boolean }): Promise<void>
  lint(dir: string): Promise<void>
  helm: MakeChartsOptions['helm']
  reindex(): Promise<unknown>
  where(dir: string): string
}

// `make -C dir`: the folder's Makefile, in one of OOM's two shapes.
async function makeDir(dir: string, s: MakeSteps): Promise<void> {
  const mk = readMakefile(join(dir, 'Makefile'))
  const shape = makefileShape(mk, subfolders(dir))
  if (shape.kind === 'package') {
    for (const name of shape.targets) {
      const sub = join(dir, name)
      // package-% → lint-% → dep-% → make-%
      if (existsSync(join(sub, 'Makefile'))) await makeDir(sub, s)
      if (existsSync(join(sub, 'Chart.yaml'))) await s.pkg(sub)
      else if (existsSync(join(sub, 'requirements.yaml'))) await s.pkg(sub, { depOnly: true })
      await s.reindex()
    }
    return
  }
  const file = s.where(join(dir, 'Makefile'))
  for (const step of shape.steps) {
    // Each recipe line runs in its own shell, from the Makefile's folder.
    let cwd = dir
    for (const part of step.text.replace(/^[@-]+/, '').split('&&')) {
      const words = part.trim().split(/\s+/)
      const [cmd, a, b, c] = words
      if (cmd === 'cd' && a) cwd = resolve(cwd, a)
      else if (
        cmd === 'helm' &&
        ((a === 'dep' && b === 'up') || (a === 'dependency' && b === 'update')) &&
        c
      ) {
        await s.pkg(resolve(cwd, c), { depOnly: true })
      } else if (cmd === 'helm' && a === 'lint' && b) await s.lint(resolve(cwd, b))
      else if (cmd === 'echo' || cmd === 'mkdir' || cmd === ':' || cmd === undefined) continue
      else {
        throw new ActionError(
          `${file}:${step.line}: make -C ${s.where(dir)} would run "${part.trim()}", which the lab does not run`,
          { hint: 'the lab runs cd, echo, mkdir, `helm dep up` and `helm lint` from OOM Makefiles' }
        )
      }
    }
  }
}

/**
 * Runs `fn` on every item, at most `jobs` at a time, starting them in order; once one fails no
 * further item starts, and the first failure is thrown when the running ones have ended.
 */
export async function eachAtMost<T>(
  jobs: number,
  items: readonly T[],
  fn: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  let failed: { err: unknown } | undefined
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++]!
      try {
        await fn(item)
      } catch (err) {
        failed ??= { err }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker))
  if (failed) throw failed.err
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '') ?? '(no output)'
}
