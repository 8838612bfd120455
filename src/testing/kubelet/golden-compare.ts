import { parse, stringify } from 'yaml'
import { isObject } from '../../api/types.js'
import type { GoldenStep } from './golden-steps.js'

const YAML_OPTS = { lineWidth: 0 } as const

/** Renders a case's golden output file: a header comment, the case, the pod and its steps. */
export function renderGolden(
  c: { name: string; description: string; pod: string },
  steps: readonly GoldenStep[]
): string {
  const header = [
    `# ${c.description}`,
    '# Written by src/kubelet/stages.golden.test.ts; UPDATE_GOLDEN=1 regenerates it.',
    '# Steps are the simulated instants at which the kubelet wrote to the API about the pod.',
  ]
  return `${header.join('\n')}\n${stringify({ case: c.name, pod: c.pod, steps }, YAML_OPTS)}`
}

/** Reads the steps of a golden output file; throws naming the file when it has none. */
export function parseGolden(text: string, file: string): GoldenStep[] {
  const doc: unknown = parse(text)
  if (!isObject(doc) || !Array.isArray(doc.steps))
    throw new Error(`${file}: a golden output needs a steps list`)
  return doc.steps as GoldenStep[]
}

/**
 * Compares a case's steps with its golden ones. Returns undefined when they are equal, else a
 * report naming the case and the first step that differs (1-based, with its simulated time), a
 * line diff of that step (`-` expected, `+` actual) and how many steps differ in all.
 */
export function compareGolden(
  caseName: string,
  expected: readonly GoldenStep[],
  actual: readonly GoldenStep[]
): string | undefined {
  const n = Math.max(expected.length, actual.length)
  const differing: number[] = []
  for (let i = 0; i < n; i++) if (stepText(expected[i]) !== stepText(actual[i])) differing.push(i)
  if (differing.length === 0) return undefined
  const i = differing[0]!
  const when = (s: GoldenStep | undefined) => (s ? `at ${s.at}` : 'missing')
  return [
    `stage case "${caseName}": step ${i + 1} differs (expected ${when(expected[i])}, got ${when(actual[i])}); ` +
      `${differing.length} of ${n} steps differ; expected ${expected.length} steps, got ${actual.length}`,
    lineDiff(stepText(expected[i]), stepText(actual[i])),
  ].join('\n')
}

function stepText(s: GoldenStep | undefined): string {
  return s ? stringify(s, YAML_OPTS) : ''
}

/** Returns a line diff of two texts: unchanged lines with two spaces, `- ` expected, `+ ` actual. */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1)
  const b = actual.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1)
  // Longest common subsequence table, from the ends.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const out: string[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i++]}`)
      j++
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(`- ${a[i++]}`)
    } else out.push(`+ ${b[j++]}`)
  }
  return out.join('\n')
}
