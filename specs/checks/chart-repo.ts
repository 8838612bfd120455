// Chart repository: the charts `helm search onap` lists, read from the repository index.
import {
  diffTable,
  type ChartRepoClient,
  type Expectations,
  type IndexChart,
} from '../support/index.js'

/** Columns of the chart table (those of `helm search`). */
export const CHART_COLUMNS = ['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'] as const

/**
 * Checks the repository index lists the charts of helm-search.yaml as `helm search <term>` would:
 * the newest version of each chart whose name, `<repo>/<name>`, description or keywords contain
 * the term (any case), with its version, appVersion and description; nothing missing, nothing
 * extra. Fails with the table `charts of <url> matching "onap": …`.
 */
export async function checkChartRepository(
  repo: ChartRepoClient,
  expected: Expectations
): Promise<void> {
  const { term, charts } = expected.charts
  const repoName = charts[0]?.name.split('/')[0] ?? 'local'
  const want = charts.map((c) => ({
    NAME: c.name,
    'CHART VERSION': c.version,
    'APP VERSION': c.appVersion,
    DESCRIPTION: c.description,
  }))
  const index = await repo.index()
  const got = Object.entries(index.entries)
    .map(([name, versions]) => [name, newest(versions ?? [])] as const)
    .filter(([name, c]) => c !== undefined && matches(term, repoName, name, c))
    .map(([name, c]) => ({
      NAME: `${repoName}/${name}`,
      // YAML may read `version: 2.0` or `appVersion: 1.0` as numbers.
      'CHART VERSION': String(c!.version),
      'APP VERSION': String(c!.appVersion ?? ''),
      DESCRIPTION: String(c!.description ?? ''),
    }))
  diffTable(
    `charts of ${repo.url} matching "${term}" (helm search ${term})`,
    CHART_COLUMNS,
    want,
    got,
    'NAME'
  )
}

// Helm searches "<name>\v<repo>/<name>\v<description>\v<keywords>" in lower case.
function matches(term: string, repoName: string, name: string, chart: IndexChart): boolean {
  const line = [
    name,
    `${repoName}/${name}`,
    chart.description ?? '',
    (chart.keywords ?? []).join(' '),
  ]
  return line.join('\v').toLowerCase().includes(term.toLowerCase())
}

function newest(versions: IndexChart[]): IndexChart | undefined {
  return [...versions].sort((a, b) => compareVersions(b.version, a.version))[0]
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => String(v).replace(/^v/, '').split(/[.+-]/).slice(0, 3).map(Number)
  const [pa, pb] = [parts(a), parts(b)]
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] || 0) - (pb[i] || 0)
    if (d !== 0) return d
  }
  return 0
}
