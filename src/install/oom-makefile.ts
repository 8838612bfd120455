import { readFileSync } from 'node:fs'
import { ActionError } from './action.js'

/** One rule of a Makefile: `target: prerequisites` and its recipe lines. */
export interface MakeRule {
  target: string
  prerequisites: string[]
  recipe: { text: string; line: number }[]
  line: number
}

/** A Makefile as far as OOM's use them: `:=`/`=` variables and rules. */
export interface ParsedMakefile {
  file: string
  vars: Map<string, string>
  rules: MakeRule[]
}

/** What an OOM Makefile does when `make` runs it without a goal. */
export type MakefileShape =
  | {
      /** Packages each sub-folder (`package-%` → make-%, dep-%, lint-%, helm package). */
      kind: 'package'
      /** The sub-folders `all` names, in order (`$(COMMON_CHARTS_DIR)` first, the parent last). */
      targets: string[]
      excludes: string[]
    }
  | {
      /** Runs the default goal's recipes (`cd charts && helm dep up <chart>`). */
      kind: 'commands'
      goal: string
      steps: { text: string; line: number }[]
    }

/** Reads and parses a Makefile; throws an ActionError naming file:line for what it cannot read. */
export function readMakefile(file: string): ParsedMakefile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new ActionError(`failed to read ${file}`, { cause: err })
  }
  return parseMakefile(text, file)
}

/** Parses the subset of make that OOM's Makefiles use (comments, variables, rules, tab recipes). */
export function parseMakefile(text: string, file: string): ParsedMakefile {
  const vars = new Map<string, string>()
  const rules: MakeRule[] = []
  let current: MakeRule | undefined
  text.split('\n').forEach((raw, i) => {
    const line = i + 1
    if (raw.startsWith('\t')) {
      if (!current) throw new ActionError(`${file}:${line}: a recipe line outside any rule`)
      const t = raw.trim()
      if (t !== '' && !t.startsWith('#')) current.recipe.push({ text: t, line })
      return
    }
    const s = raw.replace(/#.*$/, '').trim()
    if (s === '') return
    const assign = /^([A-Za-z_][\w]*)\s*(?::=|\?=|=)\s*(.*)$/.exec(s)
    if (assign) {
      vars.set(assign[1]!, assign[2]!)
      current = undefined
      return
    }
    const rule = /^([^:=]+):(?!=)\s*(.*)$/.exec(s)
    if (!rule) throw new ActionError(`${file}:${line}: cannot read "${s}" as a rule or variable`)
    current = {
      target: rule[1]!.trim(),
      prerequisites: rule[2]!.split(/\s+/).filter(Boolean),
      recipe: [],
      line,
    }
    for (const t of current.target.split(/\s+/)) rules.push({ ...current, target: t })
    current = rules[rules.length - 1]
  })
  return { file, vars, rules }
}

/** Expands `$(NAME)` references to simple variables; `$(shell …)`/`$(wildcard …)` give ''. */
export function expand(mk: ParsedMakefile, text: string, depth = 0): string {
  if (depth > 10) return text
  return text.replace(/\$\(([A-Za-z_]\w*)\)/g, (_m, name: string) =>
    expand(mk, mk.vars.get(name) ?? '', depth + 1)
  )
}

/**
 * Returns what running `make` in the Makefile's folder does, given the folder's sub-folders
 * (sorted, as the Makefiles' `wildcard` lists them). The two shapes of OOM's Makefiles (Beijing,
 * Casablanca): the packaging one (top level, common/, sdnc/: `all: $(COMMON_CHARTS_DIR)
 * $(HELM_CHARTS)` with HELM_CHARTS = the sub-folders minus EXCLUDES, plus `$(PARENT_CHART)` at
 * the top) and the command one (oof/, dmaap/, dcaegen2/: a first goal whose recipes run
 * `cd charts && helm dep up …`).
 */
export function makefileShape(mk: ParsedMakefile, subdirs: string[]): MakefileShape {
  if (mk.rules.some((r) => r.target === 'package-%')) {
    const excludes = expand(mk, mk.vars.get('EXCLUDES') ?? '')
      .split(/\s+/)
      .filter(Boolean)
    const charts = subdirs.filter((d) => !excludes.includes(d))
    // HELM_CHARTS := $(filter-out $(EXCLUDES), <sub-folders>) [$(PARENT_CHART)]
    const after = expand(mk, afterCall(mk.vars.get('HELM_CHARTS') ?? '', '$(filter-out'))
    const helmCharts = [
      ...charts,
      ...after.split(/\s+/).filter((t) => t !== '' && !charts.includes(t)),
    ]
    const all = mk.rules.find((r) => r.target === 'all')
    const targets: string[] = []
    for (const p of all?.prerequisites ?? []) {
      const names = p === '$(HELM_CHARTS)' ? helmCharts : expand(mk, p).split(/\s+/)
      for (const n of names) {
        // Goals that are not folders (`plugins`: copies helm 2 plugins) package nothing.
        if (n !== '' && !targets.includes(n) && subdirs.includes(n)) targets.push(n)
      }
    }
    return { kind: 'package', targets, excludes }
  }
  const goal = mk.rules.find((r) => !r.target.startsWith('.') && !r.target.includes('%'))
  if (!goal) throw new ActionError(`${mk.file}: no goal to run`)
  const steps: { text: string; line: number }[] = []
  const seen = new Set<string>()
  const visit = (r: MakeRule) => {
    if (seen.has(r.target)) return
    seen.add(r.target)
    for (const p of r.prerequisites) {
      const dep = mk.rules.find((x) => x.target === p)
      if (dep) visit(dep)
    }
    steps.push(...r.recipe.map((s) => ({ text: expand(mk, s.text), line: s.line })))
  }
  visit(goal)
  return { kind: 'commands', goal: goal.target, steps }
}

// Returns what follows the balanced `$(fn …)` call that starts `text` ('' when none).
function afterCall(text: string, call: string): string {
  const start = text.indexOf(call)
  if (start < 0) return ''
  let depth = 0
  for (let i = start; i < text.length; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return text.slice(i + 1)
  }
  return ''
}
